package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.openapi.OpenApiRoutes;
import fi.lupaus.console.api.openapi.RequestSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
            "not allowed: your role may not do this (a signed-in console request also needs its X-Lupaus-CSRF header)",
            "must hold from 1 to 1000 feedback, not 1200",
            "'import fi.lupaus.engine.*' is not allowed in rules: wildcard imports may name only fi.lupaus.engine.fact and "
                    + "fi.lupaus.engine.action",
            "'dialect \"mvel\"' is not allowed in rules: only the java dialect is allowed: the guard reads code as the Java "
                    + "compiler will, and MVEL's own loops, functions and imports would go unchecked",
            "'@Watch' is not allowed in rules: the only annotations allowed are Drools' own: promise, escalation",
            "'rule \"a\"' is not allowed in rules: its consequence could not be read",
            // Verify's problems with the log (engine: Auditor, JdbcDecisionLog, JdbcCaseStore), shown on the audit page.
            "replay differs: fired rules were [Thank a promoter], now []; actions were [THANK], now []",
            "fired rules were [Thank a promoter], now []",
            "actions were [THANK], now []",
            "records 4 to 6 of the chain are missing",
            "records 3 to 9 are not signed with LUPAUS_CHAIN_KEY: written by a server without the key, or rewritten with "
                    + "their checkpoint removed",
            "the record's format 7 is unknown: it was changed after it was written",
            "the record's feedback was changed after it was written (or its context, customer id or key): they no longer "
                    + "match their hash",
            "the record's feedback was changed after it was written (or its context): it no longer matches its hash",
            "the record was changed after it was written (its decision, or the answer's received time, score, survey, "
                    + "touchpoint, phase or complaint): its content no longer matches its hash",
            "the record was changed after it was written: its content no longer matches its hash",
            "the chain does not link to the record before: a record was changed, removed or reordered",
            "the stored customer_id, the answer's columns (received_at, survey, score, touchpoint, phase or complaint) no "
                    + "longer match the record's feedback: changed after it was written",
            "the record is erased, but its customer id, key or context was written after the erasure",
            "the checkpoint at record 12 is not signed with this LUPAUS_CHAIN_KEY: it was forged or changed (or the key is "
                    + "another)",
            "record 12 was signed as the chain's head, but the log no longer holds it: the log was truncated",
            "record 12 is not the one signed at its checkpoint: the chain was rewritten from here or before",
            "case 0190a0b0-0000-7000-8000-000000000000 was opened by a decision the log does not hold",
            "case 0190a0b0-0000-7000-8000-000000000000 no longer says what the decision that opened it says (its "
                    + "customer, promise, due time, received or opened time): changed after it was written",
            "a THANK contact no longer says what its decision says (its customer or type), or its decision is gone: "
                    + "changed after it was written",
            "the customer's personal data was erased, so this decision cannot be replayed");

    // The rule guard's reasons, each a constant of the engine's ruleset package: "'<what>' is not allowed in rules: <why>".
    private static final Pattern GUARD_REASON = Pattern.compile(
            "static final String [A-Z_]+\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+);");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path work;

    @Test
    void everyReasonOfTheServerHasAFinnishWordingInTheConsole() throws Exception {
        List<String> reasons = new ArrayList<>(literalReasons());
        // The scanner must find the code's reasons at all; many of the bodies' field checks now live in
        // the OpenAPI document's schemas (RequestSchemas), and those are asked of the schemas below.
        assertThat(reasons).as("the reasons found in the server's code").hasSizeGreaterThan(30);
        TreeSet<String> guardReasons = guardReasons();
        assertThat(guardReasons).as("the rule guard's reasons").hasSizeGreaterThan(40);
        reasons.addAll(guardReasons);
        TreeSet<String> schemaReasons = schemaReasons();
        assertThat(schemaReasons).as("the reasons the run-time schema check gives").hasSizeGreaterThan(40)
                .contains("1000000 is outside from 1 to 2160", "is required");
        reasons.addAll(schemaReasons);
        reasons.addAll(COMPOSED);

        List<String> finnish = inFinnish(reasons);

        List<String> untranslated = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            if (finnish.get(i).equals(reasons.get(i))) {
                untranslated.add(reasons.get(i));
            }
        }
        assertThat(untranslated).as("reasons the Finnish console would show in English").isEmpty();
        // Nor half in English: the server's words are left only where they are names (quoted, listed, in brackets).
        List<String> halfEnglish = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            String words = finnish.get(i).replaceAll("'[^']*'|”[^”]*”|\\[[^]]*]|\\{[^}]*}|\\([^)]*\\)", "");
            if (words.matches("(?s).*\\b(must|is|are|the|items|should|cannot|not)\\b.*")) {
                halfEnglish.add(reasons.get(i) + " → " + finnish.get(i));
            }
        }
        assertThat(halfEnglish).as("reasons the Finnish console would show half in English").isEmpty();
        assertThat(finnish).contains("tapaus on ratkaistu: sille ei voi tehdä enää mitään", "tapausta 0190a0b0-0000-7000-8000-000000000000 ei löydy",
                "”java.io.File” ei ole sallittu säännöissä: täydellä nimellä pääsee mihin tahansa luokkaan; tuo sen "
                        + "sijaan jokin sallituista tyypeistä");
    }

    /** Values that break a field's schema one way or another: its type, its length, its range, its pattern. */
    private static final List<Object> BAD_VALUES = List.of("", " ", "x".repeat(70_000), "yesterday", "erased:1", "Ä ö",
            -1_000_000, 1_000_000, 1.5, true, new JsonObject(), new JsonArray(), new JsonArray(List.of(new JsonObject())),
            new JsonArray(java.util.Collections.nCopies(1_200, "x")));

    /**
     * Every reason the run-time check of request bodies against the OpenAPI document (RequestSchemas)
     * gives for bodies that break each field of each operation's schema, as it words them.
     */
    private static TreeSet<String> schemaReasons() throws IOException {
        JsonObject document;
        try (InputStream yaml = ServerReasonsInFinnishTest.class.getClassLoader().getResourceAsStream(OpenApiRoutes.DOCUMENT)) {
            document = new JsonObject(new Yaml(new SafeConstructor(new LoaderOptions())).<Map<String, Object>>load(yaml));
        }
        RequestSchemas schemas = RequestSchemas.of(document);
        TreeSet<String> reasons = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (!(paths.getJsonObject(path).getValue(method) instanceof JsonObject operation)
                        || !(RequestSchemas.inline(document, operation.getValue("requestBody")) instanceof JsonObject body)
                        || !(body.getJsonObject("content", new JsonObject()).getValue("application/json") instanceof JsonObject json)
                        || !(json.getValue("schema") instanceof JsonObject schema)) {
                    continue;
                }
                for (Object bad : badBodies(schema, 0)) {
                    schemas.problems(operation.getString("operationId"), bad).stream().map(FieldError::reason).forEach(reasons::add);
                }
            }
        }
        return reasons;
    }

    /** Bodies of the schema's shape with one field, at any depth, given a value its schema refuses. */
    private static List<Object> badBodies(JsonObject schema, int depth) {
        List<Object> bodies = new ArrayList<>(BAD_VALUES);
        if (depth > 3) {
            return bodies;
        }
        if (schema.getValue("properties") instanceof JsonObject properties) {
            bodies.add(new JsonObject().put("no-such-field", 1));
            for (String name : properties.fieldNames()) {
                if (properties.getValue(name) instanceof JsonObject property) {
                    for (Object bad : badBodies(property, depth + 1)) {
                        bodies.add(new JsonObject().put(name, bad));
                    }
                }
            }
        }
        if (schema.getValue("items") instanceof JsonObject items) {
            for (Object bad : badBodies(items, depth + 1)) {
                bodies.add(new JsonArray().add(bad));
            }
        }
        for (String choices : List.of("anyOf", "oneOf", "allOf")) {
            if (schema.getValue(choices) instanceof JsonArray branches) {
                branches.stream().filter(JsonObject.class::isInstance)
                        .forEach(branch -> bodies.addAll(badBodies((JsonObject) branch, depth + 1)));
            }
        }
        return bodies;
    }


    /** The guard's reasons, as the editor shows them: each constant sentence of the engine's ruleset package. */
    private static TreeSet<String> guardReasons() throws IOException {
        TreeSet<String> reasons = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("..", "engine", "src", "main", "java", "fi", "lupaus", "engine", "ruleset"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher constant = GUARD_REASON.matcher(Files.readString(file));
                while (constant.find()) {
                    StringBuilder text = new StringBuilder();
                    Matcher part = STRING.matcher(constant.group(1));
                    while (part.find()) {
                        text.append(part.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                    // Names and paths (java, fi.lupaus, src/main/resources/) are no reasons; the compiler's prefix is Drools'.
                    if (text.indexOf(" ") > 0 && !text.toString().equals("Rule Compilation error")) {
                        reasons.add("'x' is not allowed in rules: " + text);
                    }
                }
            }
        }
        return reasons;
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
