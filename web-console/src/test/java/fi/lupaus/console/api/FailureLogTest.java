package fi.lupaus.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A failure the server did not expect is logged with a reference and the request's path, its
 * parameters (usernames, ids) left out, mounted as the server mounts its routes.
 */
class FailureLogTest {

    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router feedback = Router.router(vertx);
        // Each request is read, as the server's routes read theirs: a failure then is the server's own.
        feedback.post("/").handler(BodyHandler.create()).handler(ctx -> ctx.fail(new IllegalStateException("boom")));
        Router users = Router.router(vertx);
        users.delete("/:username").handler(BodyHandler.create()).handler(ctx -> ctx.fail(new IllegalStateException("boom")));
        users.get("/:username").handler(ctx -> ctx.fail(new IllegalStateException("boom")));
        Router router = Router.router(vertx);
        router.route("/api/feedback*").subRouter(feedback);
        router.route("/api/users*").subRouter(users);
        router.route().failureHandler(Problems::handle);
        port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /** What the server logged about the request's failure: the line that carries its reference. */
    private String logged(HttpMethod method, String path) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            HttpResponse<Buffer> answer = WebClient.create(vertx).request(method, port, "127.0.0.1", path)
                    .sendBuffer(Buffer.buffer("{}"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(500);
            String reference = answer.bodyAsString().replaceAll(".*reference ([0-9a-f-]{36}).*", "$1");
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains(reference)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line has reference " + reference));
        } finally {
            logger.detachAppender(captured);
        }
    }

    @Test
    void aPathWithoutParametersIsLoggedAsItIs() throws Exception {
        assertThat(logged(HttpMethod.POST, "/api/feedback")).contains("POST /api/feedback failed, reference ");
    }

    @Test
    void aParameterIsLeftOutOfThePathAndOnlyIt() throws Exception {
        assertThat(logged(HttpMethod.DELETE, "/api/users/maija")).contains("DELETE /api/users/{…} failed, reference ")
                .doesNotContain("maija");
        assertThat(logged(HttpMethod.DELETE, "/api/users/maija%40example.fi"))
                .contains("DELETE /api/users/{…} failed, reference ").doesNotContain("maija");
    }

    @Test
    void aFailureOfARequestWithoutABodyIsTheServers() throws Exception {
        HttpResponse<Buffer> answer = WebClient.create(vertx).get(port, "127.0.0.1", "/api/users/maija").send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(500);
    }
}
