package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/** Nothing acknowledged is lost: every feedback that got a 2xx is there after a SIGKILL. */
@Tag("store")
class CrashRecoveryIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    // HTTP/1.1: JDK 17's client fails every HTTP/2 stream of a connection on GOAWAY, even those
    // the server said it would still answer, so over h2c it cannot tell whether they were answered.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * What the senders saw while the server was stopped under them: the feedback acknowledged,
     * the 5xx answers, the requests sent before the stop that got no answer at all, and those
     * sent before it and answered after it (in flight when it came).
     */
    private record Answers(Set<String> acknowledged, AtomicInteger serverErrors, Set<String> unansweredBeforeStop,
            AtomicInteger answeredAcrossStop) {
    }

    @Test
    void everyAcknowledgedFeedbackIsStoredAfterTheServerIsKilledMidStream() throws Exception {
        Answers answers = postUntilStopped(ServerProcess::kill);

        assertThat(storedAfterRestart()).containsAll(answers.acknowledged());
        // Otherwise the kill came between requests and proved nothing about one cut off mid-write.
        assertThat(answers.unansweredBeforeStop()).as("requests in flight when the server was killed").isNotEmpty();
    }

    @Test
    void aServerStoppedMidStreamAnswersWhatItTookAndFailsNone() throws Exception {
        Answers answers = postUntilStopped(ServerProcess::terminate);

        assertThat(answers.unansweredBeforeStop()).as("requests sent before SIGTERM that got no answer").isEmpty();
        assertThat(answers.answeredAcrossStop()).as("requests in flight when SIGTERM came, answered").hasPositiveValue();
        assertThat(answers.serverErrors()).as("requests answered 5xx while stopping").hasValue(0);
        assertThat(storedAfterRestart()).containsAll(answers.acknowledged());
        // The store closes after the last append is written, not under it.
        assertThat(Files.readString(logs.resolve("first.log"))).doesNotContain("ERROR");
    }

    private interface Stop {
        void stop(ServerProcess server) throws InterruptedException;
    }

    /**
     * 16 senders post feedback until the server has acknowledged 500, then they stop sending and
     * the server is stopped under the requests still in flight. A request counts as sent before
     * the stop if it was handed to the client before the signal; one handed over later may find
     * the server gone.
     */
    private Answers postUntilStopped(Stop stop) throws Exception {
        Answers answers = new Answers(ConcurrentHashMap.newKeySet(), new AtomicInteger(),
                ConcurrentHashMap.newKeySet(), new AtomicInteger());
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<?>> sending = new ArrayList<>();

        try (ServerProcess server = ServerProcess.start(dataDir, logs.resolve("first.log"))) {
            for (int i = 0; i < 16; i++) {
                sending.add(senders.submit(() -> {
                    while (posting.get()) {
                        String id = "fb-crash-" + sequence.incrementAndGet();
                        long sentAt = System.nanoTime();
                        try {
                            var answer = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            TestServer.feedback(id, "C-crash", "NPS", 4).encode()))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                            if (sentAt < stoppedAt.get() && System.nanoTime() > stoppedAt.get()) {
                                answers.answeredAcrossStop().incrementAndGet();
                            }
                            if (answer.statusCode() / 100 == 2) {
                                answers.acknowledged().add(id);
                            } else if (answer.statusCode() / 100 == 5) {
                                answers.serverErrors().incrementAndGet();
                            }
                        } catch (IOException noAnswer) {
                            if (sentAt < stoppedAt.get()) {
                                answers.unansweredBeforeStop().add(id + ": " + noAnswer);
                            }
                        }
                    }
                    return null;
                }));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (answers.acknowledged().size() < 500) {
                assertThat(Instant.now()).as("500 acknowledged within 2 minutes").isBefore(deadline);
                Thread.sleep(10);
            }
            posting.set(false);
            stoppedAt.set(System.nanoTime());
            stop.stop(server);
            // Every sender ends once its last request is answered or has failed (30 s at most).
            for (Future<?> sender : sending) {
                sender.get(60, TimeUnit.SECONDS);
            }
        } finally {
            posting.set(false);
            senders.shutdownNow();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).as("senders ended").isTrue();
        }
        return answers;
    }

    private Set<String> storedAfterRestart() throws Exception {
        try (ServerProcess restarted = ServerProcess.start(dataDir, logs.resolve("second.log"))) {
            return storedFeedbackIds(client, restarted);
        }
    }

    private static Set<String> storedFeedbackIds(HttpClient client, ServerProcess server) throws Exception {
        Set<String> ids = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            // A cursor that never ends would otherwise page forever.
            assertThat(++pages).as("pages of stored decisions").isLessThanOrEqualTo(1_000);
            String query = "/api/decisions?customerId=C-crash&limit=1000" + (after == null ? "" : "&after=" + after);
            JsonObject page = new JsonObject(client.send(HttpRequest.newBuilder(server.uri(query))
                            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("feedbackId")));
            after = page.getString("next");
        } while (after != null);
        return ids;
    }
}
