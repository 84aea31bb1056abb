package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Against the packaged server: auditors' exports whose readers never read hold their own
 * threads and store connections, at most a few at once, and everyone else is served meanwhile.
 */
class SlowExportReadersIT {

    private static final int READERS = 20;
    private static final int RECORDS = 20_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(300)
    void exportsThatAreNeverReadStarveNeitherFeedbackNorTokenLookups() throws Exception {
        List<Socket> readers = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dataDir, logs.resolve("server.log"), "512m", Map.of())) {
            fill(server);
            String auditor = newToken(server, "auditor");
            try {
                for (int i = 0; i < READERS; i++) {
                    readers.add(exportNeverRead(server, auditor));
                }
                // Made now, so that its first use is a lookup in the store, not a remembered one.
                String ingest = newToken(server, "ingest");

                Instant until = Instant.now().plusSeconds(10);
                int posted = 0;
                while (Instant.now().isBefore(until)) {
                    Instant start = Instant.now();
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + ingest)
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    TestServer.feedback("fb-export-" + posted++, "C-x", "NPS", 9).encode()))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
                }
                HttpResponse<String> another = client.send(HttpRequest.newBuilder(server.uri(exportPath()))
                        .header("Authorization", "Bearer " + auditor).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(another.statusCode()).as("an export past the bound").isEqualTo(503);
                assertThat(another.headers().firstValue("Retry-After")).isPresent();
            } finally {
                for (Socket reader : readers) {
                    reader.close();
                }
            }
        }
    }

    private static String exportPath() {
        return "/api/audit/export?format=jsonl&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
    }

    /** Asks for an export on a connection with a tiny receive buffer, and never reads it. */
    private static Socket exportNeverRead(ServerProcess server, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + exportPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Enough records that an export fills every buffer between the server and a reader that does not read. */
    private void fill(ServerProcess server) throws Exception {
        for (int batch = 0; batch < RECORDS / 1000; batch++) {
            JsonArray feedback = new JsonArray();
            for (int i = 0; i < 1000; i++) {
                feedback.add(TestServer.feedback("fb-" + batch + "-" + i, "C-" + i, "NPS", i % 11)
                        .put("comment", "a comment long enough to make the export of this record weigh something"));
            }
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(server.uri("/api/feedback/batch"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(feedback.encode())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(201);
        }
    }

    private String newToken(ServerProcess server, String role) throws Exception {
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.uri("/api/tokens"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", role + "-it")
                        .put("role", role).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new JsonObject(created.body()).getString("token");
    }
}
