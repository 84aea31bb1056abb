package fi.lupaus.console.api.plugins;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.plugin.PluginHost;
import io.vertx.core.Vertx;
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
        Answers.send(ctx, 200, new Plugins(
                host.directory() == null ? null : host.directory().toAbsolutePath().normalize().toString(),
                PluginHost.POINTS.stream().map(PluginHost.Point::id).toList(),
                host.plugins().stream().map(Plugin::of).toList(),
                contributions(host.classPathContributions()),
                handlers.stream().map(ActionHandler::id).toList()));
    }

    /** {@code directory} is null when no plugin directory is set. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Plugins(String directory, List<String> extensionPoints, List<Plugin> plugins, List<Contribution> classPath,
                   List<String> actionHandlers) {
    }

    /** An installed plugin; what its descriptor does not say, and a problem it does not have, are null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Plugin(String id, String version, String requires, String provider, String description, String file,
                  String state, String problem, List<Contribution> contributions) {
        static Plugin of(PluginHost.Report report) {
            return new Plugin(report.id(), report.version(), report.requires(), report.provider(), report.description(),
                    report.file(), report.state().name().toLowerCase(Locale.ROOT), report.problem(),
                    PluginRoutes.contributions(report.contributions()));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Contribution(String extensionPoint, @JsonProperty("class") String className) {
    }

    private static List<Contribution> contributions(List<PluginHost.Listed> listed) {
        return listed.stream().map(item -> new Contribution(item.extensionPoint(), item.className())).toList();
    }
}
