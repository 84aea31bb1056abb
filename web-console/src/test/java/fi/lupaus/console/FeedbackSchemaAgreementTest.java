package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;

/**
 * The document's schema of feedback and the server's reading of it agree: for each of many
 * feedback, valid and broken one way or another, the schema allows it exactly when the server
 * decides it (and when the server refuses it, it names the field the schema faults). The server
 * reads with its own code, for its error messages; this is what keeps the two from drifting.
 * Not covered by the schema, and so not tried here: receivedAt's bounds (1970 to a day from now),
 * control characters in text, and choices in another case, which the server takes.
 */
class FeedbackSchemaAgreementTest {

    @TempDir
    Path dataDir;

    @Test
    void theSchemaAllowsExactlyTheFeedbackTheServerDecides() {
        try (TestServer server = TestServer.start(dataDir, Clock.systemUTC())) {
            JsonObject schema = server.get("/api/openapi.json", null).bodyAsJsonObject()
                    .getJsonObject("components").getJsonObject("schemas").getJsonObject("Feedback");
            Validator validator = Validator.create(JsonSchema.of(schema),
                    new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://lupaus.fi/openapi"));

            List<String> disagreements = new ArrayList<>();
            int n = 0;
            for (Map.Entry<String, UnaryOperator<JsonObject>> variant : variants().entrySet()) {
                n++;
                JsonObject feedback = variant.getValue().apply(TestServer.feedback("fb-agree-" + n, "C-" + n, "NPS", 7)
                        .put("comment", "Jono").put("complaint", false).put("orderId", "O-" + n)
                        .put("loyaltyTier", "silver"));
                boolean schemaAllows = validator.validate(feedback).getValid();
                int status = server.post("/api/feedback", feedback.encode()).statusCode();
                boolean serverDecides = status == 201 || status == 200;
                if (schemaAllows != serverDecides || !serverDecides && status != 400) {
                    disagreements.add(variant.getKey() + ": the schema " + (schemaAllows ? "allows" : "refuses")
                            + " it, the server answered " + status + " to " + feedback.encode());
                }
            }
            assertThat(n).isGreaterThan(40);
            assertThat(disagreements).isEmpty();
        }
    }

    private static Map<String, UnaryOperator<JsonObject>> variants() {
        Map<String, UnaryOperator<JsonObject>> variants = new LinkedHashMap<>();
        variants.put("as it is", f -> f);
        variants.put("only the required fields", f -> new JsonObject().put("customerId", "C-min")
                .put("touchpoint", "app").put("phase", "pre").put("survey", "NPS").put("score", 0));
        for (String field : List.of("customerId", "touchpoint", "phase", "survey", "score")) {
            variants.put("without " + field, f -> { f.remove(field); return f; });
            variants.put(field + " null", f -> f.putNull(field));
        }
        for (String field : List.of("id", "receivedAt", "comment", "complaint", "orderId", "loyaltyTier")) {
            variants.put("without " + field, f -> { f.remove(field); return f; });
            variants.put(field + " null", f -> f.putNull(field));
        }
        variants.put("an unknown field", f -> f.put("scroe", 3));
        variants.put("touchpoint shop", f -> f.put("touchpoint", "shop"));
        variants.put("phase during", f -> f.put("phase", "during"));
        variants.put("survey CES", f -> f.put("survey", "CES"));
        variants.put("loyaltyTier platinum", f -> f.put("loyaltyTier", "platinum"));
        variants.put("touchpoint a number", f -> f.put("touchpoint", 3));
        for (int score : new int[] {-1, 0, 1, 5, 6, 10, 11}) {
            variants.put("NPS " + score, f -> f.put("survey", "NPS").put("score", score));
            variants.put("CSAT " + score, f -> f.put("survey", "CSAT").put("score", score));
        }
        variants.put("score 3.5", f -> f.put("score", 3.5));
        variants.put("score 3.0", f -> f.put("score", 3.0));
        variants.put("score as text", f -> f.put("score", "3"));
        variants.put("score huge", f -> f.put("score", 1e12));
        variants.put("complaint as text", f -> f.put("complaint", "true"));
        variants.put("complaint true", f -> f.put("complaint", true));
        variants.put("customerId a number", f -> f.put("customerId", 1001));
        variants.put("customerId blank", f -> f.put("customerId", "   "));
        variants.put("comment blank", f -> f.put("comment", " "));
        variants.put("customerId 200 characters", f -> f.put("customerId", "C".repeat(200)));
        variants.put("customerId 201 characters", f -> f.put("customerId", "C".repeat(201)));
        variants.put("id 200 characters", f -> f.put("id", "i".repeat(200)));
        variants.put("id 201 characters", f -> f.put("id", "i".repeat(201)));
        variants.put("orderId 201 characters", f -> f.put("orderId", "O".repeat(201)));
        variants.put("comment 4,000 characters", f -> f.put("comment", "k".repeat(4000)));
        variants.put("comment 4,001 characters", f -> f.put("comment", "k".repeat(4001)));
        variants.put("id erased:…", f -> f.put("id", "erased:abc"));
        variants.put("id Case-Due:…", f -> f.put("id", "Case-Due:abc"));
        variants.put("id fb-<uuid>", f -> f.put("id", "fb-0190f5a4-8c9e-7d1a-9b2c-3d4e5f607182"));
        variants.put("id csv-<hash>-<line>", f -> f.put("id", "csv-0123456789abcdef-12"));
        variants.put("id csv- but not a hash", f -> f.put("id", "csv-web-shop-12"));
        variants.put("receivedAt with an offset", f -> f.put("receivedAt", "2026-11-20T12:15:00+02:00"));
        variants.put("receivedAt without an offset", f -> f.put("receivedAt", "2026-11-20T10:15:00"));
        variants.put("receivedAt a date", f -> f.put("receivedAt", "2026-11-20"));
        variants.put("receivedAt a number", f -> f.put("receivedAt", 1_795_000_000));
        return variants;
    }
}
