package fi.lupaus.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;

import fi.lupaus.engine.audit.Auditor;
import fi.lupaus.engine.audit.VerifyReport;
import fi.lupaus.engine.log.ChainKey;
import fi.lupaus.engine.jdbc.Database;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar lupaus.jar verify}: checks the decision log's chain and replays every
 * decision, straight from a data directory (the server must not be running on it; while it
 * runs, use {@code POST /api/audit/verify}). Exits 0 when clean, 1 when problems were found.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Verify the decision log: the hash chain holds and every decision replays identically.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "the server's data directory (LUPAUS_DATA_DIR)", defaultValue = "./data")
    Path dataDir;

    @Option(names = "--from", description = "only decisions made at or after this ISO-8601 time")
    OffsetDateTime from;

    @Option(names = "--to", description = "only decisions made before this ISO-8601 time")
    OffsetDateTime to;

    @Override
    public Integer call() {
        // The key as the server reads it (a system property over the environment), never as an argument.
        String key = setting("LUPAUS_CHAIN_KEY");
        ChainKey chainKey = key == null ? null : ChainKey.of(key);
        String url = setting("LUPAUS_DB_URL");
        if (url == null && !Files.isDirectory(dataDir)) {
            System.err.println("There is no data directory " + dataDir.toAbsolutePath());
            return 2;
        }
        Database.Settings settings = url == null ? Database.Settings.embedded(dataDir)
                : new Database.Settings(url, setting("LUPAUS_DB_USER"), setting("LUPAUS_DB_PASSWORD"), 2);
        try (Database database = Database.open(settings);
             JdbcDecisionLog log = JdbcDecisionLog.open(database, JdbcDecisionLog.DEFAULT_QUEUE_CAPACITY, chainKey)) {
            VerifyReport report = new Auditor(log, new RuleSetCompiler()).verify(instant(from), instant(to),
                    checked -> System.err.println("checked " + checked + " decisions"));
            report.problems().forEach(problem -> System.out.println(
                    "record " + problem.seq() + ", decision " + problem.decisionId() + ": " + problem.reason()));
            System.out.println(report.anchoring());
            System.out.println(report.checked() + " decisions checked, "
                    + (report.clean() ? "the log verifies clean" : report.problems().size() + " problems"));
            return report.clean() ? 0 : 1;
        }
    }

    /** A setting as the server reads it: a system property over the environment; null when blank. */
    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static int run(String... args) {
        return new CommandLine(new VerifyCommand()).execute(args);
    }
}
