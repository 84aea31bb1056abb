package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/** Nothing acknowledged is lost: every feedback that got a 2xx is there after a SIGKILL. */
class CrashRecoveryIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newHttpClient();

    /** What the senders saw while the server was stopped under them. */
    private record Answers(Set<String> acknowledged, AtomicInteger serverErrors) {
    }

    @Test
    void everyAcknowledgedFeedbackIsStoredAfterTheServerIsKilledMidStream() throws Exception {
        Answers answers = postUntilStopped(ServerProcess::kill);

        assertThat(storedAfterRestart()).containsAll(answers.acknowledged());
        assertThat(answers.acknowledged()).hasSizeGreaterThanOrEqualTo(500);
    }

    @Test
    void aServerStoppedMidStreamAnswersWhatItTookAndFailsNone() throws Exception {
        Answers answers = postUntilStopped(ServerProcess::terminate);

        assertThat(storedAfterRestart()).containsAll(answers.acknowledged());
        assertThat(answers.serverErrors()).as("requests answered 5xx while stopping").hasValue(0);
        // The store closes after the last append is written, not under it.
        assertThat(Files.readString(logs.resolve("first.log"))).doesNotContain("ERROR");
    }

    private interface Stop {
        void stop(ServerProcess server) throws InterruptedException;
    }

    /** 16 senders post feedback until the server has acknowledged 500, then it is stopped under them. */
    private Answers postUntilStopped(Stop stop) throws Exception {
        Answers answers = new Answers(ConcurrentHashMap.newKeySet(), new AtomicInteger());
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);

        try (ServerProcess server = ServerProcess.start(dataDir, logs.resolve("first.log"))) {
            for (int i = 0; i < 16; i++) {
                senders.submit(() -> {
                    while (posting.get()) {
                        String id = "fb-crash-" + sequence.incrementAndGet();
                        try {
                            var answer = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            TestServer.feedback(id, "C-crash", "NPS", 4).encode()))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() / 100 == 2) {
                                answers.acknowledged().add(id);
                            } else if (answer.statusCode() / 100 == 5) {
                                answers.serverErrors().incrementAndGet();
                            }
                        } catch (Exception stopped) {
                            // the server is gone: what it acknowledged is what counts
                        }
                    }
                    return null;
                });
            }
            while (answers.acknowledged().size() < 500) {
                Thread.sleep(10);
            }
            stop.stop(server);
        } finally {
            posting.set(false);
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
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
        do {
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
