package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

class RateLimitTest {

    @TempDir
    Path dataDir;

    @Test
    void aCallerPastItsRateIsToldToRetryLaterWith429() {
        LupausConfig config = TestServer.config(dataDir);
        LupausConfig fivePerSecond = new LupausConfig(config.httpHost(), 0, dataDir, config.maxBodyBytes(),
                config.maxBatchSize(), config.maxInFlight(), 5, TestServer.ADMIN_TOKEN).withDatabase(config.database());

        // The buckets refill by the server's clock, which stands still here until the test moves it.
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-20T10:15:00Z"));
        try (TestServer server = TestServer.start(fivePerSecond, clock)) {
            List<Integer> answers = new ArrayList<>();
            List<HttpResponse<Buffer>> refused = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                HttpResponse<Buffer> answer = server.get("/api/session");
                answers.add(answer.statusCode());
                if (answer.statusCode() == 429) {
                    refused.add(answer);
                }
            }

            assertThat(answers).containsExactly(200, 200, 200, 200, 200, 429, 429);
            assertThat(Integer.parseInt(refused.get(0).getHeader("Retry-After"))).isEqualTo(1);
            assertThat(refused.get(0).bodyAsString()).contains("more than 5 requests a second");

            clock.advance(Duration.ofMillis(400));
            assertThat(server.get("/api/session").statusCode()).as("two of five refilled in 400 ms").isEqualTo(200);
            assertThat(server.get("/api/session").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/session").statusCode()).isEqualTo(429);
        }
    }
}
