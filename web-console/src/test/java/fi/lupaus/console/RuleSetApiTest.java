package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

@Tag("store")
class RuleSetApiTest {

    private static final JsonObject DELIVERY_PROMISE = new JsonObject()
            .put("promise", "delivery-complaint-12h")
            .put("title", "Complaints about delivery in the web shop are answered within 12 hours")
            .put("when", new JsonObject().put("kind", "complaint").put("touchpoint", "web")
                    .put("commentMentions", "delivery"))
            .put("then", new JsonObject().put("action", "OPEN_CASE").put("owner", "web-shop-team")
                    .put("priority", "high").put("withinHours", 12));

    @TempDir
    Path dataDir;

    private TestServer server;
    private String manager;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        manager = server.newToken("cx-manager");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCxManagerAddsAPromiseTestsItDeploysItAndRollsBack() {
        String original = live();

        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        assertThat(source.getString("drl")).contains("rule \"Complaints about delivery in the web shop are answered within 12 hours\"");
        String draft = saveDraft(withSource(liveSources(), source), "Delivery complaints within 12 hours");

        JsonObject test = call(HttpMethod.POST, "/api/rulesets/" + draft + "/test",
                new JsonObject().put("feedback", webDeliveryComplaint("fb-test")), 200);
        assertThat(test.getJsonObject("candidate").getJsonArray("firedRules"))
                .contains("Complaints about delivery in the web shop are answered within 12 hours");
        assertThat(test.getJsonObject("live").getJsonArray("firedRules"))
                .doesNotContain("Complaints about delivery in the web shop are answered within 12 hours");
        JsonObject thankRule = rule(test, "Thank a promoter");
        assertThat(thankRule.getBoolean("fired")).isFalse();
        assertThat(thankRule.getString("because")).contains("promoter");
        assertThat(server.get("/api/decisions?customerId=C-web", manager).bodyAsJsonObject().getJsonArray("items"))
                .as("a test records nothing").isEmpty();

        call(HttpMethod.POST, "/api/rulesets/" + draft + "/deploy", new JsonObject().put("comment", "go"), 200);
        assertThat(live()).isEqualTo(draft);
        assertThat(decidedOwners("fb-1")).contains("web-shop-team");
        assertThat(call(HttpMethod.GET, "/api/promises", null, 200).getJsonArray("promises").stream()
                .map(promise -> ((JsonObject) promise).getString("text")))
                .as("the new promise is first-class").contains(DELIVERY_PROMISE.getString("title"));

        call(HttpMethod.POST, "/api/rulesets/" + original + "/rollback", new JsonObject().put("comment", "back"), 200);
        assertThat(live()).isEqualTo(original);
        assertThat(decidedOwners("fb-2")).doesNotContain("web-shop-team");

        JsonArray deployments = call(HttpMethod.GET, "/api/rulesets/deployments", null, 200).getJsonArray("items");
        assertThat(deployments.stream().map(d -> ((JsonObject) d).getString("kind")))
                .containsExactly("rollback", "deploy", "deploy");
    }

    @Test
    void aRuleThatDoesNotCompileIsRefusedWithItsLine() {
        JsonArray sources = new JsonArray().add(new JsonObject().put("name", "custom/broken.drl").put("drl", """
                package fi.lupaus.rules.custom
                import fi.lupaus.engine.fact.Feedback

                rule "Broken"
                when
                    Feedback( scor > 3 )
                then
                end
                """));

        JsonObject validation = call(HttpMethod.POST, "/api/rulesets/validate", new JsonObject().put("sources", sources), 200);
        assertThat(validation.getBoolean("valid")).isFalse();
        assertThat(validation.getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(6);

        JsonObject refused = call(HttpMethod.POST, "/api/rulesets", new JsonObject().put("sources", sources), 422);
        JsonObject error = refused.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo("sources[0].drl");
        assertThat(error.getString("reason")).startsWith("line 6");
    }

    @Test
    void aDraftWhoseScenariosFailCannotBeDeployed() {
        String draft = saveDraft(liveSources(), "same rules, a scenario added");
        JsonObject scenario = new JsonObject().put("name", "a delivery complaint is a case for the web shop team")
                .put("feedback", webDeliveryComplaint("fb-s").put("score", 4))
                .put("expected", new JsonArray()
                        .add(new JsonObject().put("type", "OPEN_CASE").put("promise", "complaint-answer-24h")
                                .put("owner", "service-team"))
                        .add(new JsonObject().put("type", "OPEN_CASE").put("promise", "delivery-complaint-12h")
                                .put("owner", "web-shop-team")));
        JsonObject saved = call(HttpMethod.POST, "/api/rulesets/" + draft + "/scenarios", scenario, 201);
        assertThat(saved.getBoolean("passed")).isFalse();

        JsonObject refused = call(HttpMethod.POST, "/api/rulesets/" + draft + "/deploy", new JsonObject(), 409);
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("reason"))
                .contains("'a delivery complaint is a case for the web shop team'",
                        "expects OPEN_CASE complaint-answer-24h for service-team, OPEN_CASE delivery-complaint-12h",
                        "but the rules give OPEN_CASE complaint-answer-24h for service-team");

        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        String fixed = saveDraft(withSource(liveSources(), source), "the promise that the scenario asks for", draft);
        JsonObject run = call(HttpMethod.POST, "/api/rulesets/" + fixed + "/scenarios/run", null, 200);
        assertThat(run.getInteger("passed")).as("the scenario is carried over to the draft based on it").isEqualTo(1);
        call(HttpMethod.POST, "/api/rulesets/" + fixed + "/deploy", new JsonObject(), 200);
    }

