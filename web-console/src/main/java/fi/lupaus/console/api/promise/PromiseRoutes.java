package fi.lupaus.console.api.promise;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.engine.promise.Promise;
import fi.lupaus.engine.promise.PromiseCatalogue;
import fi.lupaus.engine.ruleset.RuleSet;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/promises}: the promises of the live rule set, read from its rules. */
public final class PromiseRoutes {

    private final Vertx vertx;
    private final LiveRuleSet live;

    public PromiseRoutes(Vertx vertx, LiveRuleSet live) {
        this.vertx = vertx;
        this.live = live;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(Permission.CASES_READ.required()).handler(this::catalogue);
        return router;
    }

    private void catalogue(RoutingContext ctx) {
        RuleSet ruleSet = live.current();
        Answers.send(ctx, 200, new Catalogue(ruleSet.version(), PromiseCatalogue.of(ruleSet).stream()
                .map(PromiseAnswer::of).toList()));
    }

    record Catalogue(String ruleSetVersion, List<PromiseAnswer> promises) {
    }

    /** A promise as its rules make it: {@code text} and {@code within} are null when the rules do not say. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PromiseAnswer(String id, String text, String within, List<String> owners, List<String> rules,
                         List<Stage> escalation) {
        static PromiseAnswer of(Promise promise) {
            return new PromiseAnswer(promise.id(), promise.text(), promise.within(), promise.owners(), promise.rules(),
                    promise.escalation().stream().map(s -> new Stage(s.stage(), s.at(), s.to(), s.rule())).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Stage(String stage, String at, String to, String rule) {
    }
}
