package fi.lupaus.console.api.promise;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.engine.promise.Promise;
import fi.lupaus.engine.promise.PromiseCatalogue;
import fi.lupaus.engine.ruleset.RuleSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
        JsonArray promises = new JsonArray();
        for (Promise promise : PromiseCatalogue.of(ruleSet)) {
            JsonArray chain = new JsonArray();
            promise.escalation().forEach(stage -> chain.add(new JsonObject().put("stage", stage.stage())
                    .put("at", stage.at()).put("to", stage.to()).put("rule", stage.rule())));
            promises.add(new JsonObject().put("id", promise.id()).put("text", promise.text())
                    .put("within", promise.within()).put("owners", new JsonArray(promise.owners()))
                    .put("rules", new JsonArray(promise.rules())).put("escalation", chain));
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("ruleSetVersion", ruleSet.version()).put("promises", promises).encode());
    }
}
