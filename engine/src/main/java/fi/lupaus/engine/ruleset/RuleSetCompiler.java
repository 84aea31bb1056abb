package fi.lupaus.engine.ruleset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL sources at run time into an immutable {@link RuleSet} whose version is the
 * SHA-256 of its sources. Trusted packs from the class path are compiled with {@link #compile};
 * rules written at run time, by people, go through {@link #compileUntrusted}, which lets the
 * {@link RuleGuard} check them first. Thread-safe.
 */
public final class RuleSetCompiler {

    private static final String RESOURCES = "src/main/resources/";

    private final KieServices kie = KieServices.Factory.get();
    private final RuleGuard guard = new RuleGuard();
    private final ClassLoader classLoader;

    /** @param classLoader sees the fact classes the rules import */
    public RuleSetCompiler(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public RuleSetCompiler() {
        this(RuleSetCompiler.class.getClassLoader());
    }

    /**
     * Compiles trusted sources, such as the packs on the class path, as they are: DRL can run
     * any Java, so never pass rules that people wrote at run time here.
     */
    public Compilation compile(List<RuleSource> sources) {
        List<RuleSource> sorted = sources.stream().sorted(Comparator.comparing(RuleSource::name)).toList();
        Set<String> names = new HashSet<>();
        for (RuleSource source : sorted) {
            if (!names.add(source.name())) {
                return new Compilation(null, List.of(
                        new CompileError(source.name(), 0, 0, "two rule sources have the same name")));
            }
        }

        // A unique release id per build: the same sources may be compiled concurrently.
        ReleaseId releaseId = kie.newReleaseId("fi.lupaus.rulesets", "ruleset-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(releaseId);
        sorted.forEach(source -> files.write(RESOURCES + source.name(), source.drl()));

        KieBuilder builder = kie.newKieBuilder(files, classLoader).buildAll();
        Map<String, String> drlByName = sorted.stream().collect(Collectors.toMap(RuleSource::name, RuleSource::drl));
        List<CompileError> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(RuleSetCompiler::toCompileError)
                .flatMap(error -> ConsequenceLines.place(error, drlByName.get(error.source())).stream())
                .toList();
        if (!errors.isEmpty()) {
            return new Compilation(null, errors);
        }
        try {
            KieContainer container = kie.newKieContainer(releaseId, classLoader);
            return new Compilation(new RuleSet(versionOf(sorted), sorted, container.getKieBase()), List.of());
        } finally {
            // The repository would otherwise keep every module ever compiled.
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Compiles sources that people wrote at run time (in the console): they are compiled only
     * when the {@link RuleGuard} finds nothing they are not allowed to do; otherwise the
     * compilation fails with the guard's findings, and no DRL of theirs reaches the compiler.
     */
    public Compilation compileUntrusted(List<RuleSource> sources) {
        List<CompileError> refused = guard.check(sources);
        return refused.isEmpty() ? compile(sources) : new Compilation(null, refused);
    }

    /** SHA-256 over the sources in name order, each as its name and its text. */
    static String versionOf(List<RuleSource> sorted) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sorted) {
                sha.update(source.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.drl().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static CompileError toCompileError(Message message) {
        String path = message.getPath() == null ? "" : message.getPath();
        String source = path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
        return new CompileError(source, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0),
                message.getText().strip());
    }
}
