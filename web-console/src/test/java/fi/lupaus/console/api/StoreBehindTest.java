package fi.lupaus.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.log.LogFullException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * A full write queue (GroupCommitWriterTest) reaches the caller as 503 with Retry-After through
 * the server's one failure handler.
 */
class StoreBehindTest {

    @Test
    void aFullWriteQueueIsA503WithRetryAfter() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.post("/api/feedback").handler(ctx -> ctx.fail(new LogFullException(10_000)));
            router.route().failureHandler(Problems::handle);
            int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();

            HttpResponse<Buffer> answer = WebClient.create(vertx).post(port, "127.0.0.1", "/api/feedback").send()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.getHeader("Retry-After")).isEqualTo("1");
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                    .isEqualTo("the decision log has 10000 appends waiting to be written; try again shortly");
        } finally {
            vertx.close().await();
        }
    }
}
