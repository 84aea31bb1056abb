package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Every save, scenario, deploy, rollback and shadow, and every token and user change, is in the
 * audit log with who did it, to what, and when (README, "Rule sets" and "Who may do what").
 */
@Tag("store")
class AuditEventsTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private String managerToken;
    private String manager;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        JsonObject created = call(HttpMethod.POST, "/api/tokens", TestServer.ADMIN_TOKEN,
                new JsonObject().put("name", "liisa").put("role", "cx-manager"), 201);
        managerToken = created.getString("token");
        manager = "token:" + created.getString("tokenId");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRuleSetChangeIsAnEventOfWhoDidItToWhichVersion() {
        List<String> before = events();
        String live = call(HttpMethod.GET, "/api/rulesets", managerToken, null, 200).getString("live");
        JsonArray sources = call(HttpMethod.GET, "/api/rulesets/live", managerToken, null, 200).getJsonArray("sources")
                .copy().add(new JsonObject().put("name", "fi/lupaus/rules/custom/audited.drl")
                        .put("drl", "package fi.lupaus.rules.custom\n"));
        JsonObject body = new JsonObject().put("sources", sources).put("comment", "one more file").put("basedOn", live);
        JsonObject scenario = new JsonObject().put("name", "a promoter is thanked")
                .put("feedback", TestServer.feedback("fb-s", "C-s", "NPS", 10))
                .put("expected", new JsonArray().add(new JsonObject().put("type", "THANK")));

        String draft = call(HttpMethod.POST, "/api/rulesets", managerToken, body, 201).getString("version");
        call(HttpMethod.POST, "/api/rulesets", managerToken, body, 200);
        call(HttpMethod.POST, "/api/rulesets/" + draft + "/scenarios", managerToken, scenario, 201);
        call(HttpMethod.DELETE, "/api/rulesets/" + draft + "/scenarios/a%20promoter%20is%20thanked", managerToken, null, 204);
        call(HttpMethod.POST, "/api/rulesets/" + draft + "/shadow", managerToken, null, 200);
        call(HttpMethod.DELETE, "/api/rulesets/shadow", managerToken, null, 204);
        call(HttpMethod.POST, "/api/rulesets/" + draft + "/deploy", managerToken, new JsonObject().put("comment", "go"), 200);
        call(HttpMethod.POST, "/api/rulesets/" + live + "/rollback", managerToken, new JsonObject().put("comment", "back"), 200);

        assertThat(newEvents(before)).containsExactly(
                manager + " ruleset.saved ruleset:" + draft + " one more file",
                manager + " scenario.saved ruleset:" + draft + " a promoter is thanked",
                manager + " scenario.deleted ruleset:" + draft + " a promoter is thanked",
                manager + " ruleset.shadow-started ruleset:" + draft + " null",
                manager + " ruleset.shadow-stopped ruleset:shadow null",
                manager + " ruleset.deploy ruleset:" + draft + " go",
                manager + " ruleset.rollback ruleset:" + live + " back");
    }

    @Test
    void everyTokenAndUserChangeIsAnEventOfWhoDidItToWhom() {
        List<String> before = events();
        String admin = "token:" + call(HttpMethod.GET, "/api/tokens", TestServer.ADMIN_TOKEN, null, 200)
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(token -> token.getString("name").equals("bootstrap")).findFirst().orElseThrow()
                .getString("tokenId");

        String tokenId = call(HttpMethod.POST, "/api/tokens", TestServer.ADMIN_TOKEN,
                new JsonObject().put("name", "shop").put("role", "ingest"), 201).getString("tokenId");
        call(HttpMethod.DELETE, "/api/tokens/" + tokenId, TestServer.ADMIN_TOKEN, null, 204);
        call(HttpMethod.POST, "/api/users", TestServer.ADMIN_TOKEN, new JsonObject().put("username", "maija")
                .put("password", "kesäkuun aurinko").put("role", "auditor"), 201);
        call(HttpMethod.PATCH, "/api/users/maija", TestServer.ADMIN_TOKEN, new JsonObject().put("role", "cx-manager"), 204);
        call(HttpMethod.PATCH, "/api/users/maija", TestServer.ADMIN_TOKEN,
                new JsonObject().put("password", "heinäkuun sade tulee"), 204);
        call(HttpMethod.DELETE, "/api/users/maija", TestServer.ADMIN_TOKEN, null, 204);

        List<String> events = newEvents(before);
        assertThat(events).hasSize(6);
        assertThat(events.get(0)).isEqualTo(admin + " token.created token:" + tokenId + " shop, role ingest");
        assertThat(events.get(1)).isEqualTo(admin + " token.revoked token:" + tokenId + " null");
        assertThat(events.get(2)).isEqualTo(admin + " user.created user:maija role auditor");
        assertThat(events.get(3)).startsWith(admin + " user.changed user:maija ").contains("role").doesNotContain("kesä");
        assertThat(events.get(4)).startsWith(admin + " user.changed user:maija ").contains("password")
                .doesNotContain("heinä");
        assertThat(events.get(5)).isEqualTo(admin + " user.deleted user:maija null");
    }

    @Test
    void theLogIsFilteredByWhoWhatAndWhenOnTheServerAPageAtATimeWithTheTotal() {
        Instant start = Instant.now();
        for (int i = 0; i < 4; i++) {
            call(HttpMethod.POST, "/api/tokens", TestServer.ADMIN_TOKEN,
                    new JsonObject().put("name", "shop-" + i).put("role", "ingest"), 201);
        }
        call(HttpMethod.POST, "/api/users", TestServer.ADMIN_TOKEN, new JsonObject().put("username", "maija")
                .put("password", "kesäkuun aurinko").put("role", "auditor"), 201);

        List<JsonObject> all = call(HttpMethod.GET, "/api/audit/events?limit=1000", TestServer.ADMIN_TOKEN, null, 200)
                .getJsonArray("items").stream().map(JsonObject.class::cast).toList();
        long tokensCreated = all.stream().filter(e -> e.getString("action").equals("token.created")).count();

        JsonObject tokens = call(HttpMethod.GET, "/api/audit/events?action=TOKEN.cr&limit=2", TestServer.ADMIN_TOKEN,
                null, 200);
        assertThat(tokens.getLong("total")).isEqualTo(tokensCreated).isGreaterThanOrEqualTo(5);
        assertThat(tokens.getJsonArray("items")).hasSize(2);
        JsonObject older = call(HttpMethod.GET, "/api/audit/events?action=TOKEN.cr&limit=2&before="
                + tokens.getString("next"), TestServer.ADMIN_TOKEN, null, 200);
        assertThat(older.getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("detail")))
                .containsExactly("shop-1, role ingest", "shop-0, role ingest");
        assertThat(older.getLong("total")).isEqualTo(tokensCreated);

        JsonObject since = call(HttpMethod.GET, "/api/audit/events?from=" + start + "&action=token", TestServer.ADMIN_TOKEN,
                null, 200);
        assertThat(since.getLong("total")).isEqualTo(4);
        assertThat(call(HttpMethod.GET, "/api/audit/events?to=" + start, TestServer.ADMIN_TOKEN, null, 200)
                .getLong("total")).isEqualTo(all.size() - 5);
        JsonObject users = call(HttpMethod.GET, "/api/audit/events?action=user.&actor=" + adminActorPart(),
                TestServer.ADMIN_TOKEN, null, 200);
        assertThat(users.getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("subject")))
                .containsExactly("user:maija");
        assertThat(call(HttpMethod.GET, "/api/audit/events?actor=nobody%25", TestServer.ADMIN_TOKEN, null, 200)
                .getLong("total")).isZero();
        assertThat(server.get("/api/audit/events?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/audit/events?limit=0").statusCode()).isEqualTo(400);
    }

    /** A part of the bootstrap token's actor, in another case. */
    private String adminActorPart() {
        String tokenId = call(HttpMethod.GET, "/api/tokens", TestServer.ADMIN_TOKEN, null, 200)
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(token -> token.getString("name").equals("bootstrap")).findFirst().orElseThrow()
                .getString("tokenId");
        return "OKEN:" + tokenId.substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    /** The events, newest first, as "actor action subject detail". */
    private List<String> events() {
        JsonObject page = call(HttpMethod.GET, "/api/audit/events", TestServer.ADMIN_TOKEN, null, 200);
        assertThat(page.getString("next")).as("the test reads one page").isNull();
        List<String> events = new ArrayList<>();
        page.getJsonArray("items").stream().map(JsonObject.class::cast).forEach(event -> {
            assertThat(event.getString("at")).isNotBlank();
            events.add(event.getString("actor") + " " + event.getString("action") + " " + event.getString("subject")
                    + " " + event.getString("detail"));
        });
        return events;
    }

    /** The events after those given, oldest first. */
    private List<String> newEvents(List<String> before) {
        List<String> now = events();
        assertThat(now.subList(now.size() - before.size(), now.size())).isEqualTo(before);
        List<String> added = new ArrayList<>(now.subList(0, now.size() - before.size()));
        Collections.reverse(added);
        return added;
    }

    private JsonObject call(HttpMethod method, String path, String token, JsonObject body, int status) {
        HttpResponse<Buffer> answer = server.send(method, path, token, body == null ? null : "application/json",
                body == null ? null : body.toBuffer());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.bodyAsString()).isEqualTo(status);
        return answer.body() == null ? null : answer.bodyAsJsonObject();
    }
}
