package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;

/** Idle connections are cut, bodies must keep a minimum rate, and buffered bodies have a budget. */
@Timeout(90)
class BodyLimitsTest {

    @TempDir
    Path dataDir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Duration idleTimeout, int minBodyRate, long maxBufferedBodyBytes) {
        LupausConfig.Limits d = LupausConfig.Limits.DEFAULTS;
        server = TestServer.start(TestServer.config(dataDir).withLimits(new LupausConfig.Limits(idleTimeout,
                minBodyRate, maxBufferedBodyBytes, d.maxExports(), d.signInPerUser(), d.signInPerAddress(),
                d.signInWindow(), d.storeProbeInterval(), d.storeGiveUp())), Clock.systemUTC());
    }

    private Socket postHead(int contentLength) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        start(Duration.ofSeconds(1), 8192, 64L * 1024 * 1024);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            Instant opened = Instant.now();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBodyTricklingInBelowTheMinimumRateHasItsConnectionClosed() throws Exception {
        // 5,000 bytes at 1,000 a second at least: five seconds of grace and five of body.
        start(Duration.ofSeconds(30), 1_000, 64L * 1024 * 1024);
        try (Socket socket = postHead(5_000)) {
            Instant opened = Instant.now();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(500);
            boolean closed = false;
            // A byte each half second: never idle, but far below the rate.
            while (!closed && Duration.between(opened, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
                try {
                    out.write(' ');
                    closed = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet: send the next byte
                } catch (SocketException reset) {
                    closed = true;
                }
            }

            assertThat(closed).isTrue();
            assertThat(Duration.between(opened, Instant.now())).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(20));
        }
    }

    @Test
    void bodiesPastTheBufferedBudgetAreAnswered503UntilOthersAreDone() throws Exception {
        start(Duration.ofSeconds(30), 8192, 100_000);
        try (Socket first = postHead(60_000)) {
            // The first body holds 60,000 of the 100,000 bytes until it is answered.
            awaitReserved(60_000);
            try (Socket second = postHead(60_000)) {
                String status = new BufferedReader(new InputStreamReader(second.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(status).isEqualTo("HTTP/1.1 503 Service Unavailable");
            }
        }
        awaitReserved(0);
        assertThat(server.post("/api/feedback", TestServer.feedback("fb-after", "C-1", "NPS", 9)).statusCode())
                .isEqualTo(201);
    }

    /** Polls until the server holds exactly {@code bytes} of request bodies, for at most ten seconds. */
    private void awaitReserved(long bytes) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (server.reservedBodyBytes() != bytes) {
            assertThat(Instant.now()).as("body bytes held: %d", server.reservedBodyBytes()).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
