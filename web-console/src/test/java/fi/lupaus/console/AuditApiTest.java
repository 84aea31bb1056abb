package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.access.Authenticator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

@Tag("store")
class AuditApiTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private String auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        auditor = server.newToken("auditor");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAuditorReplaysARecordedDecisionAndItIsIdentical() {
        String decisionId = server.post("/api/feedback", feedback("fb-r", "C-r", "NPS", 2).put("complaint", true))
                .bodyAsJsonObject().getString("decisionId");

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/replay/" + decisionId, auditor,
                null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject replay = answer.bodyAsJsonObject();
        assertThat(replay.getString("outcome")).isEqualTo("identical");
        assertThat(replay.getJsonObject("replayed")).isEqualTo(replay.getJsonObject("recorded"));
        assertThat(replay.getJsonObject("recorded").getJsonArray("firedRules"))
                .contains("Answer every complaint within 24 hours");
    }

    @Test
    void verifyStreamsItsProgressAndEndsWithAReport() {
        for (int i = 0; i < 3; i++) {
            var batch = new io.vertx.core.json.JsonArray();
            for (int j = 0; j < 10; j++) {
                batch.add(feedback("fb-v" + i + "-" + j, "C-v", "NPS", j));
            }
            assertThat(server.post("/api/feedback/batch", batch).statusCode()).isEqualTo(201);
        }

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/verify", auditor,
                "application/json", new JsonObject().toBuffer());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
        List<JsonObject> lines = Arrays.stream(answer.bodyAsString().split("\n")).map(JsonObject::new).toList();
        JsonObject report = lines.get(lines.size() - 1);
        assertThat(report.getLong("checked")).isEqualTo(30);
        assertThat(report.getBoolean("clean")).isTrue();
        assertThat(report.getJsonArray("problems")).isEmpty();
    }

    @Test
    void aBacktestOfADraftCountsWhatWouldChange() {
        for (int score = 0; score <= 10; score++) {
            // Eleven customers: one customer thanked twice in a week would meet the contact cap.
            server.post("/api/feedback", feedback("fb-b" + score, "C-b" + score, "NPS", score));
        }
        JsonObject draft = new JsonObject().put("sources", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("name", "fi/lupaus/rules/draft/thanks.drl")
                .put("drl", """
                        package fi.lupaus.rules.draft
                        import fi.lupaus.engine.fact.Feedback
                        import fi.lupaus.engine.decision.Action

                        rule "Thank everyone"
                        when
                            Feedback( )
                        then
                            insert(Action.thank());
                        end
                        """)));

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/backtest", auditor,
                "application/json", draft.toBuffer());

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        String[] lines = answer.bodyAsString().split("\n");
        JsonObject report = new JsonObject(lines[lines.length - 1]);
        assertThat(report.getLong("decided")).isEqualTo(11);
        assertThat(report.getLong("changed")).isEqualTo(11);
        assertThat(report.getJsonObject("actions").getJsonObject("after").getLong("THANK")).isEqualTo(11);
        assertThat(report.getJsonObject("actions").getJsonObject("before").getLong("THANK")).isEqualTo(2);
        assertThat(report.getJsonObject("rules").getJsonObject("after").getLong("Thank everyone")).isEqualTo(11);
    }

    @Test
    void aBacktestOfTheLiveVersionChangesNothing() {
        String live = server.get("/api/health").bodyAsJsonObject().getString("ruleSetVersion");
        for (int score = 0; score <= 10; score++) {
            server.post("/api/feedback", feedback("fb-l" + score, "C-l", "NPS", score));
        }

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/backtest", auditor,
                "application/json", new JsonObject().put("ruleSetVersion", live).toBuffer());

        String[] lines = answer.bodyAsString().split("\n");
        JsonObject report = new JsonObject(lines[lines.length - 1]);
        assertThat(report.getLong("decided")).isEqualTo(11);
        assertThat(report.getLong("changed")).isZero();
        assertThat(report.getJsonArray("sample")).isEmpty();
    }

    @Test
    void aHostileDraftIsRefusedBeforeAnythingRuns() {
        JsonObject draft = new JsonObject().put("sources", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("name", "fi/lupaus/rules/draft/evil.drl")
                .put("drl", "package fi.lupaus.rules.draft\nrule \"Exit\"\nwhen\nthen\n    System.exit(1);\nend\n")));

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/backtest", auditor,
                "application/json", draft.toBuffer());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsString()).contains("'System' is not allowed in rules");
    }

    @Test
    void anExportStreamsTheRangeAsJsonLinesOrCsv() throws Exception {
        server.post("/api/feedback", feedback("fb-e1", "C-e", "NPS", 3)
                .put("comment", "Jono oli pitkä, \"todella\"\nja kassa kiinni"));
        server.post("/api/feedback", feedback("fb-e2", "C-e", "NPS", 10));

        HttpResponse<Buffer> jsonl = server.get("/api/audit/export?format=jsonl", auditor);
        HttpResponse<Buffer> csv = server.get("/api/audit/export?format=csv", auditor);

        List<JsonObject> lines = Arrays.stream(jsonl.bodyAsString().split("\n")).map(JsonObject::new).toList();
        assertThat(lines).extracting(line -> line.getString("feedbackId")).containsExactly("fb-e1", "fb-e2");
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        try (var parser = org.apache.commons.csv.CSVParser.parse(csv.bodyAsString(),
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            var records = parser.getRecords();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).get("comment")).isEqualTo("Jono oli pitkä, \"todella\"\nja kassa kiinni");
            assertThat(records.get(1).get("firedRules")).isEqualTo("Thank a promoter");
        }
        assertThat(server.get("/api/audit/export?format=xml", auditor).statusCode()).isEqualTo(400);
    }

    @Test
    void anErasedCustomerIsGoneFromListsAndReplaysButTheLogStillVerifies() {
        String decisionId = server.post("/api/feedback", feedback("fb-gdpr", "C-gdpr", "NPS", 2)
                .put("comment", "Soittakaa minulle: 040 765 4321")).bodyAsJsonObject().getString("decisionId");
        server.post("/api/feedback", feedback("fb-other", "C-other", "NPS", 9));

        HttpResponse<Buffer> erased = server.send(HttpMethod.DELETE, "/api/customers/C-gdpr", TestServer.ADMIN_TOKEN,
                null, null);

        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.bodyAsJsonObject().getInteger("erasedRecords")).isEqualTo(1);
        assertThat(server.get("/api/decisions?customerId=C-gdpr", auditor).bodyAsJsonObject().getJsonArray("items"))
                .isEmpty();
        assertThat(server.get("/api/decisions/" + decisionId, auditor).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/audit/export", auditor).bodyAsString()).doesNotContain("C-gdpr").doesNotContain("040 765 4321");
        JsonObject replay = server.send(HttpMethod.POST, "/api/audit/replay/" + decisionId, auditor, null, null)
                .bodyAsJsonObject();
        assertThat(replay.getString("outcome")).isEqualTo("erased");
        String[] verify = server.send(HttpMethod.POST, "/api/audit/verify", auditor, null, null).bodyAsString()
                .split("\n");
        JsonObject report = new JsonObject(verify[verify.length - 1]);
        assertThat(report.getLong("checked")).isEqualTo(2);
        assertThat(report.getBoolean("clean")).isTrue();
        assertThat(report.getString("anchoring")).contains("LUPAUS_CHAIN_KEY is not set");
        JsonObject event = server.get("/api/audit/events", auditor).bodyAsJsonObject().getJsonArray("items")
                .getJsonObject(0);
        assertThat(event.getString("action")).isEqualTo("customer.erased");
        assertThat(event.encode()).doesNotContain("C-gdpr");
        // A keyed hash: hashing guessed customer ids does not find it.
        assertThat(event.getString("subject")).startsWith("customer-hmac:")
                .doesNotContain(Authenticator.sha256("C-gdpr"));
    }

    @Test
    void aDecisionIsExplainedRuleByRuleInPlainWords() {
        String decisionId = server.post("/api/feedback", feedback("fb-x", "C-x", "NPS", 3).put("loyaltyTier", "silver"))
                .bodyAsJsonObject().getString("decisionId");

        JsonObject explanation = server.get("/api/decisions/" + decisionId + "/explanation", auditor)
                .bodyAsJsonObject();

        var rules = explanation.getJsonArray("rules").stream().map(JsonObject.class::cast).toList();
        JsonObject gold = rules.stream().filter(r -> r.getString("rule")
                .equals("Escalate a gold-tier detractor to the team lead")).findFirst().orElseThrow();
        JsonObject contact = rules.stream().filter(r -> r.getString("rule")
                .equals("Contact every detractor within 48 hours")).findFirst().orElseThrow();
        assertThat(gold.getBoolean("fired")).isFalse();
        assertThat(gold.getString("because")).isEqualTo("'loyaltyTier == LoyaltyTier.GOLD' did not hold for the Feedback");
        assertThat(contact.getBoolean("fired")).isTrue();
        assertThat(contact.getJsonArray("conditions").stream().map(c -> ((JsonObject) c).getString("held")))
                .containsOnly("yes");
        assertThat(rules).hasSize(17);
    }

    @Test
    void aBadTimeInAVerifyIsNamed() {
        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/verify", auditor,
                "application/json", new JsonObject().put("from", "last week").toBuffer());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("from");
    }
}
