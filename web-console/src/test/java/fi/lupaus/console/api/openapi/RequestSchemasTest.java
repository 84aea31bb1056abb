package fi.lupaus.console.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import fi.lupaus.console.api.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The document's schemas of request bodies, and their problems told as the API tells them: a field and a reason. */
class RequestSchemasTest {

    private static RequestSchemas schemas;

    @BeforeAll
    static void readTheDocument() throws IOException {
        try (InputStream yaml = RequestSchemasTest.class.getClassLoader().getResourceAsStream(OpenApiRoutes.DOCUMENT)) {
            schemas = RequestSchemas.of(new JsonObject(new Yaml(new SafeConstructor(new LoaderOptions()))
                    .<Map<String, Object>>load(yaml)));
        }
    }

    private static JsonObject feedback() {
        return new JsonObject().put("id", "fb-1").put("customerId", "C-1").put("touchpoint", "store").put("phase", "core")
                .put("survey", "NPS").put("score", 3).put("comment", "Jono oli pitkä").put("loyaltyTier", "gold");
    }

    @Nested
    class Feedback {

        @Test
        void feedbackAsTheReadmeSendsItHasNoProblems() {
            assertThat(schemas.problems("postFeedback", feedback())).isEmpty();
        }

        @Test
        void everyProblemIsNamedByFieldAndReasonAsTheFeedbackReaderNamesIt() {
            JsonObject bad = new JsonObject().put("touchpoint", "shop").put("phase", "core")
                    .put("survey", "NPS").put("score", 11).put("colour", "blue");

            assertThat(schemas.problems("postFeedback", bad)).containsExactlyInAnyOrder(
                    new FieldError("customerId", "is required"),
                    new FieldError("touchpoint", "'shop' is not one of store, web, app, phone, chat, email, social"),
                    new FieldError("score", "11 is outside from 0 to 10"),
                    new FieldError("colour", "is not a field here; the fields are comment, complaint, customerId, id, "
                            + "loyaltyTier, orderId, phase, receivedAt, score, survey, touchpoint"));
        }

        @Test
        void aBatchNamesItsItemsByIndex() {
            JsonArray batch = new JsonArray().add(feedback()).add(feedback().put("orderId", 5).put("comment", " "));

            assertThat(schemas.problems("postFeedbackBatch", batch)).containsExactlyInAnyOrder(
                    new FieldError("[1].orderId", "must be a string"),
                    new FieldError("[1].comment", "must not be blank"));
            assertThat(schemas.problems("postFeedbackBatch", new JsonArray()))
                    .containsExactly(new FieldError("body", "must hold from 1 to 1000 items, not 0"));
        }

        @Test
        void theDocumentWordsWhatAPatternAloneWouldNot() {
            assertThat(schemas.problems("postFeedback", feedback().put("id", "erased:x")))
                    .extracting(FieldError::field).containsExactly("id");
            assertThat(schemas.problems("postFeedback", feedback().put("receivedAt", "yesterday")))
                    .extracting(FieldError::reason)
                    .containsExactly("must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z");
        }
    }

    @Test
    void usersTokensAndCaseStepsAreCheckedByTheirOperationsSchema() {
        assertThat(schemas.problems("createUser", new JsonObject().put("username", "a b").put("password", "short")
                .put("role", "ingest"))).extracting(FieldError::field).containsExactly("username", "password", "role");
        assertThat(schemas.problems("createToken", new JsonObject().put("name", "web-shop").put("role", "ingest")))
                .isEmpty();
        assertThat(schemas.problems("cancelCase", new JsonObject()))
                .containsExactly(new FieldError("note", "is required"));
        assertThat(schemas.problems("saveRuleSet", new JsonObject().put("sources", new JsonArray().add(new JsonObject()))))
                .extracting(FieldError::field).containsExactly("sources[0].name", "sources[0].drl");
    }

    @Test
    void aRouteCheckedAgainstABodyTheDocumentDoesNotHaveFailsAtStart() {
        assertThatThrownBy(() -> schemas.check("listDecisions")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listDecisions");
    }

    @Nested
    class Parameters {

        private static io.vertx.core.MultiMap query(String... pairs) {
            io.vertx.core.MultiMap query = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
            for (int i = 0; i < pairs.length; i += 2) {
                query.add(pairs[i], pairs[i + 1]);
            }
            return query;
        }

        @Test
        void parametersAsTheDocumentSaysThemHaveNoProblems() {
            assertThat(schemas.parameterProblems("GET", "/api/cases", query("state", "open", "state", "acknowledged",
                    "overdue", "true", "sort", "due", "limit", "50"))).isEmpty();
            assertThat(schemas.parameterProblems("GET", "/api/decisions/0190a0b0/explanation", query())).isEmpty();
        }

        @Test
        void eachBadParameterIsNamedInTheDocumentsOrderWithTheRoutesOwnReason() {
            assertThat(schemas.parameterProblems("GET", "/api/decisions", query("limit", "0", "from", "yesterday",
                    "scoreMin", "11", "colour", "blue"))).containsExactly(
                    new FieldError("from", "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"),
                    new FieldError("scoreMin", "must be a score from 0 to 10"),
                    new FieldError("limit", "must be a whole number from 1 to 1000"),
                    new FieldError("colour", "is not a parameter here; the parameters are action, after, customerId, "
                            + "from, limit, phase, receivedFrom, receivedTo, rule, scoreMax, scoreMin, survey, to, touchpoint"));
        }

        @Test
        void aRepeatedParameterIsNamedOnceByItsName() {
            assertThat(schemas.parameterProblems("GET", "/api/cases", query("state", "open", "state", "lost",
                    "state", "gone"))).containsExactly(new FieldError("state", "must be open, acknowledged, resolved or cancelled"));
        }

        @Test
        void aChoiceInAnotherCaseIsTakenAndHandedOnAsTheDocumentSpellsIt() {
            io.vertx.core.MultiMap cases = query("state", "OPEN", "state", "Resolved");
            io.vertx.core.MultiMap metrics = query("by", "Week");

            assertThat(schemas.parameterProblems("GET", "/api/cases", cases)).isEmpty();
            assertThat(schemas.parameterProblems("GET", "/api/metrics", metrics)).isEmpty();
            assertThat(cases.getAll("state")).containsExactly("open", "resolved");
            assertThat(metrics.get("by")).isEqualTo("week");
        }

        @Test
        void aPathWithoutParametersIsMatchedBeforeOneWith() {
            assertThat(schemas.parameterProblems("GET", "/api/rulesets/deployments", query("limit", "5")))
                    .extracting(FieldError::field).containsExactly("limit");
            assertThat(schemas.parameterProblems("DELETE", "/api/customers/" + "x".repeat(201), query()))
                    .extracting(FieldError::field).containsExactly("customerId");
        }

        @Test
        void aRequestThatIsNoOperationOfTheDocumentIsLeftToItsRoute() {
            assertThat(schemas.parameterProblems("GET", "/api/nothing-here", query("colour", "blue"))).isEmpty();
        }
    }
}
