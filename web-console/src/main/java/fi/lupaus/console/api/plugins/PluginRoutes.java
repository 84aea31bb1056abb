package fi.lupaus.console.api.plugins;

import java.util.List;

import fi.lupaus.console.access.Permission;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.plugin.PluginHost;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/plugins}: the extension points, the installed plugins with their state, and what contributes. */
public final class PluginRoutes {

    private final Vertx vertx;
    private final PluginHost host;
    private final List<ActionHandler> handlers;

    public PluginRoutes(Vertx vertx, PluginHost host, List<ActionHandler> handlers) {
        this.vertx = vertx;
        this.host = host;
        this.handlers = handlers;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(Permission.PLUGINS_READ.required()).handler(this::list);
        return router;
    }

    private void list(RoutingContext ctx) {
        JsonArray plugins = new JsonArray();
        host.plugins().forEach(report -> plugins.add(new JsonObject()
                .put("id", report.id())
                .put("version", report.version())
                .put("requires", report.requires())
                .put("provider", report.provider())
                .put("description", report.description())
                .put("file", report.file())
                .put("state", report.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("problem", report.problem())
                .put("contributions", contributions(report.contributions()))));
        JsonObject body = new JsonObject()
                .put("directory", host.directory() == null ? null : host.directory().toAbsolutePath().normalize().toString())
                .put("extensionPoints", new JsonArray(PluginHost.POINTS.stream().map(PluginHost.Point::id).toList()))
                .put("plugins", plugins)
                .put("classPath", contributions(host.classPathContributions()))
                .put("actionHandlers", new JsonArray(handlers.stream().map(ActionHandler::id).toList()));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }

    private static JsonArray contributions(List<PluginHost.Listed> listed) {
        JsonArray array = new JsonArray();
        listed.forEach(item -> array.add(new JsonObject().put("extensionPoint", item.extensionPoint())
                .put("class", item.className())));
        return array;
    }
}
