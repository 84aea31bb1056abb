package fi.lupaus.examples.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --name value} (or {@code --name=value}) options of the example commands, read into
 * typed values by the command that owns them. {@code --help} and {@code -h} take no value.
 */
public final class Args {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads the command line.
     *
     * @param argv  the arguments as {@code main} got them
     * @param known the option names the command accepts, without dashes
     * @throws IllegalArgumentException on an unknown option, a missing value or a stray word
     */
    public static Args parse(String[] argv, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                values.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        return new Args(values);
    }

    public boolean help() {
        return values.containsKey("help");
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public long longValue(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a whole number, not '" + value + "'");
        }
    }

    public int intValue(String name, int fallback) {
        long value = longValue(name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " is out of range: " + value);
        }
        return (int) value;
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO {@code PT30S}. */
    public Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " wants a duration like 30s or 2m, not '" + value + "'");
        }
    }

    public Instant instant(String name, Instant fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " wants an instant like 2026-11-20T00:00:00Z, not '" + value + "'");
        }
    }
}
