package fi.lupaus.examples.load;

import java.io.PrintStream;
import java.util.Locale;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Posts generated feedback to a running Lupaus server, keeping a fixed number of requests in
 * flight, and prints throughput, latency percentiles, the actions decided and any failures:
 * {@code java -jar lupaus-examples.jar --url http://127.0.0.1:8080 --connections 64 --count 200000}.
 * Exits 1 if any request failed, 2 on a bad command line.
 */
public final class LoadCommand {

    private LoadCommand() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs the command line; the report goes to {@code out}, progress and problems to {@code err}. */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(LoadOptions.USAGE);
            return 2;
        }
        if (options == null) {
            out.print(LoadOptions.USAGE);
            return 0;
        }
        // The client runs on one event loop; the server it measures wants the other cores.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            LoadResult result = run(vertx, options, err);
            out.printf(Locale.ROOT, "POST %s, %d connections, batch %d, seed %d%n",
                    options.endpoint(), options.connections(), options.batch(), options.seed());
            out.print(result.report());
            return result.failures() == 0 ? 0 : 1;
        } finally {
            vertx.close().await();
        }
    }

    /** Prepares every body, then runs the warm-up and the measured phase and returns what they saw. */
    static LoadResult run(Vertx vertx, LoadOptions options, PrintStream progress) {
        long preparing = System.nanoTime();
        LoadRun run = LoadRun.prepare(vertx, options);
        progress.printf(Locale.ROOT, "prepared %d warm-up and %d measured feedback in %d ms; running…%n",
                options.warmup(), options.timed() ? options.pool() : options.count(),
                (System.nanoTime() - preparing) / 1_000_000);
        return run.start().await();
    }
}
