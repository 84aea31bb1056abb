package fi.lupaus.console;

import java.nio.file.Files;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.api.Problems;
import fi.lupaus.console.api.decision.DecisionRoutes;
import fi.lupaus.console.api.feedback.FeedbackRoutes;
import fi.lupaus.console.api.health.HealthRoutes;
import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.console.decide.FeedbackDecider;
import fi.lupaus.engine.log.JdbcDecisionLog;
import fi.lupaus.engine.pack.RulePacks;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The Lupaus server: opens the decision log, compiles the rule packs found on the class path,
 * and serves the REST API under {@code /api} and the console at {@code /}.
 */
public final class LupausVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(LupausVerticle.class);

    private final LupausConfig config;
    private final Clock clock;
    private JdbcDecisionLog log;
    private HttpServer server;

    public LupausVerticle(LupausConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::openLogAndCompileRules)
                .compose(ruleSet -> vertx.createHttpServer()
                        .requestHandler(router(ruleSet))
                        .listen(config.httpPort(), config.httpHost()))
                .onSuccess(listening -> {
                    server = listening;
                    LOG.info("Lupaus listens on http://{}:{}", config.httpHost(), listening.actualPort());
                });
    }

    private RuleSet openLogAndCompileRules() throws Exception {
        Files.createDirectories(config.dataDir());
        log = JdbcDecisionLog.openEmbedded(config.dataDir());
        var packs = RulePacks.discover(getClass().getClassLoader());
        packs.forEach(pack -> LOG.info("rule pack {} {}", pack.id(), pack.version()));
        RuleSet ruleSet = new RuleSetCompiler().compile(RulePacks.sourcesOf(packs)).orElseThrow();
        log.keep(ruleSet);
        LOG.info("rule set {} is live", ruleSet.version());
        return ruleSet;
    }

    private Router router(RuleSet ruleSet) {
        var decider = new FeedbackDecider(vertx, log, ruleSet, clock, config.maxInFlight());
        Router router = Router.router(vertx);
        router.route("/api/feedback*").subRouter(
                new FeedbackRoutes(vertx, decider, config.maxBodyBytes(), config.maxBatchSize()).router());
        router.route("/api/decisions*").subRouter(new DecisionRoutes(vertx, log).router());
        router.route("/api/health*").subRouter(new HealthRoutes(vertx, ruleSet.version()).router());
        router.route("/api/*").handler(ctx -> ctx.fail(404));
        router.route("/*").handler(StaticHandler.create("webroot"));
        router.route().failureHandler(Problems::handle);
        return router;
    }

    /** The port the server listens on; useful when configured with port 0. */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> vertx.executeBlocking(() -> {
            if (log != null) {
                log.close();
            }
            return null;
        }));
    }
}
