package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.decision.DecisionJson;
import fi.lupaus.console.api.feedback.FeedbackJson;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Feedback;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

/** Scenarios as the API and the store write them: the feedback in the feedback API's own form. */
public final class ScenarioJson {

    static final int MAX_NAME = 200;
    static final int MAX_EXPECTED = 50;

    private ScenarioJson() {
    }

    /** A scenario as the API answers it and the store keeps it. */
    public record Written(String name, JsonObject feedback, Instant decisionTime, List<Expected> expected) {
    }

    /** An expected action; {@code promise} and {@code owner} left out when it names none. */
    public record Expected(String type, String promise, String owner) {
    }

    public static Written write(Scenario scenario) {
        return new Written(scenario.name(), DecisionJson.feedback(scenario.feedback()), scenario.decisionTime(),
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
     * Reads a scenario; the decision time defaults to the feedback's receivedAt, so that the
     * scenario decides the same whenever it runs.
     *
     * @return the scenario, or {@code null} when {@code errors} got problems
     */
    public static Scenario read(JsonObject json, Instant now, List<FieldError> errors) {
        int before = errors.size();
        String name = json.getValue("name") instanceof String text ? text.strip() : null;
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "is required: 1–" + MAX_NAME + " characters on one line"));
        }
        Feedback feedback = json.getValue("feedback") instanceof JsonObject object
                ? FeedbackJson.read(tree(object), "feedback.", now, errors) : null;
        if (!(json.getValue("feedback") instanceof JsonObject)) {
            errors.add(new FieldError("feedback", "is required: the feedback the scenario gives, as POST /api/feedback takes it"));
        }
        Instant decisionTime = feedback == null ? null : feedback.receivedAt();
        if (json.getValue("decisionTime") instanceof String time) {
            try {
                decisionTime = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("decisionTime", "must be an ISO-8601 time with an offset"));
            }
        }
        List<Scenario.Expected> expected = expectedActions(json.getValue("expected"), errors);
        return errors.size() > before ? null : new Scenario(name, feedback, decisionTime, expected);
    }

    private static List<Scenario.Expected> expectedActions(Object value, List<FieldError> errors) {
        if (!(value instanceof JsonArray array) || array.size() > MAX_EXPECTED) {
            errors.add(new FieldError("expected", "is required: a list of at most " + MAX_EXPECTED
                    + " actions, each {\"type\", \"promise\", \"owner\"}; an empty list expects no action"));
            return List.of();
        }
        List<Scenario.Expected> expected = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "expected[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject action)) {
                errors.add(new FieldError(field, "must be an object {\"type\", \"promise\", \"owner\"}"));
                continue;
            }
            ActionType type = actionType(action.getValue("type"));
            if (type == null) {
                errors.add(new FieldError(field + ".type", "must be one of " + List.of(ActionType.values())));
                continue;
            }
            expected.add(new Scenario.Expected(type, text(action, "promise"), text(action, "owner")));
        }
        return expected;
    }

    private static ActionType actionType(Object value) {
        if (value instanceof String text) {
            for (ActionType type : ActionType.values()) {
                if (type.name().equals(text.toUpperCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        return null;
    }

    private static String text(JsonObject json, String key) {
        return json.getValue(key) instanceof String text && !text.isBlank() ? text : null;
    }

    private static JsonNode tree(JsonObject json) {
        return DatabindCodec.mapper().valueToTree(json.getMap());
    }
}
