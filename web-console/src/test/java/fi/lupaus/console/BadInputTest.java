package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Input that was once accepted or answered with a 500, each now a 400 (or 415) naming the
 * problem in the usual {@code {"errors":[{"field","reason"}]}}, with nothing stored.
 */
@Timeout(120)
class BadInputTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    private static final String VALID = "{\"customerId\":\"C-bad\",\"touchpoint\":\"store\",\"phase\":\"core\","
            + "\"survey\":\"NPS\",\"score\":9}";

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonObject onlyError(HttpResponse<Buffer> answer, int status) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(answer.bodyAsJsonObject().fieldNames()).containsExactly("errors");
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors")).hasSize(1);
        return answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    }

    private void nothingStored() {
        assertThat(server.get("/api/decisions?customerId=C-bad").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    }

    @Test
    void aFieldGivenTwiceIsNamedNotReadAsTheLastOne() {
        JsonObject error = onlyError(server.post("/api/feedback",
                "{\"customerId\":\"C-bad\",\"customerId\":\"C-other\",\"touchpoint\":\"store\",\"phase\":\"core\","
                        + "\"survey\":\"NPS\",\"score\":9}"), 400);

        assertThat(error.getString("field")).isEqualTo("customerId");
        assertThat(error.getString("reason")).startsWith("is given twice in one object at line 1");
        nothingStored();
    }

    @Test
    void aFieldGivenTwiceInABatchItemIsNamedByItsPath() {
        JsonObject error = onlyError(server.post("/api/feedback/batch",
                "[" + VALID + ",{\"customerId\":\"C-bad\",\"touchpoint\":\"store\",\"phase\":\"core\","
                        + "\"survey\":\"NPS\",\"score\":9,\"score\":0}]"), 400);

        assertThat(error.getString("field")).isEqualTo("[1].score");
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {" trailing garbage", "}", "," + VALID, VALID, "\n" + VALID, "[]", "null"})
    void anythingAfterTheDocumentIsRefused(String after) {
        JsonObject error = onlyError(server.post("/api/feedback", VALID + after), 400);

        assertThat(error.getString("field")).isEqualTo("body");
        assertThat(error.getString("reason")).startsWith("holds more after its JSON document at line")
                .endsWith("; send one JSON document");
        nothingStored();
    }

    @Test
    void twoBatchesInOneBodyAreRefused() {
        JsonObject error = onlyError(server.post("/api/feedback/batch", "[" + VALID + "][" + VALID + "]"), 400);

        assertThat(error.getString("field")).isEqualTo("body");
        nothingStored();
    }

    @Test
    void otherJsonBodiesAreReadAsStrictly() {
        String sources = "[{\"name\":\"fi/lupaus/rules/custom/a.drl\",\"drl\":\"package fi.lupaus.rules.custom\"}]";

        JsonObject twice = onlyError(server.post("/api/rulesets/validate",
                "{\"sources\":" + sources + ",\"sources\":" + sources + "}"), 400);
        JsonObject trailing = onlyError(server.post("/api/rulesets/validate",
                "{\"sources\":" + sources + "} {}"), 400);

        assertThat(twice.getString("field")).isEqualTo("sources");
        assertThat(trailing.getString("field")).isEqualTo("body");
        assertThat(server.post("/api/rulesets/validate", "{\"sources\":" + sources + "}\n").statusCode())
                .isEqualTo(200);
    }

    @Test
    void accessBodiesAreReadAsStrictly() {
        JsonObject twice = onlyError(server.post("/api/users",
                "{\"username\":\"maija\",\"password\":\"a-long-enough-password\",\"role\":\"auditor\","
                        + "\"role\":\"admin\"}"), 400);
        JsonObject trailing = onlyError(server.post("/api/tokens", "{\"name\":\"shop\",\"role\":\"ingest\"} {}"), 400);

        assertThat(twice.getString("field")).isEqualTo("role");
        assertThat(trailing.getString("field")).isEqualTo("body");
        assertThat(server.get("/api/users").bodyAsString()).doesNotContain("maija");
    }

    @Test
    void whiteSpaceAfterTheDocumentIsFine() {
        assertThat(server.post("/api/feedback", " " + VALID + " \r\n\t ").statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "x\\udc00y", "\\ud83d", "\\ude00\\ud83d"})
    void aLoneSurrogateIsRefusedNamingTheField(String escaped) {
        JsonObject error = onlyError(server.post("/api/feedback",
                VALID.replace("}", ",\"comment\":\"Hyvä " + escaped + "\"}")), 400);

        assertThat(error.getString("field")).isEqualTo("comment");
        assertThat(error.getString("reason")).startsWith("must not contain a lone surrogate");
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202E", "\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069"})
    void bidirectionalControlsAreRefusedNamingTheField(String control) {
        JsonObject inComment = onlyError(server.post("/api/feedback",
                feedback("fb-bidi", "C-bad", "NPS", 9).put("comment", "kiitos " + control + "gnp.exe")), 400);
        JsonObject inCustomer = onlyError(server.post("/api/feedback",
                feedback("fb-bidi", "C-bad" + control, "NPS", 9)), 400);

        assertThat(inComment.getString("field")).isEqualTo("comment");
        assertThat(inComment.getString("reason")).startsWith("must not contain bidirectional control characters (U+");
        assertThat(inCustomer.getString("field")).isEqualTo("customerId");
        nothingStored();
    }

    @Test
    void aControlCharacterIsRefusedNamingTheField() {
        JsonObject error = onlyError(server.post("/api/feedback",
                feedback("fb-bell", "C-bad", "NPS", 9).put("comment", "kiitos\u0007")), 400);

        assertThat(error).isEqualTo(new JsonObject().put("field", "comment")
                .put("reason", "must not contain control characters"));
    }

    @Test
    void anEmptyOrUndecodableBodyIsNamed() {
        JsonObject empty = onlyError(server.postRaw("/api/feedback", "application/json", Buffer.buffer(" ")), 400);
        JsonObject notUtf8 = onlyError(server.postRaw("/api/feedback", "application/json",
                Buffer.buffer(new byte[] {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}'})), 400);

        assertThat(empty.getString("field")).isEqualTo("body");
        assertThat(notUtf8.getString("field")).isEqualTo("body");
        nothingStored();
    }

    @Test
    void textInAnyScriptWithEmojiIsStoredAsSent() {
        String comment = "Kiitos 😀 — שלום עולם — مرحبا";
        JsonObject decision = server.post("/api/feedback",
                feedback("fb-script", "C-bad", "NPS", 9).put("comment", comment)).bodyAsJsonObject();

        assertThat(server.get("/api/decisions/" + decision.getString("decisionId")).bodyAsJsonObject()
                .getJsonObject("feedback").getString("comment")).isEqualTo(comment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonfoo", "application/json-patch+json", "application/json5", "text/json",
        "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded"})
    void aContentTypeOtherThanJsonIs415NamingTheHeader(String contentType) {
        JsonObject error = onlyError(server.postRaw("/api/feedback", contentType, Buffer.buffer(VALID)), 415);

        assertThat(error.getString("field")).isEqualTo("Content-Type");
        assertThat(error.getString("reason")).contains("application/json");
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
    void jsonWithOrWithoutItsCharsetIsTaken(String contentType) {
        assertThat(server.postRaw("/api/feedback", contentType, Buffer.buffer(VALID)).statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%22", "%0A", "%0D", "%00"})
    void aCsvDelimiterThatCannotSeparateColumnsIsRefusedNamingIt(String delimiter) {
        JsonObject error = onlyError(server.postRaw("/api/imports/csv?delimiter=" + delimiter, "text/csv",
                Buffer.buffer("customerId,touchpoint,phase,survey,score\nC-bad,store,core,NPS,9\n")), 400);

        assertThat(error.getString("field")).isEqualTo("delimiter");
        assertThat(error.getString("reason")).contains("cannot separate columns");
        nothingStored();
    }
}
