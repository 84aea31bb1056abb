package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

@Tag("store")
class CsvImportTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String HEADER = "Respondent ID,Submitted,Score,Comment,Touchpoint,Order\n";
    private static final String MAPPING = "customerId:Respondent ID,receivedAt:Submitted,score:Score,"
            + "comment:Comment,touchpoint:Touchpoint,orderId:Order";
    private static final String PATH = "/api/imports/csv?mapping=" + URLEncoder.encode(MAPPING, StandardCharsets.UTF_8)
            + "&defaults=" + URLEncoder.encode("survey:NPS,phase:after", StandardCharsets.UTF_8);

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

    /** Bad rows by line (the header is line 1), and what makes each bad. */
    private static final Map<Integer, String> BAD = new TreeMap<>(Map.of(
            2, "C-2,2026-11-20,11,,store,",
            1_000, ",2026-11-20,9,,web,",
            5_001, "C-5001,2026-11-20,9,,shop,",
            10_000, "C-10000,yesterday,5,,web,",
            20_202, "C-20202,2026-11-20,nine,,app,",
            33_333, "C-33333,2026-11-20,9,,web",
            50_000, "C-50000,2026-11-20,,,web,",
            77_777, "C-77777,2026-11-20,-1,,phone,",
            99_999, "C-99999,2126-11-20,9,,chat,",
            100_001, "C-100001,2026-11-20,10,\"" + "x".repeat(4_001) + "\",web,"));

    @Test
    void aHundredThousandRowsImportTheGoodOnesAndReportTheBadOnesByLine() {
        StringBuilder csv = new StringBuilder(HEADER);
        String[] touchpoints = {"store", "web", "app", "phone", "chat", "email", "social"};
        for (int line = 2; line <= 100_001; line++) {
            String bad = BAD.get(line);
            csv.append(bad != null ? bad : "C-" + line + "," + "2026-11-" + (10 + line % 10) + " 12:30,"
                    + (line % 11) + ",\"Palvelu, kiitos\"," + touchpoints[line % 7] + ","
                    + (line % 3 == 0 ? "O-" + line : "")).append('\n');
        }

        long started = System.nanoTime();
        List<JsonObject> lines = importCsv(PATH, csv.toString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("CSV import of 100,000 rows took %,d ms%n", millis);

        JsonObject report = lines.get(lines.size() - 1);
        assertThat(report.getLong("rows")).isEqualTo(100_000);
        assertThat(report.getLong("decided")).isEqualTo(99_990);
        assertThat(report.getLong("failed")).isEqualTo(10);
        assertThat(report.getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(error -> error.getInteger("line")).distinct().toList())
                .containsExactlyElementsOf(BAD.keySet());
        assertThat(report.getJsonArray("errors").getJsonObject(0)).isEqualTo(new JsonObject().put("line", 2)
                .put("column", "Score").put("reason", "11 is outside from 0 to 10 for NPS"));
        assertThat(lines.subList(0, lines.size() - 1)).as("progress as it goes").hasSizeGreaterThan(40)
                .allSatisfy(progress -> assertThat(progress.fieldNames()).containsExactly("rows", "decided", "failed"));

        HttpResponse<Buffer> decisions = server.get("/api/decisions?customerId=C-42");
        assertThat(decisions.bodyAsJsonObject().getJsonArray("items")).singleElement()
                .satisfies(item -> assertThat(((JsonObject) item).getString("feedbackId")).startsWith("csv-"));
    }

    @Test
    void importingTheSameFileAgainDecidesNothingTwice() {
        String csv = HEADER + "C-1,2026-11-20,3,Jono oli pitkä,store,O-1\nC-2,2026-11-21,10,,web,\n";

        JsonObject first = last(importCsv(PATH, csv));
        JsonObject again = last(importCsv(PATH, csv));

        assertThat(first.getLong("decided")).isEqualTo(2);
        assertThat(again.getLong("decided")).isZero();
        assertThat(again.getLong("alreadyDecided")).isEqualTo(2);
        assertThat(again.getString("file")).isEqualTo(first.getString("file"));
    }

    @Test
    @Timeout(300)
    void aFileImportedTwelveTimesIsReadWholeEachTimeAndEachRowIsDecidedOnce() throws Exception {
        // About 200 KB: the body arrives in many chunks, and the file must hold them all before it is read.
        StringBuilder csv = new StringBuilder(HEADER);
        for (int line = 2; line <= 5_001; line++) {
            csv.append("C-").append(line).append(",2026-11-20 12:30,").append(line % 11)
                    .append(",\"Palvelu oli hyvää, kiitos paljon kaikesta\",web,O-").append(line).append('\n');
        }
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(csv.toString().getBytes(StandardCharsets.UTF_8)));

        List<JsonObject> reports = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            reports.add(last(importCsv(PATH, csv.toString())));
        }

        assertThat(reports).extracting(report -> report.getString("file")).containsOnly(hash);
        assertThat(reports).extracting(report -> report.getLong("rows")).containsOnly(5_000L);
        assertThat(reports.get(0).getLong("decided")).isEqualTo(5_000);
        assertThat(reports.subList(1, 12)).allSatisfy(again -> {
            assertThat(again.getLong("decided")).isZero();
            assertThat(again.getLong("alreadyDecided")).isEqualTo(5_000);
        });
    }

    @Test
    @Timeout(120)
    void theSameFileImportedTwiceAtOnceDecidesEachRowOnce() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int line = 2; line <= 1_001; line++) {
            csv.append("C-").append(line).append(",2026-11-20,").append(line % 11).append(",,web,\n");
        }
        List<Future<HttpResponse<Buffer>>> imports = List.of(send(csv.toString()), send(csv.toString()));

        List<JsonObject> reports = imports.stream().map(TestServer::await)
                .map(answer -> last(Arrays.stream(answer.bodyAsString().split("\n")).map(JsonObject::new).toList()))
                .toList();

        assertThat(reports).extracting(report -> report.getLong("decided") + report.getLong("alreadyDecided"))
                .containsOnly(1_000L);
        assertThat(reports.get(0).getLong("decided") + reports.get(1).getLong("decided")).isEqualTo(1_000);
    }

    private Future<HttpResponse<Buffer>> send(String csv) {
        return server.client().post(PATH)
                .putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv));
    }

    @Test
    @Timeout(120)
    void aSmallFileImportedFifteenTimesIsReadWithItsHeaderEachTime() {
        String csv = HEADER + "C-1,2026-11-20,3,Jono oli pitkä,store,O-1\nC-2,2026-11-21,10,,web,\n"
                + "C-3,2026-11-22,7,,app,\n";

        long decided = 0;
        for (int i = 0; i < 15; i++) {
            JsonObject report = last(importCsv(PATH, csv));
            assertThat(report.getLong("rows")).isEqualTo(3);
            assertThat(report.getLong("decided") + report.getLong("alreadyDecided")).isEqualTo(3);
            decided += report.getLong("decided");
        }

        assertThat(decided).isEqualTo(3);
    }

    @Test
    @Timeout(120)
    void aRowWhoseOwnIdIsTakenByOtherFeedbackIsReportedByLineAndNotDecided() {
        server.post("/api/feedback", TestServer.feedback("fb-taken", "C-1001", "NPS", 3));
        String csv = "Id,Respondent ID,Submitted,Score,Comment,Touchpoint,Order\n"
                + "fb-row-2,C-1,2026-11-20,9,,store,\n"
                + "fb-taken,C-ATTACKER,2026-11-20,10,,web,\n"
                + "erased:0193a4b2-7c1d-7e00-8000-000000000001,C-3,2026-11-20,10,,web,\n";

        JsonObject first = last(importCsv(PATH, csv));
        JsonObject again = last(importCsv(PATH, csv));

        assertThat(first.getLong("rows")).isEqualTo(3);
        assertThat(first.getLong("decided")).isEqualTo(1);
        assertThat(first.getLong("failed")).isEqualTo(2);
        assertThat(first.getJsonArray("errors").stream().map(JsonObject.class::cast).toList()).satisfiesExactly(
                taken -> {
                    assertThat(taken.getInteger("line")).isEqualTo(3);
                    assertThat(taken.getString("column")).isEqualTo("Id");
                    assertThat(taken.getString("reason")).isEqualTo(
                            "'fb-taken' is the id of other feedback already, so this row was not decided");
                },
                reserved -> {
                    assertThat(reserved.getInteger("line")).isEqualTo(4);
                    assertThat(reserved.getString("column")).isEqualTo("Id");
                    assertThat(reserved.getString("reason")).startsWith("must not start with 'erased:'");
                });
        assertThat(again.getLong("decided")).isZero();
        assertThat(again.getLong("alreadyDecided")).isEqualTo(1);
        assertThat(again.getLong("failed")).isEqualTo(2);
        assertThat(server.get("/api/decisions?customerId=C-ATTACKER").bodyAsJsonObject().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void aMappedColumnTheFileLacksIsRefusedBeforeAnythingIsDecided() {
        HttpResponse<Buffer> refused = server.postRaw("/api/imports/csv?mapping=customerId:Vastaaja", "text/csv",
                Buffer.buffer(HEADER + "C-1,2026-11-20,3,,store,\n"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                .startsWith("the file has no column 'Vastaaja' for customerId");
        assertThat(server.postRaw("/api/imports/csv?mapping=nimi:Respondent", "text/csv", Buffer.buffer(HEADER))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aFileLargerThanAnImportMayBeIsRefused() throws Exception {
        HttpResponse<Buffer> refused = server.send(io.vertx.core.http.HttpMethod.POST, PATH, TestServer.ADMIN_TOKEN,
                "text/csv", Buffer.buffer(HEADER).appendBuffer(Buffer.buffer(new byte[1024])));
        assertThat(refused.statusCode()).as("a small one passes").isEqualTo(200);

        // A client announcing more than an import may be is answered before it sends it all.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + 600L * 1024 * 1024 + "\r\n\r\n" + HEADER).getBytes(StandardCharsets.UTF_8));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }

    @Test
    void anIngestTokenMayNotImport() {
        String ingest = server.newToken("ingest");
        HttpResponse<Buffer> refused = server.send(io.vertx.core.http.HttpMethod.POST, PATH, ingest, "text/csv",
                Buffer.buffer(HEADER));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private List<JsonObject> importCsv(String path, String csv) {
        HttpResponse<Buffer> answered;
        try {
            answered = server.client().post(path)
                    .putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .putHeader("Content-Type", "text/csv")
                    .sendBuffer(Buffer.buffer(csv))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        assertThat(answered.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
        return Arrays.stream(answered.bodyAsString().split("\n")).map(JsonObject::new).toList();
    }

    private static JsonObject last(List<JsonObject> lines) {
        return lines.get(lines.size() - 1);
    }
}
