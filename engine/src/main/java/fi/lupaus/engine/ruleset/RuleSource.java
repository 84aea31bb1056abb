package fi.lupaus.engine.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named DRL text of a rule set.
 *
 * @param name a relative path ending in {@code .drl}, best matching the DRL's package
 *             (e.g. {@code fi/lupaus/rules/standard/promoters.drl})
 * @param drl  the rules
 */
public record RuleSource(String name, String drl) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.drl");

    public RuleSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(drl, "drl");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "rule source name '" + name + "' must be a relative path of letters, digits, '_' and '-' ending in .drl");
        }
    }

    /** Reads a DRL resource that sits on the class path of {@code anchor}, named by its resource path. */
    public static RuleSource fromClasspath(Class<?> anchor, String resourcePath) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalArgumentException("no rule resource " + resourcePath + " beside " + anchor.getName());
            }
            return new RuleSource(resourcePath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule resource " + resourcePath, e);
        }
    }
}
