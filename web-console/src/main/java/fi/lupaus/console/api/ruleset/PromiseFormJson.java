package fi.lupaus.console.api.ruleset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /** The form as {@link #read} takes it, with the values the console's form offers. */
    static JsonObject write(PromiseForm form) {
        PromiseForm.When when = form.when();
        PromiseForm.Then then = form.then();
        JsonObject json = new JsonObject().put("promise", form.promise()).put("title", form.title())
                .put("when", new JsonObject().put("kind", when.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("touchpoint", name(when.touchpoint())).put("phase", name(when.phase()))
                        .put("loyaltyTier", name(when.loyaltyTier())).put("commentMentions", when.commentMentions()));
        JsonObject action = new JsonObject().put("action", then.action().name());
        if (then.action() == ActionType.OPEN_CASE) {
            action.put("owner", then.owner()).put("priority", then.priority().name()).put("withinHours", then.withinHours());
        }
        return json.put("then", action);
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
