package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;

/** Each role may do exactly its operations; everyone else is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("store")
class AccessTest {

    private TestServer server;
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private final AtomicInteger unique = new AtomicInteger();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir, Clock.systemUTC());
        tokens.put("admin", TestServer.ADMIN_TOKEN);
        for (String role : List.of("ingest", "cx-manager", "auditor")) {
            tokens.put(role, server.newToken(role));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One API operation and the roles allowed to do it. */
    record Operation(String name, HttpMethod method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Operation> operations() {
        return List.of(
                new Operation("post feedback", HttpMethod.POST, "/api/feedback", Set.of("ingest", "admin")),
                new Operation("post a batch", HttpMethod.POST, "/api/feedback/batch", Set.of("ingest", "admin")),
                new Operation("list decisions", HttpMethod.GET, "/api/decisions?customerId=C-1",
                        Set.of("cx-manager", "auditor", "admin")),
                new Operation("read a decision", HttpMethod.GET, "/api/decisions/0190f0c2-0000-7000-8000-000000000000",
                        Set.of("cx-manager", "auditor", "admin")),
                new Operation("read the audit log", HttpMethod.GET, "/api/audit/events", Set.of("auditor", "admin")),
                new Operation("replay a decision", HttpMethod.POST,
                        "/api/audit/replay/0190f0c2-0000-7000-8000-000000000000", Set.of("auditor", "admin")),
                new Operation("verify the log", HttpMethod.POST, "/api/audit/verify", Set.of("auditor", "admin")),
                new Operation("erase a customer", HttpMethod.DELETE, "/api/customers/C-nobody", Set.of("admin")),
                new Operation("export decisions", HttpMethod.GET, "/api/audit/export?format=csv",
                        Set.of("auditor", "admin")),
                new Operation("backtest a rule set", HttpMethod.POST, "/api/audit/backtest",
                        Set.of("cx-manager", "auditor", "admin")),
                new Operation("list users", HttpMethod.GET, "/api/users", Set.of("admin")),
                new Operation("create a user", HttpMethod.POST, "/api/users", Set.of("admin")),
                new Operation("delete a user", HttpMethod.DELETE, "/api/users/nobody", Set.of("admin")),
                new Operation("list tokens", HttpMethod.GET, "/api/tokens", Set.of("admin")),
                new Operation("create a token", HttpMethod.POST, "/api/tokens", Set.of("admin")),
                new Operation("revoke a token", HttpMethod.DELETE, "/api/tokens/none", Set.of("admin")),
                new Operation("see who I am", HttpMethod.GET, "/api/session",
                        Set.of("ingest", "cx-manager", "auditor", "admin")));
    }

    Stream<Arguments> everyRoleForEveryOperation() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : operations()) {
            for (String role : List.of("ingest", "cx-manager", "auditor", "admin")) {
                cases.add(Arguments.of(operation, role));
            }
        }
        return cases.stream();
    }

    private HttpResponse<Buffer> call(Operation operation, String token) {
        Buffer body = switch (operation.path()) {
            case "/api/feedback" -> TestServer.feedback("fb-access-" + unique.incrementAndGet(), "C-1", "NPS", 9).toBuffer();
            case "/api/feedback/batch" -> Buffer.buffer("[" + TestServer.feedback(
                    "fb-access-" + unique.incrementAndGet(), "C-1", "NPS", 9).encode() + "]");
            case "/api/users" -> new JsonObject().put("username", "user" + unique.incrementAndGet())
                    .put("password", "a long enough password").put("role", "auditor").toBuffer();
            case "/api/tokens" -> new JsonObject().put("name", "t" + unique.incrementAndGet())
                    .put("role", "ingest").toBuffer();
            default -> null;
        };
        return server.send(operation.method(), operation.path(), token, body == null ? null : "application/json", body);
    }

    @ParameterizedTest(name = "{1} may {0}: as the table says")
    @MethodSource("everyRoleForEveryOperation")
    void eachRoleIsAllowedExactlyItsOperations(Operation operation, String role) {
        HttpResponse<Buffer> answer = call(operation, tokens.get(role));

        if (operation.allowed().contains(role)) {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(403);
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                    .contains("your role may not do this");
        }
    }

    @ParameterizedTest(name = "without a token one may not {0}")
    @MethodSource("operations")
    void anUnauthenticatedRequestIsRefusedWith401(Operation operation) {
        HttpResponse<Buffer> answer = call(operation, null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void anUnknownTokenIsRefusedWith401() {
        assertThat(server.get("/api/session", "lpt_not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void systemsWithTokensGetNoSessionsOrCookies() {
        HttpResponse<Buffer> posted = call(operations().get(0), tokens.get("ingest"));
        HttpResponse<Buffer> read = server.get("/api/decisions?customerId=C-1", tokens.get("auditor"));

        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.cookies()).isEmpty();
        assertThat(read.cookies()).isEmpty();
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(server.get("/api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        JsonObject created = server.post("/api/tokens", new JsonObject().put("name", "shop").put("role", "ingest"))
                .bodyAsJsonObject();
        String secret = created.getString("token");
        assertThat(server.get("/api/session", secret).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> revoked = server.send(HttpMethod.DELETE, "/api/tokens/" + created.getString("tokenId"),
                TestServer.ADMIN_TOKEN, null, null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(server.get("/api/session", secret).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenListingsNeverShowSecrets() {
        String listing = server.get("/api/tokens").bodyAsString();

        assertThat(listing).doesNotContain(tokens.get("ingest")).doesNotContain(TestServer.ADMIN_TOKEN)
                .contains("\"role\":\"ingest\"");
    }

    @Test
    void everyChangeToUsersAndTokensIsInTheAuditLogWithWhoAndWhen() {
        server.post("/api/users", new JsonObject().put("username", "liisa").put("password", "correct horse battery")
                .put("role", "cx-manager"));

        JsonObject newest = server.get("/api/audit/events", tokens.get("auditor")).bodyAsJsonObject()
                .getJsonArray("items").getJsonObject(0);

        assertThat(newest.getString("action")).isEqualTo("user.created");
        assertThat(newest.getString("subject")).isEqualTo("user:liisa");
        assertThat(newest.getString("actor")).startsWith("token:");
        assertThat(newest.getString("at")).isNotBlank();
    }

    @Test
    void aWeakPasswordAndAnUnknownRoleAreRefusedByField() {
        HttpResponse<Buffer> answer = server.post("/api/users",
                new JsonObject().put("username", "x").put("password", "short").put("role", "boss"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field"))).containsExactly("password", "role");
    }

    @Nested
    class ConsoleSessions {

        private WebClientSession browser;
        private final List<String> setCookies = new ArrayList<>();

        private String csrfToken() {
            setCookies.addAll(server.await(browser.get("/").send()).cookies());
            for (var cookie : browser.cookieStore().get(false, "127.0.0.1", "/")) {
                if (cookie.name().equals("XSRF-TOKEN")) {
                    return cookie.value();
                }
            }
            throw new AssertionError("no XSRF-TOKEN cookie was set");
        }

        private HttpResponse<Buffer> signIn(String username, String password, String csrf) {
            var request = browser.post("/api/session").putHeader("Content-Type", "application/json");
            if (csrf != null) {
                request.putHeader("X-XSRF-TOKEN", csrf);
            }
            return server.await(request.sendJsonObject(
                    new JsonObject().put("username", username).put("password", password)));
        }

        @Test
        void aPersonSignsInWorksWithTheirRoleAndSignsOut() {
            server.post("/api/users", new JsonObject().put("username", "maija").put("password", "kesäkuun aurinko")
                    .put("role", "cx-manager"));
            browser = WebClientSession.create(server.client());
            String csrf = csrfToken();

            HttpResponse<Buffer> signedIn = signIn("maija", "kesäkuun aurinko", csrf);

            assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
            assertThat(signedIn.bodyAsJsonObject().getString("role")).isEqualTo("cx-manager");
            setCookies.addAll(signedIn.cookies());
            assertThat(setCookies).filteredOn(cookie -> cookie.startsWith("vertx-web.session=")).isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
            assertThat(server.await(browser.get("/api/decisions").send()).statusCode()).isEqualTo(200);
            assertThat(server.await(browser.get("/api/users").send()).statusCode()).isEqualTo(403);

            var signedOut = server.await(browser.delete("/api/session").putHeader("X-XSRF-TOKEN", csrfToken()).send());
            assertThat(signedOut.statusCode()).isEqualTo(204);
            assertThat(server.await(browser.get("/api/decisions").send()).statusCode()).isEqualTo(401);
        }

        @Test
        void aWrongPasswordIs401AndSaysNotWhichPartWasWrong() {
            browser = WebClientSession.create(server.client());

            HttpResponse<Buffer> answer = signIn("maija-not", "whatever at all", csrfToken());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.bodyAsString()).contains("the username or the password is wrong");
        }

        @Test
        void aConsoleRequestThatChangesSomethingNeedsTheCsrfToken() {
            server.post("/api/users", new JsonObject().put("username", "aino").put("password", "hallinnoija on paras")
                    .put("role", "admin"));
            browser = WebClientSession.create(server.client());
            String csrf = csrfToken();
            assertThat(signIn("aino", "hallinnoija on paras", csrf).statusCode()).isEqualTo(200);
            JsonObject token = new JsonObject().put("name", "from-console").put("role", "ingest");

            var withoutCsrf = server.await(browser.post("/api/tokens").sendJsonObject(token));
            var withCsrf = server.await(browser.post("/api/tokens").putHeader("X-XSRF-TOKEN", csrfToken())
                    .sendJsonObject(token));

            assertThat(withoutCsrf.statusCode()).isEqualTo(403);
            assertThat(withCsrf.statusCode()).as(withCsrf.bodyAsString()).isEqualTo(201);
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() {
        HttpResponse<Buffer> page = server.get("/", null);

        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
