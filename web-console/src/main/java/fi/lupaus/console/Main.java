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

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Meters meters = new Meters();
        Vertx vertx = meters.newVertx();
        LupausConfig.load(vertx)
                .compose(config -> ExtensionsConfig.load(vertx).compose(extensions ->
                        SandboxConfig.load(vertx).compose(sandbox -> OpsConfig.load(vertx).compose(ops ->
                                vertx.deployVerticle(new LupausVerticle(config, extensions, sandbox, ops, meters,
                                        Clock.systemUTC()))))))
                .onFailure(failure -> {
                    LOG.error("Lupaus did not start: {}", failure.getMessage());
                    vertx.close().onComplete(done -> System.exit(1));
                });
        // On SIGTERM or Ctrl-C: write what is queued, close the store, then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not finish cleanly: {}", e.getMessage());
            }
        }, "lupaus-shutdown"));
    }
}
