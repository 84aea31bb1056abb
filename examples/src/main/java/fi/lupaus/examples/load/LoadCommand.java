package fi.lupaus.examples.load;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import fi.lupaus.examples.cli.CommandLines;
import fi.lupaus.examples.generator.FeedbackGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Posts generated feedback to a running Lupaus server, keeping a fixed number of requests in
 * flight, and prints throughput, latency percentiles, the actions decided and any failures:
 * {@code java -jar lupaus-examples.jar --url http://127.0.0.1:8080 --connections 64 --count 200000}.
 * Exits 1 if any request failed, 2 on a bad command line.
 */
@Command(name = "java -jar lupaus-examples.jar", mixinStandardHelpOptions = true,
        versionProvider = CommandLines.Version.class, sortOptions = false, showDefaultValues = true,
        description = "Posts generated feedback to a running Lupaus server and reports throughput and latency.",
        footer = "Exits 0 if every request succeeded, 1 if any failed, 2 on a bad command line.")
public final class LoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "server base URL")
    private String url = "http://127.0.0.1:8080";

    @Option(names = "--connections", paramLabel = "N",
            description = "requests kept in flight, one per keep-alive connection")
    private int connections = 64;

    @Option(names = "--count", paramLabel = "N", description = "feedback to measure")
    private long count = 100_000;

    @Option(names = "--duration", paramLabel = "D",
            description = "measure for D instead of a count, e.g. 30s, 2m")
    private Duration duration;

    @Option(names = "--batch", paramLabel = "N", description = "feedback per request: 1 posts /api/feedback, "
            + "2-" + LoadOptions.MAX_BATCH + " post arrays to /api/feedback/batch")
    private int batch = 1;

    @Option(names = "--seed", paramLabel = "S", description = "picks the generated sequence; use a new seed against "
            + "a server that has seen this one, or its answers are replays (200)")
    private long seed = 42;

    @Option(names = "--warmup", paramLabel = "N", description = "feedback sent first and left out of the figures")
    private long warmup = 10_000;

    @Option(names = "--token", paramLabel = "T", description = "sent as Authorization: Bearer T")
    private String token;

    @Option(names = "--start", paramLabel = "T",
            description = "generated receivedAt values fall in the 4 weeks before T")
    private Instant start = FeedbackGenerator.DEFAULT_START;

    @Option(names = "--pool", paramLabel = "N", description = "feedback prepared before a timed run")
    private long pool = 100_000;

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs the command line; the report and help go to {@code out}, progress and problems to {@code err}. */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        return CommandLines.of(new LoadCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(argv);
    }

    /** Reads the command line without running it. */
    static LoadOptions parse(String... argv) {
        LoadCommand command = new LoadCommand();
        CommandLines.of(command).parseArgs(argv);
        return command.options();
    }

    /** The options read, checked; a {@link ParameterException} (exit 2) if they don't make sense. */
    private LoadOptions options() {
        CommandLine commandLine = spec.commandLine();
        if (duration != null && commandLine.getParseResult().hasMatchedOption("--count")) {
            throw new ParameterException(commandLine, "give --count or --duration, not both");
        }
        try {
            return new LoadOptions(url, connections, duration == null ? count : 0, duration, batch, seed, warmup,
                    token, start, pool);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        LoadOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        // The client runs on one event loop; the server it measures wants the other cores.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            LoadResult result = run(vertx, options, spec.commandLine().getErr());
            out.printf(Locale.ROOT, "POST %s, %d connections, batch %d, seed %d%n",
                    options.endpoint(), options.connections(), options.batch(), options.seed());
            out.print(result.report());
            out.flush();
            return result.failures() == 0 ? 0 : 1;
        } finally {
            vertx.close().await();
        }
    }

    /** Prepares every body, then runs the warm-up and the measured phase and returns what they saw. */
    static LoadResult run(Vertx vertx, LoadOptions options, PrintWriter progress) {
        long preparing = System.nanoTime();
        LoadRun run = LoadRun.prepare(vertx, options);
        progress.printf(Locale.ROOT, "prepared %d warm-up and %d measured feedback in %d ms; running…%n",
                options.warmup(), options.timed() ? options.pool() : options.count(),
                (System.nanoTime() - preparing) / 1_000_000);
        return run.start().await();
    }
}
