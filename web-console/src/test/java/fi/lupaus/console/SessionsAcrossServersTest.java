package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.engine.jdbc.TestDatabases;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.client.spi.CookieStore;

/**
 * Two servers on one PostgreSQL database with one LUPAUS_SESSION_SECRET: a person signed in through one is
 * signed in on the other, may change things there with the console's CSRF token, and signing out through one
 * ends the session on both.
 */
@Timeout(120)
@Tag("store")
class SessionsAcrossServersTest {

    private static final String SECRET = "the same session secret on every server";
    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path first;

    @TempDir
    Path second;

    /** One browser's cookies, sent to whichever server it calls (cookies do not tell ports apart). */
    private final CookieStore cookies = CookieStore.build();

    @Test
    void aPersonSignedInThroughOneServerIsSignedInOnTheOtherUntilSignedOutThroughEither() {
        assumeTrue(TestDatabases.onPostgres(), "servers share sessions through a shared store, on PostgreSQL");
        LupausConfig configA = TestServer.config(first).withSessionSecret(SECRET);
        LupausConfig configB = TestServer.config(second).withDatabase(TestDatabases.settings(first))
                .withSessionSecret(SECRET);
        try (TestServer a = TestServer.start(configA, Clock.systemUTC());
             TestServer b = TestServer.start(configB, Clock.systemUTC())) {
            assertThat(a.post("/api/users", new JsonObject().put("username", "maija").put("password", PASSWORD)
                    .put("role", "admin")).statusCode()).isEqualTo(201);
            WebClientSession throughA = WebClientSession.create(a.client(), cookies);
            WebClientSession throughB = WebClientSession.create(b.client(), cookies);

            var signedIn = a.await(throughA.post("/api/session").putHeader("X-XSRF-TOKEN", csrf(a, throughA))
                    .sendJsonObject(new JsonObject().put("username", "maija").put("password", PASSWORD)));
            assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);

            var whoOnB = b.await(throughB.get("/api/session").send());
            assertThat(whoOnB.statusCode()).as(whoOnB.bodyAsString()).isEqualTo(200);
            assertThat(whoOnB.bodyAsJsonObject().getString("name")).isEqualTo("maija");
            // A change through B with the token B gave: the CSRF key is the same on both.
            HttpResponse<Buffer> created = createToken(b, throughB, csrf(b, throughB));
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            // And the token rotated by that change on B is good on A.
            assertThat(createToken(a, throughA, cookie("XSRF-TOKEN").orElseThrow()).statusCode()).isEqualTo(201);

            String session = cookie("vertx-web.session").orElseThrow();
            var signedOut = a.await(throughA.delete("/api/session").putHeader("X-XSRF-TOKEN", csrf(a, throughA)).send());
            assertThat(signedOut.statusCode()).isEqualTo(204);

            // The same cookie replayed, as a copy kept by someone else would be.
            var replayed = b.await(b.client().get("/api/session").putHeader("Cookie", "vertx-web.session=" + session)
                    .send());
            assertThat(replayed.statusCode()).as("signed out on A, so on B").isEqualTo(401);
            assertThat(b.await(throughB.get("/api/users").send()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void deletingAUserThroughOneServerEndsTheirSessionOnTheOther() {
        assumeTrue(TestDatabases.onPostgres(), "servers share sessions through a shared store, on PostgreSQL");
        LupausConfig configA = TestServer.config(first).withSessionSecret(SECRET);
        LupausConfig configB = TestServer.config(second).withDatabase(TestDatabases.settings(first))
                .withSessionSecret(SECRET);
        try (TestServer a = TestServer.start(configA, Clock.systemUTC());
             TestServer b = TestServer.start(configB, Clock.systemUTC())) {
            assertThat(a.post("/api/users", new JsonObject().put("username", "eino").put("password", PASSWORD)
                    .put("role", "admin")).statusCode()).isEqualTo(201);
            WebClientSession throughB = WebClientSession.create(b.client(), cookies);
            assertThat(b.await(throughB.post("/api/session").putHeader("X-XSRF-TOKEN", csrf(b, throughB))
                    .sendJsonObject(new JsonObject().put("username", "eino").put("password", PASSWORD)))
                    .statusCode()).isEqualTo(200);
            assertThat(b.await(throughB.get("/api/users").send()).statusCode()).isEqualTo(200);

            assertThat(a.send(HttpMethod.DELETE, "/api/users/eino", TestServer.ADMIN_TOKEN, null, null).statusCode())
                    .isEqualTo(204);

            assertThat(b.await(throughB.get("/api/users").send()).statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<Buffer> createToken(TestServer server, WebClientSession browser, String csrf) {
        return server.await(browser.post("/api/tokens").putHeader("X-XSRF-TOKEN", csrf)
                .sendJsonObject(new JsonObject().put("name", "from-a-session").put("role", "admin")));
    }

    /** The CSRF token a console page loaded from this server would send. */
    private String csrf(TestServer server, WebClientSession browser) {
        server.await(browser.get("/").send());
        return cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private Optional<String> cookie(String name) {
        for (var cookie : cookies.get(false, "127.0.0.1", "/")) {
            if (cookie.name().equals(name)) {
                return Optional.of(cookie.value());
            }
        }
        return Optional.empty();
    }
}
