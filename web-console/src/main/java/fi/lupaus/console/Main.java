package fi.lupaus.console;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.console.config.OpsConfig;
import fi.lupaus.console.config.SandboxConfig;
import fi.lupaus.console.ops.Meters;
import io.vertx.core.Vertx;

/**
 * Starts the Lupaus server with the configuration from the defaults, environment and system
 * properties; {@code verify} as the first argument runs {@link VerifyCommand} instead.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    private record Settings(LupausConfig config, ExtensionsConfig extensions, SandboxConfig sandbox, OpsConfig ops) {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        // The settings are read with a Vert.x of their own: whether the server's Vert.x reports
        // metrics (a cost on every request) depends on them.
        Vertx reading = Vertx.vertx();
        Settings settings;
        try {
            settings = LupausConfig.load(reading).compose(config -> ExtensionsConfig.load(reading).compose(extensions ->
                            SandboxConfig.load(reading).compose(sandbox -> OpsConfig.load(reading).map(ops ->
                                    new Settings(config, extensions, sandbox, ops)))))
                    .await(60, TimeUnit.SECONDS);
        } catch (Exception failure) {
            if (String.valueOf(failure.getMessage()).startsWith("LUPAUS_LOG_FORMAT")) {
                // The log has no appender of that name, so it would swallow the line.
                System.err.println("Lupaus did not start: " + failure.getMessage());
            } else {
                LOG.error("Lupaus did not start: {}", failure.getMessage());
            }
            System.exit(1);
            return;
        } finally {
            reading.close();
        }
        Meters meters = new Meters();
        Vertx vertx = settings.ops().metricsPort() == null ? Vertx.vertx() : meters.newVertx();
        LupausVerticle server = new LupausVerticle(settings.config(), settings.extensions(), settings.sandbox(),
                settings.ops(), meters, Clock.systemUTC());
        vertx.deployVerticle(server)
                .onFailure(failure -> {
                    LOG.error("Lupaus did not start: {}", failure.getMessage());
                    vertx.close().onComplete(done -> System.exit(1));
                });
        // On SIGTERM or Ctrl-C: tell callers to let go of their connections, answer what is in
        // flight, write what is queued, close the store, then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.drain().await(5, TimeUnit.SECONDS);
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not finish cleanly: {}", e.getMessage());
            }
        }, "lupaus-shutdown"));
    }
}
