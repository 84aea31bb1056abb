package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.engine.jdbc.TestDatabases;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The README's "Try it" against a started server: each shell block runs verbatim in bash (only
 * the port is the test's), and where the README shows the answer, the server gives that answer
 * (the README's "…" stand for ids and versions the server makes; decidedAt is the run's time).
 */
@Tag("store")
class ReadmeTryItTest {

    static final Path README = Path.of("..", "README.md");
    private static final String TOKEN = "lupaus-try-it-admin-token";
    private static final Pattern BLOCK = Pattern.compile("```(sh|json)\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path dataDir;

    /** A fenced block of the section, and the JSON block that follows it, if any. */
    private record Step(String shell, String answer) {
    }

    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n## " + heading + "\n");
        assertThat(start).as("the README has a section '%s'", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static List<Step> steps(String section) {
        List<Step> steps = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(section);
        while (blocks.find()) {
            if (blocks.group(1).equals("sh")) {
                steps.add(new Step(blocks.group(2), null));
            } else if (!steps.isEmpty()) {
                Step last = steps.remove(steps.size() - 1);
                steps.add(new Step(last.shell(), blocks.group(2)));
            }
        }
        return steps;
    }

    @Test
    void everyCommandOfTryItWorksVerbatimAndAnswersWhatTheReadmeShows() throws Exception {
        List<Step> steps = steps(section(Files.readString(README), "Try it"));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(5);
        LupausConfig config = new LupausConfig("127.0.0.1", 0, dataDir, 2 * 1024 * 1024, 1000, 4096, 20_000, TOKEN)
                .withDatabase(TestDatabases.settings(dataDir));
        try (TestServer server = TestServer.start(config, Clock.systemUTC())) {
            List<String> outputs = new ArrayList<>();
            for (Step step : steps) {
                String output = bash(step.shell().replace("localhost:8080", "127.0.0.1:" + server.port()));
                outputs.add(output);
                assertThat(output).as("the output of%n%s", step.shell()).isNotBlank().doesNotContain("curl:");
                if (step.answer() != null) {
                    assertMatches(Json.decodeValue(step.answer()), json(output), "");
                }
            }
            // The batch decided both; the customer's decisions list the first post; health is up.
            assertThat(new JsonArray(outputs.get(1))).hasSize(2);
            // Two answers one after the other: the list, and the decision the second command posted.
            List<Map<String, Object>> answers = new ObjectMapper().readerFor(Map.class)
                    .<Map<String, Object>>readValues(outputs.get(2)).readAll();
            assertThat(answers).hasSize(2);
            assertThat((List<?>) answers.get(0).get("items")).isNotEmpty();
            assertThat(answers.get(1)).containsEntry("customerId", "C-4004").containsKey("feedback");
            assertThat(new JsonObject(outputs.get(outputs.size() - 1)).getString("status")).isEqualTo("up");
        }
    }

    /** The README's value, with "…" standing for whatever the server made, as in the answer. */
    private static void assertMatches(Object expected, Object actual, String path) {
        if (expected instanceof String text && (text.contains("…") || path.endsWith(".decidedAt"))) {
            // An id or version the server makes, or the time of this run.
            assertThat(actual).as(path).isInstanceOf(String.class);
            assertThat((String) actual).as(path).isNotBlank();
        } else if (expected instanceof JsonObject object) {
            assertThat(actual).as(path).isInstanceOf(JsonObject.class);
            for (Map.Entry<String, Object> field : object) {
                assertThat(((JsonObject) actual).containsKey(field.getKey())).as(path + "." + field.getKey()).isTrue();
                assertMatches(field.getValue(), ((JsonObject) actual).getValue(field.getKey()), path + "." + field.getKey());
            }
            assertThat(((JsonObject) actual).fieldNames()).as(path).hasSameSizeAs(object.fieldNames());
        } else if (expected instanceof JsonArray array) {
            assertThat(actual).as(path).isInstanceOf(JsonArray.class);
            assertThat(((JsonArray) actual).size()).as(path).isEqualTo(array.size());
            for (int i = 0; i < array.size(); i++) {
                assertMatches(array.getValue(i), ((JsonArray) actual).getValue(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static Object json(String output) {
        try {
            return Json.decodeValue(output);
        } catch (io.vertx.core.json.DecodeException e) {
            throw new AssertionError("not one JSON value: " + output, e);
        }
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the exit of%n%s", script).isZero();
        return new String(output, StandardCharsets.UTF_8).strip();
    }
}
