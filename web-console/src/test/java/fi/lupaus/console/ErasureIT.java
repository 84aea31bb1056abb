package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * Issue #11: an erased customer is unreadable from the store's files and the server log too, not
 * only from the API. The packaged server, stopped the way an operator stops it. H2 only: its point
 * is the embedded store's file (on PostgreSQL, AuditApiTest checks erasure through the API).
 */
class ErasureIT {

    private static final String CUSTOMER = "C-ERASE-ME-7731";
    private static final String COMMENT = "Myyjä Xyzzy-4411 oli tyly, soittakaa";
    private static final String ORDER = "O-ERASE-98127";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @Timeout(300)
    void anErasedCustomerIsInNoFileOfTheDataDirectoryNorInTheServerLogAfterACleanStop() throws Exception {
        Path serverLog = logs.resolve("server.log");
        List<String> decisions = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dataDir, serverLog, "512m",
                Map.of("LUPAUS_OUTBOX_POLL_MS", "100"))) {
            decisions.add(post(server, TestServer.feedback("fb-erase-1", CUSTOMER, "NPS", 2)
                    .put("comment", COMMENT).put("complaint", true).put("orderId", ORDER).put("loyaltyTier", "gold")));
            decisions.add(post(server, TestServer.feedback("fb-erase-2", CUSTOMER, "NPS", 10).put("orderId", ORDER + "-2")));
            decisions.add(post(server, TestServer.feedback("fb-erase-3", CUSTOMER, "CSAT", 1).put("comment", COMMENT)));
            post(server, TestServer.feedback("fb-kept", "C-KEPT-1", "NPS", 9));
            // The log handler has written the erased customer's actions before the erasure.
            OutboxApiTest.eventually(() -> decisions.stream().allMatch(id -> read(serverLog).contains(id)));

            var erased = client.send(request(server, "/api/customers/" + CUSTOMER).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(erased.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(erased.body()).getInteger("erasedRecords")).isEqualTo(3);
        }

        assertErasedFromEveryFile(serverLog);
        assertThat(read(serverLog)).as("the actions were logged, without the customer").contains(decisions.get(0))
                .contains("\"decisionId\"");
    }

    @Test
    @Timeout(300)
    void aServerKilledAfterAnErasureRemovesTheErasedValuesFromItsFilesAtTheNextStart() throws Exception {
        Path serverLog = logs.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(dataDir, serverLog)) {
            post(server, TestServer.feedback("fb-erase-1", CUSTOMER, "NPS", 3).put("comment", COMMENT).put("orderId", ORDER));
            post(server, TestServer.feedback("fb-kept", "C-KEPT-1", "NPS", 9));
            var erased = client.send(request(server, "/api/customers/" + CUSTOMER).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(erased.statusCode()).isEqualTo(200);
            server.kill();
        }
        assertThat(dataDir.resolve("compaction-pending")).exists();

        try (ServerProcess restarted = ServerProcess.start(dataDir, serverLog)) {
            assertThat(dataDir.resolve("compaction-pending")).doesNotExist();
        }

        assertErasedFromEveryFile(serverLog);
    }

    /** No file of the data directory, nor the server log, holds the erased values; the store holds the others. */
    private void assertErasedFromEveryFile(Path serverLog) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        files.add(serverLog);
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String erasedText : List.of(CUSTOMER, "Xyzzy-4411", ORDER)) {
                assertThat(bytes.contains(latin1(erasedText))).as(erasedText + " in " + file).isFalse();
            }
        }
        assertThat(read(dataDir.resolve("lupaus.mv.db"))).as("the store is searchable as raw bytes").contains("C-KEPT-1");
    }

    private String post(ServerProcess server, JsonObject feedback) throws Exception {
        var answer = client.send(request(server, "/api/feedback").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(feedback.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return new JsonObject(answer.body()).getString("decisionId");
    }

    private static HttpRequest.Builder request(ServerProcess server, String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    }

    /** The text's UTF-8 bytes as ISO-8859-1 characters: a search of the raw bytes. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
