package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
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
                config.maxBatchSize(), config.maxInFlight(), 5, TestServer.ADMIN_TOKEN);

        try (TestServer server = TestServer.start(fivePerSecond, Clock.systemUTC())) {
            List<HttpResponse<Buffer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(server.get("/api/session"));
            }

            assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 429);
            HttpResponse<Buffer> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
            assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 2);
            assertThat(refused.bodyAsString()).contains("more than 5 requests a second");
        }
    }
}
