package fi.lupaus.console.config;

import io.vertx.core.Vertx;

/** Prints three settings as the server would read them, for ConfigOrderTest to run in a process of its own. */
public final class ConfigProbe {

    private ConfigProbe() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LupausConfig config = LupausConfig.load(vertx).toCompletionStage().toCompletableFuture().get();
            System.out.println("batch=" + config.maxBatchSize() + " rate=" + config.rateLimit()
                    + " body=" + config.maxBodyBytes());
        } finally {
            vertx.close().await();
        }
    }
}
