package fi.lupaus.console.api.health;

import fi.lupaus.console.decide.LiveRuleSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/health}: whether the server is up, and which rule set decides. */
public final class HealthRoutes {

    private final Vertx vertx;
    private final LiveRuleSet live;

    public HealthRoutes(Vertx vertx, LiveRuleSet live) {
        this.vertx = vertx;
        this.live = live;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", "up").put("ruleSetVersion", live.current().version()).encode()));
        return router;
    }
}
