package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the packaged server with a small heap: connections that send part of a big body and
 * then stall hold no memory, and the server keeps answering the rest.
 */
class SlowClientsIT {

    /** Before, about 800 of these (261,000 bytes each) took a 192 MiB heap to OutOfMemoryError. */
    private static final int STALLED_PAGES = 800;
    private static final int STALLED_SIGN_INS = 100;
    private static final int STALLED_FEEDBACK = 100;
    private static final int SENT = 261_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** What each stalled connection has yet to send. */
    private final Map<SocketChannel, ByteBuffer> pending = new HashMap<>();

    @Test
    @Timeout(300)
    void connectionsStallingMidBodyHoldNoMemoryAndTheServerKeepsAnswering() throws Exception {
        Path log = logs.resolve("server.log");
        List<SocketChannel> stalled = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dataDir, log, "192m", Map.of())) {
            try {
                for (int i = 0; i < STALLED_PAGES; i++) {
                    stalled.add(stall(server, "/index.html", null, 262_000));
                }
                for (int i = 0; i < STALLED_SIGN_INS; i++) {
                    stalled.add(stall(server, "/api/session", null, 262_000));
                }
                for (int i = 0; i < STALLED_FEEDBACK; i++) {
                    stalled.add(stall(server, "/api/feedback", TestServer.ADMIN_TOKEN, 2_000_000));
                }
                sendBodies(stalled, Instant.now().plusSeconds(60));

                assertAnswersQuickly(server, HttpRequest.newBuilder(server.uri("/api/health")).build(), 200);
                assertAnswersQuickly(server, HttpRequest.newBuilder(server.uri("/api/feedback"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                TestServer.feedback("fb-during-stall", "C-stall", "NPS", 9).encode()))
                        .build(), 201);
            } finally {
                for (SocketChannel channel : stalled) {
                    channel.close();
                }
            }
            assertAnswersQuickly(server, HttpRequest.newBuilder(server.uri("/api/health")).build(), 200);
            assertThat(server.isAlive()).isTrue();
        }
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    /** Opens a connection and sends the head of a POST announcing {@code length} bytes of body. */
    private SocketChannel stall(ServerProcess server, String path, String token, int length)
            throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
        channel.configureBlocking(false);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n";
        ByteBuffer buffer = ByteBuffer.allocate(head.length() + SENT);
        buffer.put(head.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            buffer.put((byte) ' ');
        }
        buffer.flip();
        pending.put(channel, buffer);
        return channel;
    }

    /**
     * Writes each connection's head and part-body as far as the server takes it, until all is
     * written or the deadline; a server that reads nothing leaves it in the socket buffers.
     */
    private void sendBodies(List<SocketChannel> channels, Instant deadline) {
        boolean progress = true;
        while (progress && Instant.now().isBefore(deadline)) {
            progress = false;
            for (SocketChannel channel : channels) {
                ByteBuffer buffer = pending.get(channel);
                if (buffer == null || !buffer.hasRemaining()) {
                    continue;
                }
                try {
                    progress |= channel.write(buffer) > 0;
                } catch (IOException closedByServer) {
                    pending.remove(channel);
                }
            }
        }
    }

    private void assertAnswersQuickly(ServerProcess server, HttpRequest request, int status) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }
}
