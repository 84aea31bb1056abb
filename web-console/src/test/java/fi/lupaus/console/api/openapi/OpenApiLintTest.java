package fi.lupaus.console.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * The OpenAPI document linted in the build, beyond its validation against the OpenAPI 3.1 schema
 * (which vertx-openapi does at every start, {@link OpenApiRoutes#load}): the rules of the usual
 * linters' recommended sets that say something about this document. Operation ids are unique;
 * every tag an operation uses is declared and described; every operation answers some success;
 * every example is valid by its schema; every component is used; no operation lists a parameter
 * twice. No server is needed.
 */
class OpenApiLintTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonObject document;

    @BeforeAll
    static void readTheDocument() throws IOException {
        try (InputStream yaml = OpenApiLintTest.class.getClassLoader().getResourceAsStream(OpenApiRoutes.DOCUMENT)) {
            document = new JsonObject(new Yaml(new SafeConstructor(new LoaderOptions())).<Map<String, Object>>load(yaml));
        }
    }

    private static void forEachOperation(BiConsumer<String, JsonObject> visitor) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : new TreeSet<>(paths.fieldNames())) {
            for (String method : METHODS) {
                if (paths.getJsonObject(path).getValue(method) instanceof JsonObject operation) {
                    visitor.accept(method.toUpperCase() + " " + path, operation);
                }
            }
        }
    }

    @Test
    void theInfoSaysWhatTheApiIsItsVersionAndLicence() {
        JsonObject info = document.getJsonObject("info");
        assertThat(info.getString("title")).isNotBlank();
        assertThat(info.getString("version")).isNotBlank();
        assertThat(info.getString("description")).isNotBlank();
        assertThat(info.getJsonObject("license")).isNotNull();
        assertThat(document.getJsonArray("servers")).isNotEmpty();
    }

    @Test
    void operationIdsAreUniqueAndEveryTagUsedIsDeclaredWithADescription() {
        Set<String> declared = new HashSet<>();
        List<String> problems = new ArrayList<>();
        document.getJsonArray("tags").forEach(tag -> {
            JsonObject t = (JsonObject) tag;
            declared.add(t.getString("name"));
            if (t.getString("description") == null || t.getString("description").isBlank()) {
                problems.add("tag " + t.getString("name") + " has no description");
            }
        });
        Set<String> ids = new HashSet<>();
        forEachOperation((name, operation) -> {
            if (!ids.add(operation.getString("operationId"))) {
                problems.add(name + ": operationId " + operation.getString("operationId") + " is used twice");
            }
            operation.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                if (!declared.contains(tag)) {
                    problems.add(name + ": tag " + tag + " is not declared");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperationAnswersASuccessAndListsEachParameterOnce() {
        List<String> problems = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (operation.getJsonObject("responses").fieldNames().stream().noneMatch(s -> s.startsWith("2") || s.startsWith("3"))) {
                problems.add(name + " answers no success");
            }
            Set<String> parameters = new HashSet<>();
            operation.getJsonArray("parameters", new JsonArray()).forEach(p -> {
                JsonObject parameter = (JsonObject) resolve(p);
                if (!parameters.add(parameter.getString("in") + " " + parameter.getString("name"))) {
                    problems.add(name + " lists " + parameter.getString("name") + " twice");
                }
                if (!(parameter.getValue("schema") instanceof JsonObject)) {
                    problems.add(name + ": " + parameter.getString("name") + " has no schema");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyExampleIsValidByItsSchema() {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        forEachOperation((name, operation) -> {
            List<JsonObject> media = new ArrayList<>();
            if (operation.getValue("requestBody") != null) {
                media.addAll(media(resolve(operation.getValue("requestBody"))));
            }
            operation.getJsonObject("responses").forEach(answer -> media.addAll(media(resolve(answer.getValue()))));
            for (JsonObject one : media) {
                if (one.containsKey("example") && one.getValue("schema") instanceof JsonObject schema) {
                    checked[0]++;
                    String problem = problem(schema, one.getValue("example"));
                    if (problem != null) {
                        problems.add(name + ": an example is not valid by its schema: " + problem);
                    }
                }
            }
            operation.getJsonArray("parameters", new JsonArray()).forEach(p -> {
                JsonObject parameter = (JsonObject) resolve(p);
                if (parameter.containsKey("example") && parameter.getValue("schema") instanceof JsonObject schema) {
                    checked[0]++;
                    String problem = problem(schema, parameter.getValue("example"));
                    if (problem != null) {
                        problems.add(name + ": the example of " + parameter.getString("name") + " is not valid: " + problem);
                    }
                }
            });
        });
        assertThat(checked[0]).as("examples checked").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyComponentIsUsed() {
        String text = document.copy().put("components", new JsonObject()).encode();
        String components = document.getJsonObject("components").encode();
        List<String> unused = new ArrayList<>();
        for (String kind : List.of("schemas", "parameters", "responses")) {
            JsonObject all = document.getJsonObject("components").getJsonObject(kind, new JsonObject());
            for (String name : all.fieldNames()) {
                String ref = "\"#/components/" + kind + "/" + name + "\"";
                if (!text.contains(ref) && !components.contains(ref)) {
                    unused.add(kind + "/" + name);
                }
            }
        }
        assertThat(unused).as("components nothing refers to").isEmpty();
    }

    private static List<JsonObject> media(Object owner) {
        List<JsonObject> media = new ArrayList<>();
        if (owner instanceof JsonObject object && object.getValue("content") instanceof JsonObject content) {
            content.forEach(type -> {
                if (type.getValue() instanceof JsonObject one) {
                    media.add(one);
                }
            });
        }
        return media;
    }

    private static String problem(JsonObject schema, Object example) {
        OutputUnit result = Validator.create(JsonSchema.of((JsonObject) inline(schema)),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://lupaus.fi/openapi"))
                .validate(example);
        return result.getValid() ? null : String.valueOf(result.getErrors());
    }

    private static Object resolve(Object node) {
        Object current = node;
        while (current instanceof JsonObject object && object.getValue("$ref") instanceof String ref) {
            JsonObject at = document;
            for (String part : ref.substring(2).split("/")) {
                at = at.getJsonObject(part);
            }
            current = at;
        }
        return current;
    }

    private static Object inline(Object node) {
        if (node instanceof JsonObject object) {
            if (object.containsKey("$ref")) {
                return inline(resolve(object));
            }
            JsonObject copy = new JsonObject();
            object.forEach(field -> copy.put(field.getKey(), inline(field.getValue())));
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(inline(item)));
            return copy;
        }
        return node;
    }
}
