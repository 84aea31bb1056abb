package fi.lupaus.console.api.ruleset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.guided.InvalidPromiseFormException;
import fi.lupaus.engine.guided.PromiseForm;
import io.vertx.core.json.JsonObject;

/** The guided promise form as the console sends it. */
final class PromiseFormJson {

    private PromiseFormJson() {
    }

    /** @throws InvalidPromiseFormException naming the first field that is wrong */
    static PromiseForm read(JsonObject body) {
        JsonObject when = object(body, "when");
        JsonObject then = object(body, "then");
        PromiseForm.When condition = new PromiseForm.When(
                choice(when, "when.kind", "kind", PromiseForm.Kind.class, true),
                choice(when, "when.touchpoint", "touchpoint", Touchpoint.class, false),
                choice(when, "when.phase", "phase", Phase.class, false),
                choice(when, "when.loyaltyTier", "loyaltyTier", LoyaltyTier.class, false),
                text(when, "commentMentions"));
        Object hours = then.getValue("withinHours");
        if (hours != null && !(hours instanceof Integer)) {
            throw new InvalidPromiseFormException("then.withinHours", "must be a whole number of hours");
        }
        PromiseForm.Then action = new PromiseForm.Then(
                choice(then, "then.action", "action", ActionType.class, true),
                text(then, "owner"),
                choice(then, "then.priority", "priority", Priority.class, false),
                hours == null ? 0 : (Integer) hours);
        return new PromiseForm(text(body, "promise"), text(body, "title"), condition, action);
    }

    /** The form as {@link #read} takes it; a choice left open is {@code null}, not left out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Form(String promise, String title, When when, Object then) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record When(String kind, String touchpoint, String phase, String loyaltyTier, String commentMentions) {
    }

    /** What a promise does but open a case: only the action. */
    record Then(String action) {
    }

    /** Opening a case: to whom, how urgent, within how many hours. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ThenOpenCase(String action, String owner, String priority, int withinHours) {
    }

    /** The form as {@link #read} takes it, with the values the console's form offers. */
    static Form write(PromiseForm form) {
        PromiseForm.When when = form.when();
        PromiseForm.Then then = form.then();
        return new Form(form.promise(), form.title(),
                new When(when.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), name(when.touchpoint()),
                        name(when.phase()), name(when.loyaltyTier()), when.commentMentions()),
                then.action() == ActionType.OPEN_CASE
                        ? new ThenOpenCase(then.action().name(), then.owner(), then.priority().name(), then.withinHours())
                        : new Then(then.action().name()));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static JsonObject object(JsonObject body, String name) {
        if (body.getValue(name) instanceof JsonObject object) {
            return object;
        }
        throw new InvalidPromiseFormException(name, "is required: an object");
    }

    private static String text(JsonObject json, String name) {
        return json.getValue(name) instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    private static <E extends Enum<E>> E choice(JsonObject json, String field, String name, Class<E> type,
                                                boolean required) {
        String value = text(json, name);
        if (value == null) {
            if (required) {
                throw new InvalidPromiseFormException(field, "is required: one of " + names(type));
            }
            return null;
        }
        String constant = value.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(constant)).findFirst()
                .orElseThrow(() -> new InvalidPromiseFormException(field, "'" + value + "' is not one of " + names(type)));
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
