package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;

/**
 * The API's reasons are English; the console says them in Finnish (frontend/src/reasons.js). Every
 * reason the server's code writes as one literal, and samples of those it composes, must have a
 * Finnish wording there: a new reason without one fails here. Runs reasons.js in Node, as the
 * console's build does.
 */
class ServerReasonsInFinnishTest {

    // A reason written whole: new FieldError(field, "…"), FieldError.of("…") or problem(field, "…").
    private static final Pattern LITERAL = Pattern.compile(
            "(?:(?:new FieldError|problem)\\(\\s*[^,()]+,|FieldError\\.of\\()\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    // Reasons the server composes, as it composes them.
    private static final List<String> COMPOSED = List.of(
            "must be a whole number from 1 to 1000",
            "must be a whole number of hours from 1 to 2160, without overdue=true",
            "must be at most 200 characters, not 250",
            "must be text of at most 500 characters",
            "must be a string of at most 4000 characters",
            "must be a whole number from 0 to 10 for NPS",
            "12 is outside from 0 to 10 for NPS",
            "'SMS' is not one of [THANK, OPEN_CASE, RECOVERY]",
            "'kiosk' is not an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z",
            "is required: one of [store, web, app]",
            "must be between 2000-01-01T00:00:00Z and a day from now",
            "is not valid JSON at line 1, column 7",
            "must hold 1–50 sources",
            "must be at least 12 characters",
            "must be one of [admin, cx-manager, auditor, ingest]",
            "there is no case 0190a0b0-0000-7000-8000-000000000000",
            "there is no rule set 3f2a",
            "case 0190a0b0-0000-7000-8000-000000000000 is resolved: it cannot be acknowledged; nothing more can be done with it",
            "case 0190a0b0-0000-7000-8000-000000000000 is acknowledged: it cannot be acknowledged; it can be resolve, reassign, cancel",
            "rule set 3f2a has never been live, so there is nothing to roll back to; deploy it instead",
            "too many sign-in attempts for this user; try again in 30 s",
            "the file has no column 'score' for score",
            "'fb-1' is the id of other feedback already; nothing of this feedback was stored. The same id answers the "
                    + "original decision only for the same feedback: send new feedback under a new id",
            "'java.io.File' is not allowed in rules: a fully qualified name can reach any class; import one of the "
                    + "allowed types instead",
            "'while' is not allowed in rules: a loop could run without end; rules run straight-line code, so that every "
                    + "firing ends quickly",
            "scenario 'a promoter is thanked' expects THANK but the rules give nothing",
            "the request could not be handled (HTTP 418)",
            "DELETE is not allowed on /api/decisions",
            "delivery 12 is delivered, not dead",
            "not allowed: your role may not do this (a signed-in console request also needs its X-Lupaus-CSRF header)");

    @TempDir
    Path work;

    @Test
    void everyReasonOfTheServerHasAFinnishWordingInTheConsole() throws Exception {
        List<String> reasons = new ArrayList<>(literalReasons());
        // The scanner must find the code's reasons at all; many of the bodies' field checks now live in
        // the OpenAPI document's schemas (RequestSchemas), so fewer are written in the code than before.
        assertThat(reasons).as("the reasons found in the server's code").hasSizeGreaterThan(30);
        reasons.addAll(COMPOSED);

        List<String> finnish = inFinnish(reasons);

        List<String> untranslated = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            if (finnish.get(i).equals(reasons.get(i))) {
                untranslated.add(reasons.get(i));
            }
        }
        assertThat(untranslated).as("reasons the Finnish console would show in English").isEmpty();
        assertThat(finnish).contains("tapaus on ratkaistu: sille ei voi tehdä enää mitään", "tapausta 0190a0b0-0000-7000-8000-000000000000 ei löydy",
                "”java.io.File” ei ole sallittu säännöissä: täydellä nimellä pääsee mihin tahansa luokkaan; tuo sen "
                        + "sijaan jokin sallituista tyypeistä");
    }

    private static TreeSet<String> literalReasons() throws IOException {
        TreeSet<String> reasons = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    reasons.add(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
        }
        return reasons;
    }

    /** The reasons as reasons.js says them in the Finnish view. */
    private List<String> inFinnish(List<String> reasons) throws Exception {
        Path in = Files.writeString(work.resolve("reasons.json"), new JsonArray(reasons).encode());
        Path script = Files.writeString(work.resolve("translate.mjs"), """
                import { readFileSync } from 'node:fs';
                import { pathToFileURL } from 'node:url';
                globalThis.localStorage = { getItem: () => 'fi', setItem: () => {} };
                globalThis.navigator = { language: 'fi' };
                const { reasonText } = await import(pathToFileURL(process.argv[2]).href);
                const reasons = JSON.parse(readFileSync(process.argv[3], 'utf8'));
                process.stdout.write(JSON.stringify(reasons.map(reasonText)));
                """);
        Path out = work.resolve("finnish.json");
        Process node = new ProcessBuilder("node", script.toString(),
                Path.of("frontend/src/reasons.js").toAbsolutePath().toString(), in.toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node answers").isTrue();
        assertThat(node.exitValue()).as("node ran reasons.js").isZero();
        return new JsonArray(Files.readString(out, StandardCharsets.UTF_8)).stream().map(String.class::cast).toList();
    }
}