    @Test
    void theDiffShowsTheChangedSources() {
        String original = live();
        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        String draft = saveDraft(withSource(liveSources(), source), "delivery");

        JsonArray files = call(HttpMethod.GET, "/api/rulesets/" + original + "/diff/" + draft, null, 200)
                .getJsonArray("files");

        JsonObject added = files.stream().map(JsonObject.class::cast)
                .filter(file -> file.getString("status").equals("added")).findFirst().orElseThrow();
        assertThat(added.getString("name")).isEqualTo("fi/lupaus/rules/custom/delivery-complaint-12h.drl");
        assertThat(added.getString("diff")).contains("+rule \"Complaints about delivery");
        assertThat(files.stream().map(JsonObject.class::cast).filter(f -> !f.getString("name").equals(added.getString("name"))))
                .allMatch(file -> file.getString("status").equals("same"));
    }

    @Test
    void onlyCxManagersChangeTheRulesAndAuditorsReadThem() {
        String ingest = server.newToken("ingest");
        String auditor = server.newToken("auditor");

        assertThat(server.get("/api/rulesets", ingest).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/rulesets", auditor).statusCode()).isEqualTo(200);
        assertThat(server.post("/api/rulesets/" + live() + "/deploy", new JsonObject(), auditor).statusCode())
                .isEqualTo(403);
        assertThat(server.post("/api/rulesets/compose", DELIVERY_PROMISE, ingest).statusCode()).isEqualTo(403);
    }

    @Test
    void theDeployedVersionIsStillLiveAfterARestart() {
        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        String draft = saveDraft(withSource(liveSources(), source), "delivery");
        call(HttpMethod.POST, "/api/rulesets/" + draft + "/deploy", new JsonObject(), 200);

        server.close();
        server = TestServer.start(dataDir, Clock.systemUTC());

        assertThat(server.get("/api/health", null).bodyAsJsonObject().getString("ruleSetVersion")).isEqualTo(draft);
        assertThat(decidedOwners("fb-after-restart")).contains("web-shop-team");
    }

    @Test
    void aDraftInTheShadowDecidesBesideTheLiveVersionAndOnlyTheLiveOneActs() {
        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        String draft = saveDraft(withSource(liveSources(), source), "delivery");
        call(HttpMethod.POST, "/api/rulesets/" + draft + "/shadow", null, 200);

        List<String> owners = decidedOwners("fb-shadowed");
        server.post("/api/feedback", feedback("fb-promoter", "C-p", "NPS", 10));

        assertThat(owners).as("the live decision acts").doesNotContain("web-shop-team");
        JsonObject shadow = awaitShadow(2);
        assertThat(shadow.getString("version")).isEqualTo(draft);
        assertThat(shadow.getLong("differing")).isEqualTo(1);
        JsonObject difference = shadow.getJsonArray("sample").getJsonObject(0);
        assertThat(difference.getJsonArray("shadowFiredRules"))
                .contains("Complaints about delivery in the web shop are answered within 12 hours");
        assertThat(difference.getJsonArray("shadow").size()).isEqualTo(difference.getJsonArray("live").size() + 1);
        assertThat(shadow.getJsonObject("actions").getJsonObject("shadow").getLong("OPEN_CASE"))
                .isEqualTo(shadow.getJsonObject("actions").getJsonObject("live").getLong("OPEN_CASE") + 1);

        call(HttpMethod.DELETE, "/api/rulesets/shadow", null, 204);
        assertThat(server.get("/api/rulesets/shadow", manager).statusCode()).isEqualTo(404);
    }

    @Test
    void overlapsNameTheFeedbackThatADraftAnswersWithCasesOfTwoPromises() {
        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");

        JsonObject answer = call(HttpMethod.POST, "/api/rulesets/overlaps", new JsonObject()
                .put("sources", withSource(liveSources(), source)).put("basedOn", live())
                .put("feedback", new JsonArray().add(webDeliveryComplaint("fb-example"))), 200);

        JsonObject first = answer.getJsonArray("overlaps").getJsonObject(0);
        assertThat(first.getJsonObject("feedback").getString("comment")).isEqualTo("The delivery was three days late");
        assertThat(first.getJsonArray("promises").getList()).containsExactlyInAnyOrder("delivery-complaint-12h",
                "complaint-answer-24h");
        assertThat(call(HttpMethod.POST, "/api/rulesets/overlaps", new JsonObject().put("sources", liveSources()), 200)
                .getJsonArray("overlaps")).isEmpty();
    }

    private JsonObject awaitShadow(long decided) {
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonObject shadow = call(HttpMethod.GET, "/api/rulesets/shadow", null, 200);
            if (shadow.getLong("decided") >= decided) {
                return shadow;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the shadow did not decide " + decided + " decisions");
    }

    @Test
    void noRequestFailsWhileFiveDeploysHappenUnderLoad() throws Exception {
        String original = live();
        JsonObject source = call(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).getJsonObject("source");
        String draft = saveDraft(withSource(liveSources(), source), "delivery");

        AtomicBoolean deploying = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> versions = new ConcurrentLinkedQueue<>();
        List<Future<Void>> senders = new ArrayList<>();
        for (int sender = 0; sender < 8; sender++) {
            Promise<Void> done = Promise.promise();
            sendUntil(deploying, "s" + sender, sent, failures, versions, done);
            senders.add(done.future());
        }
        for (int deploy = 0; deploy < 5; deploy++) {
            String next = deploy % 2 == 0 ? draft : original;
            call(HttpMethod.POST, "/api/rulesets/" + next + "/" + (deploy == 0 ? "deploy" : "rollback"), new JsonObject(), 200);
            Thread.sleep(200);
        }
        deploying.set(false);
        senders.forEach(TestServer::await);

        assertThat(failures).isEmpty();
        assertThat(sent.get()).isGreaterThan(50);
        assertThat(versions).contains(original, draft).allMatch(v -> v.equals(original) || v.equals(draft));
        assertThat(live()).isEqualTo(draft);
    }

    private void sendUntil(AtomicBoolean running, String sender, AtomicInteger sent, ConcurrentLinkedQueue<String> failures,
                           ConcurrentLinkedQueue<String> versions, Promise<Void> done) {
        if (!running.get()) {
            done.complete();
            return;
        }
        JsonObject body = webDeliveryComplaint(sender + "-" + sent.incrementAndGet());
        server.client().post("/api/feedback").putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .sendJsonObject(body)
                .onComplete(answer -> {
                    if (answer.failed() || answer.result().statusCode() != 201) {
                        failures.add(answer.failed() ? answer.cause().toString() : answer.result().bodyAsString());
                    } else {
                        versions.add(answer.result().bodyAsJsonObject().getString("ruleSetVersion"));
                    }
                    sendUntil(running, sender, sent, failures, versions, done);
                });
    }

    private List<String> decidedOwners(String feedbackId) {
        JsonObject decision = server.post("/api/feedback", webDeliveryComplaint(feedbackId)).bodyAsJsonObject();
        return decision.getJsonArray("actions").stream().map(JsonObject.class::cast)
                .map(action -> action.getString("owner", "")).toList();
    }

    private static JsonObject webDeliveryComplaint(String id) {
        return feedback(id, "C-web", "CSAT", 2).put("touchpoint", "web").put("complaint", true)
                .put("comment", "The delivery was three days late");
    }

    private static JsonObject rule(JsonObject test, String name) {
        return test.getJsonObject("candidate").getJsonArray("rules").stream().map(JsonObject.class::cast)
                .filter(rule -> rule.getString("rule").equals(name)).findFirst().orElseThrow();
    }

    private String live() {
        return call(HttpMethod.GET, "/api/rulesets", null, 200).getString("live");
    }

    private JsonArray liveSources() {
        return call(HttpMethod.GET, "/api/rulesets/live", null, 200).getJsonArray("sources");
    }

    private static JsonArray withSource(JsonArray sources, JsonObject source) {
        return sources.copy().add(source);
    }

    private String saveDraft(JsonArray sources, String comment) {
        return saveDraft(sources, comment, live());
    }

    private String saveDraft(JsonArray sources, String comment, String basedOn) {
        HttpResponse<Buffer> saved = server.post("/api/rulesets",
                new JsonObject().put("sources", sources).put("comment", comment).put("basedOn", basedOn), manager);
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isIn(200, 201);
        return saved.bodyAsJsonObject().getString("version");
    }

    private JsonObject call(HttpMethod method, String path, JsonObject body, int status) {
        HttpResponse<Buffer> answer = server.send(method, path, manager, body == null ? null : "application/json",
                body == null ? null : body.toBuffer());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.bodyAsString()).isEqualTo(status);
        return answer.body() == null ? null : answer.bodyAsJsonObject();
    }
}
