package fi.lupaus.console.api.health;

import java.util.function.LongSupplier;

import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.console.health.StoreWatch;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/health}: whether the server is up, whether its store takes writes, which rule
 * set decides, and how many deciding threads were abandoned since the start (each a thread still
 * busy with live rules that overran). A store that does not take writes makes it 503 with
 * {@code "status":"down"}.
 */
public final class HealthRoutes {

    private final Vertx vertx;
    private final LiveRuleSet live;
    private final StoreWatch store;
    private final LongSupplier abandonedDecisions;

    public HealthRoutes(Vertx vertx, LiveRuleSet live, StoreWatch store, LongSupplier abandonedDecisions) {
        this.vertx = vertx;
        this.live = live;
        this.store = store;
        this.abandonedDecisions = abandonedDecisions;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::health);
        return router;
    }

    /**
     * {@code GET /api/ready}, for a load balancer: 200 while the store answers and a rule set is
     * live, else 503 naming what is not ready. Liveness stays with {@code /api/health}.
     */
    public Router readinessRouter() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::readiness);
        return router;
    }

    private void readiness(RoutingContext ctx) {
        boolean storeUp = store.state().up();
        var current = live.current();
        JsonArray problems = new JsonArray();
        if (!storeUp) {
            problems.add("the store does not answer: " + store.state().problem());
        }
        if (current == null) {
            problems.add("no rule set is live");
        }
        JsonObject body = new JsonObject().put("ready", problems.isEmpty()).put("store", storeUp)
                .put("ruleSet", current == null ? null : current.version());
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        ctx.response()
                .setStatusCode(problems.isEmpty() ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }

    private void health(RoutingContext ctx) {
        StoreWatch.State state = store.state();
        JsonObject storeJson = new JsonObject().put("status", state.up() ? "up" : "down")
                .put("since", state.since().toString());
        if (!state.up()) {
            storeJson.put("problem", state.problem());
        }
        ctx.response()
                .setStatusCode(state.up() ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", state.up() ? "up" : "down")
                        .put("ruleSetVersion", live.current().version())
                        .put("store", storeJson).put("abandonedDecisions", abandonedDecisions.getAsLong()).encode());
    }
}
