package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.console.api.feedback.FeedbackJson;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Feedback;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

/** Scenarios as the API and the store write them: the feedback in the feedback API's own form. */
public final class ScenarioJson {

    static final int MAX_NAME = 200;

    private ScenarioJson() {
    }

    /** A scenario as the API answers it and the store keeps it. */
    public record Written(String name, DecisionAnswers.FeedbackAnswer feedback, Instant decisionTime, List<Expected> expected) {
    }

    /** An expected action; {@code promise} and {@code owner} left out when it names none. */
    public record Expected(String type, String promise, String owner) {
    }

    public static Written write(Scenario scenario) {
        return new Written(scenario.name(), DecisionAnswers.feedback(scenario.feedback()), scenario.decisionTime(),
                scenario.expected().stream().map(ScenarioJson::expected).toList());
    }

    public static Expected expected(Scenario.Expected action) {
        return new Expected(action.type().name(), action.promise(), action.owner());
    }

    /** The scenario as the store keeps it: its JSON text, as {@link #read} reads it back. */
    public static String encode(Scenario scenario) {
        return Answers.encode(write(scenario)).toString();
    }

    /**
     * Reads a scenario, as the API takes it (its body checked against the OpenAPI document's schema
     * first: a feedback object, a list of at most 50 expected actions each of a type the document
     * lists) or as the store keeps it ({@link #encode}). What the schema does not say is checked
     * here: the name, once stripped, on one line, and the feedback as the feedback reader reads it.
     * The decision time defaults to the feedback's receivedAt, so that the scenario decides the same
     * whenever it runs.
     *
     * @return the scenario, or {@code null} when {@code errors} got problems
     */
    public static Scenario read(JsonObject json, Instant now, List<FieldError> errors) {
        int before = errors.size();
        String name = json.getValue("name") instanceof String text ? text.strip() : null;
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "is required: 1–" + MAX_NAME + " characters on one line"));
        }
        Feedback feedback = FeedbackJson.read(tree(json.getJsonObject("feedback")), "feedback.", now, errors);
        Instant decisionTime = feedback == null ? null : feedback.receivedAt();
        if (json.getValue("decisionTime") instanceof String time) {
            try {
                decisionTime = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("decisionTime", "must be an ISO-8601 time with an offset"));
            }
        }
        List<Scenario.Expected> expected = new ArrayList<>();
        json.getJsonArray("expected").forEach(action -> {
            JsonObject one = (JsonObject) action;
            expected.add(new Scenario.Expected(ActionType.valueOf(one.getString("type")), text(one, "promise"),
                    text(one, "owner")));
        });
        return errors.size() > before ? null : new Scenario(name, feedback, decisionTime, expected);
    }

    private static String text(JsonObject json, String key) {
        return json.getValue(key) instanceof String text && !text.isBlank() ? text : null;
    }

    private static JsonNode tree(JsonObject json) {
        return DatabindCodec.mapper().valueToTree(json.getMap());
    }
}
