package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;

/** Without a bootstrap token, the first start creates an admin token and shows it once. */
@Tag("store")
class FirstStartTest {

    private static final Pattern TOKEN = Pattern.compile("(lpt_[A-Za-z0-9_-]{43})");

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartShowsANewAdminTokenOnceAndItWorks() {
        LupausConfig withoutBootstrap = withoutBootstrapToken(TestServer.config(dataDir));

        String firstOutput = console(() -> TestServer.start(withoutBootstrap, Clock.systemUTC()), true);
        Matcher token = TOKEN.matcher(firstOutput);
        assertThat(token.find()).as(firstOutput).isTrue();

        String secondOutput = console(() -> TestServer.start(withoutBootstrap, Clock.systemUTC()), false);
        assertThat(secondOutput).doesNotContain("lpt_");
    }

    /** Starts a server while capturing what it prints; checks the shown token works when asked. */
    private String console(Supplier<TestServer> start, boolean checkToken) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TestServer server;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            server = start.get();
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        try (server) {
            if (checkToken) {
                Matcher token = TOKEN.matcher(output);
                assertThat(token.find()).isTrue();
                assertThat(server.get("/api/session", token.group(1)).bodyAsJsonObject().getString("role"))
                        .isEqualTo("admin");
                assertThat(server.get("/api/session", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(401);
            }
        }
        return output;
    }

    private static LupausConfig withoutBootstrapToken(LupausConfig config) {
        return new LupausConfig(config.httpHost(), config.httpPort(), config.dataDir(), config.maxBodyBytes(),
                config.maxBatchSize(), config.maxInFlight(), config.rateLimit(), null).withDatabase(config.database());
    }
}
