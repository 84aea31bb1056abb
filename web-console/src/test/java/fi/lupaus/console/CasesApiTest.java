package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.decide.CaseSweeper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

// Cases end to end, on a simulated clock: the feedback's receivedAt is T (TestServer.feedback),
// the detractor's promise is due at T + 48 h, and the sweep runs only when the test says so.
@Tag("store")
class CasesApiTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private final SimulatedClock clock = new SimulatedClock(T.plusSeconds(60));
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config(dataDir).withSweepInterval(Duration.ZERO), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonObject postDetractor(String feedbackId, String customerId) {
        HttpResponse<Buffer> answer = server.post("/api/feedback", feedback(feedbackId, customerId, "NPS", 3));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        return answer.bodyAsJsonObject();
    }

    private JsonObject onlyCaseOf(String customerId) {
        JsonArray items = server.get("/api/cases?state=open").bodyAsJsonObject().getJsonArray("items");
        List<JsonObject> theirs = items.stream().map(JsonObject.class::cast)
                .filter(item -> item.getString("customerId").equals(customerId)).toList();
        assertThat(theirs).hasSize(1);
        return server.get("/api/cases/" + theirs.get(0).getString("caseId")).bodyAsJsonObject();
    }

    private CaseSweeper.Sweep sweepAt(Duration sinceFeedback) {
        clock.set(T.plus(sinceFeedback));
        return server.sweeper().sweep(T.plus(sinceFeedback));
    }

    private static List<String> steps(JsonObject caseJson) {
        return caseJson.getJsonArray("history").stream().map(JsonObject.class::cast)
                .map(step -> step.getString("step")).toList();
    }

    @Test
    void aDetractorLeftAloneIsRemindedThenEscalatedToTheTeamLeadThenToTheCxManager() {
        postDetractor("fb-1", "C-1");
        JsonObject opened = onlyCaseOf("C-1");
        assertThat(opened.getString("promise")).isEqualTo("detractor-contact-48h");
        assertThat(opened.getString("owner")).isEqualTo("service-team");
        assertThat(opened.getString("dueAt")).isEqualTo(T.plus(Duration.ofHours(48)).toString());
        String caseId = opened.getString("caseId");

        assertThat(sweepAt(Duration.ofHours(35)).decisionsRecorded()).isZero();
        assertThat(sweepAt(Duration.ofHours(36)).decisionsRecorded()).isEqualTo(1);
        assertThat(sweepAt(Duration.ofHours(37)).decisionsRecorded()).as("a stage is decided once").isZero();
        assertThat(sweepAt(Duration.ofHours(48)).decisionsRecorded()).isEqualTo(1);
        clock.set(T.plus(Duration.ofHours(48)).plusSeconds(60));
        assertThat(server.get("/api/cases?overdue=true").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
        assertThat(sweepAt(Duration.ofHours(96)).decisionsRecorded()).isEqualTo(1);
        assertThat(sweepAt(Duration.ofHours(97)).decisionsRecorded()).isZero();

        JsonObject escalated = server.get("/api/cases/" + caseId).bodyAsJsonObject();
        assertThat(steps(escalated)).containsExactly("opened", "reminded", "escalated", "escalated");
        assertThat(escalated.getString("owner")).isEqualTo("cx-manager");
        assertThat(escalated.getJsonArray("stages")).containsExactly("cx-manager", "reminder", "team-lead");
        assertThat(escalated.getBoolean("broken")).isTrue();
        List<String> details = escalated.getJsonArray("history").stream().map(JsonObject.class::cast)
                .map(step -> step.getString("at") + " " + step.getString("detail")).toList();
        assertThat(details).containsExactly(
                T.plusSeconds(60) + " promise detractor-contact-48h for service-team, due " + T.plus(Duration.ofHours(48)),
                T.plus(Duration.ofHours(36)) + " reminder to service-team (reminder)",
                T.plus(Duration.ofHours(48)) + " escalated to team-lead (team-lead)",
                T.plus(Duration.ofHours(96)) + " escalated to cx-manager (cx-manager)");
    }

    @Test
    void eachEscalationIsARecordedDecisionThatTheAuditorReplaysIdentically() {
        postDetractor("fb-1", "C-1");
        sweepAt(Duration.ofHours(48));
        JsonObject escalated = onlyCaseOf("C-1");
        String decisionId = escalated.getJsonArray("history").getJsonObject(1).getString("decisionId");

        JsonObject decision = server.get("/api/decisions/" + decisionId).bodyAsJsonObject();
        assertThat(decision.getString("caseId")).isEqualTo(escalated.getString("caseId"));
        assertThat(decision.getString("decidedAt")).isEqualTo(T.plus(Duration.ofHours(48)).toString());
        assertThat(decision.getJsonArray("firedRules")).containsExactly("Escalate a broken promise to the team lead");
        assertThat(decision.getJsonObject("context").getJsonObject("caseDue").getInteger("percentUsed")).isEqualTo(100);

        JsonObject replay = server.post("/api/audit/replay/" + decisionId, "").bodyAsJsonObject();
        assertThat(replay.getString("outcome")).isEqualTo("identical");
        JsonObject verify = lastLine(server.post("/api/audit/verify", new JsonObject()).bodyAsString());
        assertThat(verify.getBoolean("clean")).as(verify.encode()).isTrue();
        assertThat(verify.getLong("checked")).isEqualTo(2);
    }

    @Test
    void aCaseResolvedBeforeItsDeadlineIsKeptAndIsNotEscalated() {
        postDetractor("fb-1", "C-1");
        String caseId = onlyCaseOf("C-1").getString("caseId");

        clock.set(T.plus(Duration.ofHours(2)));
        assertThat(server.post("/api/cases/" + caseId + "/acknowledge", "").statusCode()).isEqualTo(200);
        clock.set(T.plus(Duration.ofHours(30)));
        HttpResponse<Buffer> resolved = server.post("/api/cases/" + caseId + "/resolve",
                new JsonObject().put("outcome", "contacted").put("note", "Soitettu, pahoiteltu jonoa"));

        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonObject kept = resolved.bodyAsJsonObject();
        assertThat(kept.getString("state")).isEqualTo("resolved");
        assertThat(kept.getString("outcome")).isEqualTo("contacted");
        assertThat(kept.getBoolean("kept")).isTrue();
        assertThat(steps(kept)).containsExactly("opened", "acknowledged", "resolved");
        assertThat(sweepAt(Duration.ofHours(96)).decisionsRecorded()).isZero();
    }

    @Test
    void cancellingNeedsAReasonWhichTheCaseKeeps() {
        postDetractor("fb-1", "C-1");
        String caseId = onlyCaseOf("C-1").getString("caseId");

        HttpResponse<Buffer> without = server.post("/api/cases/" + caseId + "/cancel", new JsonObject().put("note", " "));

        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("note");
        HttpResponse<Buffer> with = server.post("/api/cases/" + caseId + "/cancel",
                new JsonObject().put("note", "The customer withdrew the complaint"));
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.bodyAsJsonObject().getString("note")).isEqualTo("The customer withdrew the complaint");
    }

    @Test
    void anInvalidTransitionIs409NamingTheStateAndWhatIsAllowed() {
        postDetractor("fb-1", "C-1");
        String caseId = onlyCaseOf("C-1").getString("caseId");
        server.post("/api/cases/" + caseId + "/acknowledge", "");

        HttpResponse<Buffer> again = server.post("/api/cases/" + caseId + "/acknowledge", "");

        assertThat(again.statusCode()).isEqualTo(409);
        JsonObject error = again.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo("state");
        assertThat(error.getString("reason")).contains("is acknowledged").contains("resolve, reassign, cancel");
    }

    @Test
    void aSecondDetractorAnswerIsAddedToTheOpenCaseAndEscalatesItToTheCxManager() {
        postDetractor("fb-1", "C-1");
        clock.set(T.plus(Duration.ofHours(5)));

        JsonObject second = postDetractor("fb-2", "C-1");

        assertThat(second.getJsonArray("firedRules")).containsExactlyInAnyOrder(
                "Add a detractor's new answer to their open case",
                "Escalate a second detractor answer within 90 days to the CX manager");
        JsonObject theCase = onlyCaseOf("C-1");
        assertThat(steps(theCase)).containsExactly("opened", "answer-added", "escalated");
        assertThat(theCase.getString("owner")).isEqualTo("cx-manager");
        JsonObject context = server.get("/api/decisions/" + second.getString("decisionId")).bodyAsJsonObject()
                .getJsonObject("context");
        assertThat(context.getJsonArray("previousAnswers")).hasSize(1);
        assertThat(context.getJsonArray("cases").getJsonObject(0).getString("caseId"))
                .isEqualTo(theCase.getString("caseId"));
    }

    @Test
    void twoDetractorAnswersOfOneCustomerInOneBatchOpenOneCase() {
        Buffer batch = new JsonArray().add(feedback("fb-1", "C-1", "NPS", 3)).add(feedback("fb-2", "C-1", "NPS", 2))
                .toBuffer();

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/feedback/batch",
                TestServer.ADMIN_TOKEN, "application/json", batch);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        JsonObject theCase = onlyCaseOf("C-1");
        assertThat(steps(theCase)).containsExactly("opened", "answer-added");
        assertThat(theCase.getJsonArray("history").getJsonObject(1).getString("detail"))
                .startsWith("feedback fb-2 (NPS 2)");
    }

    @Test
    void aSweepOfMoreCasesThanOneTransactionTakesRecordsEveryEscalation() {
        for (int batch = 0; batch < 25; batch++) {
            JsonArray detractors = new JsonArray();
            for (int i = batch * 10; i < batch * 10 + 10; i++) {
                detractors.add(feedback("fb-many-" + i, "C-many-" + i, "NPS", 3));
            }
            assertThat(server.send(HttpMethod.POST, "/api/feedback/batch", TestServer.ADMIN_TOKEN, "application/json",
                    detractors.toBuffer()).statusCode()).isEqualTo(201);
        }

        CaseSweeper.Sweep sweep = sweepAt(Duration.ofHours(48));

        assertThat(sweep.decisionsRecorded()).isEqualTo(250);
        assertThat(steps(onlyCaseOf("C-many-0"))).containsExactly("opened", "escalated");
    }

    @Test
    void reassigningGivesTheCaseAnotherOwnerAndIsInTheAuditLog() {
        postDetractor("fb-1", "C-1");
        String caseId = onlyCaseOf("C-1").getString("caseId");

        JsonObject reassigned = server.post("/api/cases/" + caseId + "/reassign", new JsonObject().put("owner", "maija"))
                .bodyAsJsonObject();

        assertThat(reassigned.getString("owner")).isEqualTo("maija");
        assertThat(server.get("/api/cases?owner=maija").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
        assertThat(server.get("/api/audit/events").bodyAsString()).contains("case.reassigned");
    }

    @Test
    void anIngestTokenMayNotReadCasesAndAnAuditorMayNotWorkThem() {
        postDetractor("fb-1", "C-1");
        String caseId = onlyCaseOf("C-1").getString("caseId");

        assertThat(server.get("/api/cases", server.newToken("ingest")).statusCode()).isEqualTo(403);
        String auditor = server.newToken("auditor");
        assertThat(server.get("/api/cases/" + caseId, auditor).statusCode()).isEqualTo(200);
        assertThat(server.send(HttpMethod.POST, "/api/cases/" + caseId + "/acknowledge", auditor, null, null)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aCaseIsDurableWhenTheFeedbackIsAnsweredAndSurvivesARestart() {
        postDetractor("fb-1", "C-1");
        server.close();

        server = TestServer.start(TestServer.config(dataDir).withSweepInterval(Duration.ZERO), clock);

        assertThat(onlyCaseOf("C-1").getString("state")).isEqualTo("open");
    }

    @Test
    void casesAreListedByDeadlineAPageAtATimeWithTheTotalTheFiltersMatch() {
        // Given at T minus these hours: due 48 hours after each.
        int[] hoursBefore = {0, 10, 5, 20, 1};
        for (int i = 0; i < hoursBefore.length; i++) {
            HttpResponse<Buffer> answer = server.post("/api/feedback", feedback("fb-" + i, "C-" + i, "NPS", 3)
                    .put("receivedAt", T.minus(Duration.ofHours(hoursBefore[i])).toString()));
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        }

        assertThat(customers("/api/cases?sort=due&limit=2")).containsExactly("C-3", "C-1", "C-2", "C-4", "C-0");
        assertThat(customers("/api/cases?sort=-due&limit=3")).containsExactly("C-0", "C-4", "C-2", "C-1", "C-3");
        JsonObject first = server.get("/api/cases?sort=due&limit=2").bodyAsJsonObject();
        assertThat(first.getJsonArray("items")).hasSize(2);
        assertThat(first.getLong("total")).isEqualTo(5);
        assertThat(customers("/api/cases?sort=due&dueWithin=30")).containsExactly("C-3");
        assertThat(server.get("/api/cases?dueWithin=30").bodyAsJsonObject().getLong("total")).isEqualTo(1);
        assertThat(customers("/api/cases?sort=due&state=open&state=acknowledged&owner=service-team&owner=nobody"))
                .hasSize(5);

        clock.set(T.plus(Duration.ofHours(40)));
        assertThat(customers("/api/cases?sort=due&overdue=true&limit=1")).containsExactly("C-3", "C-1");
        assertThat(server.get("/api/cases?overdue=true").bodyAsJsonObject().getLong("total")).isEqualTo(2);
        JsonObject none = server.get("/api/cases?overdue=true&state=resolved").bodyAsJsonObject();
        assertThat(none.getJsonArray("items")).isEmpty();
        assertThat(none.getLong("total")).isZero();
    }

    @Test
    void aSortOrACursorOfAnotherSortIs400() {
        assertThat(server.get("/api/cases?sort=priority").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/cases?sort=due&after=0190a0b0-0000-7000-8000-000000000000").statusCode())
                .isEqualTo(400);
        assertThat(server.get("/api/cases?dueWithin=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/cases?dueWithin=5&overdue=true").statusCode()).isEqualTo(400);
    }

    /** The customers of every page of a listing, following its cursors. */
    private List<String> customers(String path) {
        List<String> customers = new java.util.ArrayList<>();
        String next = null;
        do {
            JsonObject page = server.get(path + (next == null ? "" : "&after=" + next)).bodyAsJsonObject();
            page.getJsonArray("items").stream().map(JsonObject.class::cast)
                    .forEach(item -> customers.add(item.getString("customerId")));
            next = page.getString("next");
        } while (next != null);
        return customers;
    }

    private static JsonObject lastLine(String jsonLines) {
        String[] lines = jsonLines.strip().split("\n");
        return new JsonObject(lines[lines.length - 1]);
    }
}
