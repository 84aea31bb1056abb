package fi.lupaus.console.api.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.console.health.StoreWatch;
import io.vertx.core.Vertx;
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

    /** Readiness; {@code problems} only when not ready. */
    record Readiness(boolean ready, boolean store, String ruleSet, List<String> problems) {
    }

    record Health(String status, String ruleSetVersion, StoreHealth store, long abandonedDecisions) {
    }

    record StoreHealth(String status, Instant since, String problem) {
    }

    private void readiness(RoutingContext ctx) {
        boolean storeUp = store.state().up();
        var current = live.current();
        List<String> problems = new ArrayList<>();
        if (!storeUp) {
            problems.add("the store does not answer: " + store.state().problem());
        }
        if (current == null) {
            problems.add("no rule set is live");
        }
        Answers.send(ctx, problems.isEmpty() ? 200 : 503, new Readiness(problems.isEmpty(), storeUp,
                current == null ? null : current.version(), problems.isEmpty() ? null : problems));
    }

    private void health(RoutingContext ctx) {
        StoreWatch.State state = store.state();
        String status = state.up() ? "up" : "down";
        Answers.send(ctx, state.up() ? 200 : 503, new Health(status, live.current().version(),
                new StoreHealth(status, state.since(), state.up() ? null : state.problem()),
                abandonedDecisions.getAsLong()));
    }
}
