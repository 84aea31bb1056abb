package fi.lupaus.console;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.access.AccessRoutes;
import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Authenticator;
import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.RateLimits;
import fi.lupaus.console.access.Role;
import fi.lupaus.console.access.SignInThrottle;
import fi.lupaus.console.access.StoredSessions;
import fi.lupaus.console.api.BodyBudget;
import fi.lupaus.console.api.Problems;
import fi.lupaus.console.api.RequestIds;
import fi.lupaus.console.api.audit.AuditRoutes;
import fi.lupaus.console.api.cases.CaseRoutes;
import fi.lupaus.console.api.customer.CustomerRoutes;
import fi.lupaus.console.api.decision.DecisionRoutes;
import fi.lupaus.console.api.feedback.FeedbackRoutes;
import fi.lupaus.console.api.health.HealthRoutes;
import fi.lupaus.console.api.imports.ImportRoutes;
import fi.lupaus.console.api.scoreboard.ScoreboardRoutes;
import fi.lupaus.console.api.openapi.OpenApiRoutes;
import fi.lupaus.console.api.outbox.OutboxRoutes;
import fi.lupaus.console.api.plugins.PluginRoutes;
import fi.lupaus.console.api.promise.PromiseRoutes;
import fi.lupaus.console.api.ruleset.RuleSetRoutes;
import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.console.config.OpsConfig;
import fi.lupaus.console.config.SandboxConfig;
import fi.lupaus.console.decide.CaseSweeper;
import fi.lupaus.console.decide.CustomerContexts;
import fi.lupaus.console.decide.DecisionMeters;
import fi.lupaus.console.decide.Enrichment;
import fi.lupaus.console.decide.FeedbackDecider;
import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.console.delivery.Deliverer;
import fi.lupaus.console.delivery.LogActionHandler;
import fi.lupaus.console.delivery.MailActionHandler;
import fi.lupaus.console.delivery.WebhookHandler;
import fi.lupaus.console.health.StoreWatch;
import fi.lupaus.console.ops.CommitMeters;
import fi.lupaus.console.ops.Meters;
import fi.lupaus.console.ops.OutboxGauges;
import fi.lupaus.console.plugin.Extensions;
import fi.lupaus.console.privacy.CustomerErasure;
import fi.lupaus.console.privacy.CustomerPseudonyms;
import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.console.store.JdbcAccessStore;
import fi.lupaus.console.store.PoolGauges;
import fi.lupaus.console.store.JdbcRuleSetStore;
import fi.lupaus.console.store.JdbcSessionRecords;
import fi.lupaus.engine.audit.Auditor;
import fi.lupaus.engine.audit.Explainer;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.delivery.Outbox;
import fi.lupaus.engine.jdbc.Database;
import fi.lupaus.engine.jdbc.JdbcAnswers;
import fi.lupaus.engine.jdbc.JdbcCaseStore;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.jdbc.JdbcOutbox;
import fi.lupaus.engine.jdbc.Vendor;
import fi.lupaus.engine.log.ChainKey;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.XFrameHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The Lupaus server: opens the decision log, compiles the rule packs found on the class path,
 * and serves the REST API under {@code /api} and the console at {@code /}. Every API route but
 * health and sign-in needs a caller; each route then requires its permission.
 */
public final class LupausVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(LupausVerticle.class);
    private static final Caller SYSTEM = new Caller("system", "system", Role.ADMIN);
    /** The largest body a route other than feedback buffers (a backtest's draft rules). */
    private static final int LARGEST_OTHER_BODY = 1024 * 1024;
    /** The exit code when the store cannot be reopened: a supervisor should restart the server. */
    static final int STORE_LOST_EXIT = 70;
    /** How often the outbox's deliveries are counted for the metrics. */
    private static final Duration OUTBOX_COUNT_EVERY = Duration.ofSeconds(15);

    private final LupausConfig config;
    /** How long a stopping server waits for the requests in flight. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long a stopping process keeps answering, each answer closing its connection, before it stops listening. */
    private static final Duration DRAIN = Duration.ofSeconds(1);
    /** How often a server looks for deploys made through another server on the same store. */
    private static final Duration FOLLOW_DEPLOYS = Duration.ofMillis(500);
    private final ExtensionsConfig extensionsConfig;
    private final SandboxConfig sandboxConfig;
    private final Clock clock;
    private Sandbox sandbox;
    private WorkerExecutor sandboxWork;
    private Extensions extensions;
    private Outbox outbox;
    private Deliverer deliverer;
    private WebhookHandler webhook;
    private Database database;
    private JdbcDecisionLog log;
    private CustomerPseudonyms pseudonyms;
    private CaseStore cases;
    private CaseSweeper sweeper;
    private AccessStore access;
    private RuleSets ruleSets;
    private Explainer explainer;
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private HttpServer server;
    private volatile boolean draining;
    private FeedbackDecider decider;
    private StoreWatch storeWatch;
    private long followTimer = -1;
    private final AtomicBoolean following = new AtomicBoolean();
    private BodyBudget bodies;
    private OpenApiRoutes openApi;
    private Router routes;
    private final OpsConfig ops;
    private final Meters meters;
    /** Whether this verticle made its meters, and so closes them. */
    private final boolean ownMeters;
    private OutboxGauges outboxGauges;
    private HttpServer metricsServer;

    public LupausVerticle(LupausConfig config, Clock clock) {
        this(config, ExtensionsConfig.defaults(), clock);
    }

    public LupausVerticle(LupausConfig config, ExtensionsConfig extensionsConfig, Clock clock) {
        this(config, extensionsConfig, SandboxConfig.defaults(), clock);
    }

    public LupausVerticle(LupausConfig config, ExtensionsConfig extensionsConfig, SandboxConfig sandboxConfig,
                          Clock clock) {
        this(config, extensionsConfig, sandboxConfig, OpsConfig.defaults(), null, clock);
    }

    /**
     * @param meters the meters the Vert.x running this verticle reports into (see {@link Meters#newVertx()}),
     *               or {@code null} for meters of its own
     */
    public LupausVerticle(LupausConfig config, ExtensionsConfig extensionsConfig, SandboxConfig sandboxConfig,
                          OpsConfig ops, Meters meters, Clock clock) {
        this.ops = ops;
        this.ownMeters = meters == null;
        this.meters = meters == null ? new Meters() : meters;
        this.config = config;
        this.extensionsConfig = extensionsConfig;
        this.sandboxConfig = sandboxConfig;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        LupausConfig.Limits limits = config.limits();
        // Connections that send and take nothing are cut; so are bodies that come too slowly (BodyBudget).
        // Compressed for the clients that ask (the console's script is some 700 KB as it stands).
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setCompressionSupported(true);
        return OpenApiRoutes.load(vertx)
                .onSuccess(document -> openApi = document)
                .compose(document -> vertx.executeBlocking(this::openStoresAndCompileRules))
                .compose(live -> vertx.createHttpServer(options)
                        .invalidRequestHandler(Problems::invalidRequest)
                        .requestHandler(router(live))
                        .listen(config.httpPort(), config.httpHost()))
                .onSuccess(listening -> {
                    server = listening;
                    LOG.info("Lupaus listens on http://{}:{}", config.httpHost(), listening.actualPort());
                })
                .compose(listening -> startMetricsServer().map(listening))
                .compose(listening -> {
                    deliverer.start();
                    return vertx.executeBlocking(() -> {
                        extensions.startSources(feedback -> decider.decide(feedback, decider.now()).toCompletionStage());
                        return listening;
                    });
                });
    }

    /** Prometheus's endpoint, on a port of its own when LUPAUS_METRICS_PORT is set. */
    private Future<Void> startMetricsServer() {
        if (ops.metricsPort() == null) {
            return Future.succeededFuture();
        }
        Router metrics = Router.router(vertx);
        metrics.get("/metrics").handler(PrometheusScrapingHandler.create(meters.registry()));
        return vertx.createHttpServer().requestHandler(metrics).listen(ops.metricsPort(), config.httpHost())
                .onSuccess(listening -> {
                    metricsServer = listening;
                    LOG.info("Prometheus scrapes http://{}:{}/metrics", config.httpHost(), listening.actualPort());
                })
                .mapEmpty();
    }

    private LiveRuleSet openStoresAndCompileRules() throws Exception {
        Files.createDirectories(config.dataDir());
        ChainKey chainKey = config.chainKey() == null ? null : ChainKey.of(config.chainKey());
        database = Database.open(config.database());
        log = JdbcDecisionLog.open(database, JdbcDecisionLog.DEFAULT_QUEUE_CAPACITY, chainKey);
        pseudonyms = CustomerPseudonyms.open(config.dataDir(), chainKey);
        JdbcCaseStore caseStore = new JdbcCaseStore(log.database());
        // A decision's case steps and contacts are written in the transaction that records it.
        log.addEffect(caseStore.effect());
        cases = caseStore;
        access = new JdbcAccessStore(log.dataSource());
        explainer = new Explainer(log, compiler);
        bootstrapAdmin();
        extensions = Extensions.start(extensionsConfig.pluginsDir(), getClass().getClassLoader());
        Extensions.Packs packs = extensions.compileRulePacks(compiler);
        LOG.info("{}", packs.description());
        var outboxConfig = extensionsConfig.outbox();
        outbox = new JdbcOutbox(log.dataSource(), log, clock, new Outbox.Policy(outboxConfig.maxAttempts(),
                outboxConfig.firstBackoff(), outboxConfig.maxBackoff()));
        sandbox = new Sandbox(sandboxConfig.limits());
        ruleSets = new RuleSets(new JdbcRuleSetStore(database), log, compiler, sandbox, sandboxConfig.sampleSize(), access, clock,
                config.timeZone());
        LiveRuleSet live = ruleSets.start(packs.ruleSet(), packs.description());
        LOG.info("rule set {} is live", live.current().version());
        return live;
    }

    /** The configured admin token, or on a first start without one, a new one shown once. */
    private void bootstrapAdmin() {
        if (config.bootstrapToken() != null) {
            access.ensureToken("bootstrap", Role.ADMIN, Authenticator.sha256(config.bootstrapToken()),
                    clock.instant(), SYSTEM);
        } else if (access.isEmpty()) {
            String secret = new Authenticator(vertx, access).newTokenSecret();
            access.ensureToken("first-start", Role.ADMIN, Authenticator.sha256(secret), clock.instant(), SYSTEM);
            // Printed to the console, not the log: it is shown this once and never again.
            System.out.println("""

                    Lupaus first start: an admin API token was created. It is shown only now:

                        %s

                    Send it as 'Authorization: Bearer <token>' to create users and tokens.
                    """.formatted(secret));
        }
    }

    /** The built-in action handlers that are configured. */
    private List<ActionHandler> builtInHandlers() {
        List<ActionHandler> handlers = new ArrayList<>();
        if (extensionsConfig.outbox().logActions()) {
            handlers.add(new LogActionHandler(config.logCustomerIds()));
        }
        if (extensionsConfig.webhook() != null) {
            webhook = new WebhookHandler(vertx, context, extensionsConfig.webhook(), clock);
            handlers.add(webhook);
        }
        if (extensionsConfig.smtp() != null) {
            handlers.add(new MailActionHandler(extensionsConfig.smtp()));
        }
        return handlers;
    }

    private Router router(LiveRuleSet live) {
        // Requests waiting for the sandbox wait here, not on the pool that decides feedback.
        sandboxWork = vertx.createSharedWorkerExecutor("lupaus-sandbox-" + System.identityHashCode(this),
                4 * sandboxConfig.workers());
        var answers = new JdbcAnswers(database);
        var contexts = new CustomerContexts(answers, cases, config.timeZone());
        log.onCommit(new CommitMeters(meters.registry()));
        decider = new FeedbackDecider(vertx, log, live, contexts, new Enrichment(extensions.enrichers()), ruleSets.shadow(),
                clock, config.maxInFlight(), sandboxConfig.liveDeadline(), new DecisionMeters(meters.registry()));
        sweeper = new CaseSweeper(vertx, log, cases, live, clock, meters.registry());
        sweeper.start(config.sweepInterval());
        deliverer = new Deliverer(vertx, outbox, extensions.handlers(builtInHandlers()),
                extensionsConfig.outbox().poll(), extensionsConfig.outbox().keepDelivered(), meters.registry());
        outboxGauges = new OutboxGauges(vertx, meters.registry(), outbox);
        PoolGauges.register(meters.registry(), database);
        outboxGauges.start(OUTBOX_COUNT_EVERY);
        var limits = config.limits();
        storeWatch = new StoreWatch(vertx, database::probe, database::reopen, limits.storeProbeInterval(),
                limits.storeGiveUp(), clock, LupausVerticle::exitForSupervisor);
        storeWatch.start();
        // Deploys and rollbacks made through other servers on the same store become live here too.
        followTimer = vertx.setPeriodic(FOLLOW_DEPLOYS.toMillis(), id -> {
            if (following.compareAndSet(false, true)) {
                vertx.executeBlocking(ruleSets::followStore, false)
                        .onComplete(done -> following.set(false))
                        .onFailure(failure -> LOG.warn("following the store's deploys failed: {}", failure.getMessage()));
            }
        });
        var authenticator = new Authenticator(vertx, access);
        // Sessions in the database: a person signed in through one server is signed in on all (docs/cluster.md).
        var sessions = SessionHandler.create(new StoredSessions(vertx, new JdbcSessionRecords(log.dataSource()), clock))
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT)
                .setLazySession(true);
        var accessRoutes = new AccessRoutes(vertx, access, authenticator, sessions,
                new SignInThrottle(limits.signInPerUser(), limits.signInPerAddress(), limits.signInWindow()), clock,
                openApi.requestSchemas());
        // Bodies are read only by the routes that take one, and only once the caller is known
        // (but for sign-in's small one); together they hold at most the budget.
        bodies = new BodyBudget(vertx, limits.maxBufferedBodyBytes(),
                Math.max(config.maxBodyBytes(), LARGEST_OTHER_BODY), limits.minBodyRate());

        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        // A body whose framing breaks (a bad chunk size) fails the request before any route reads it,
        // often while the caller is still being looked up: it is answered 400 all the same.
        router.route().handler(Problems::answerBrokenFraming);
        router.route().handler(ctx -> {
            if (draining) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ctx.next();
        });
        router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
        router.route().handler(CSPHandler.create().addDirective("default-src", "'self'"));
        router.route().handler(LupausVerticle::securityHeaders);
        // Only the console has sessions: a session per bearer-token request would fill the heap.
        router.route().handler(unlessBearer(sessions));

        var health = new HealthRoutes(vertx, live, storeWatch, decider::abandoned);
        router.route("/api/health*").subRouter(health.router());
        router.route("/api/ready*").subRouter(health.readinessRouter());
        router.route("/api/openapi.json*").subRouter(openApi.router());
        router.post("/api/session").handler(bodies);
        router.route("/api/session*").subRouter(accessRoutes.signInRouter());
        router.route("/api/*").handler(authenticator.handler());
        router.route("/api/*").handler(new RateLimits(config.rateLimit(), clock));
        // Imports stream their bodies to a file, never to memory.
        router.route("/api/*").handler(ctx -> {
            if (ctx.request().path().startsWith("/api/imports/")) {
                ctx.next();
            } else {
                bodies.handle(ctx);
            }
        });
        // Console requests ride on the session cookie, so they need a CSRF token; systems send a
        // bearer token, which a foreign page cannot make a browser send, so they need none.
        var csrf = CSRFHandler.create(vertx, csrfSecret()).setHeaderName(Problems.CSRF_HEADER);
        router.route().handler(unlessBearer(ctx -> {
            // Without its header CSRFHandler would look for the token in a form body, which is not read here.
            if (changes(ctx.request().method()) && ctx.request().getHeader(Problems.CSRF_HEADER) == null) {
                ctx.fail(403);
            } else {
                csrf.handle(ctx);
            }
        }));
        // The session is written before the request goes on, not after its answer as Vert.x would: the next
        // request, perhaps through another server, must find the CSRF token this one made. A route that
        // changes the session after this writes it itself (sign-out).
        router.route().handler(unlessBearer(ctx -> writeSessionFirst(ctx, sessions)));
        // Query and path parameters as the OpenAPI document says, for every operation (bodies: each route's check).
        router.route("/api/*").handler(openApi.requestSchemas().parameters());
        router.route("/api/session*").subRouter(accessRoutes.sessionRouter());
        router.route("/api/users*").subRouter(accessRoutes.usersRouter());
        router.route("/api/tokens*").subRouter(accessRoutes.tokensRouter());
        router.route("/api/audit/events*").subRouter(accessRoutes.auditRouter());
        router.route("/api/audit/*").subRouter(
                new AuditRoutes(vertx, new Auditor(log, compiler), limits.maxExports(), sandbox, sandboxWork,
                        openApi.requestSchemas()).router());
        router.route("/api/feedback*").subRouter(
                new FeedbackRoutes(vertx, decider, config.maxBodyBytes(), config.maxBatchSize()).router());
        router.route("/api/decisions*").subRouter(
                new DecisionRoutes(vertx, log, explainer).router());
        router.route("/api/rulesets*").subRouter(new RuleSetRoutes(vertx, sandboxWork, ruleSets, contexts, clock,
                openApi.requestSchemas()).router());
        router.route("/api/customers*").subRouter(
                new CustomerRoutes(vertx, new CustomerErasure(log, cases, access, pseudonyms, clock)).router());
        router.route("/api/cases*").subRouter(new CaseRoutes(vertx, cases, access, clock, openApi.requestSchemas()).router());
        router.route("/api/metrics*").subRouter(
                new ScoreboardRoutes(vertx, answers, cases, config.timeZone(), clock).router());
        router.route("/api/promises*").subRouter(new PromiseRoutes(vertx, live).router());
        router.route("/api/plugins*").subRouter(
                new PluginRoutes(vertx, extensions.host(), deliverer.handlers()).router());
        router.route("/api/outbox*").subRouter(new OutboxRoutes(vertx, outbox).router());
        router.route("/api/imports*").subRouter(new ImportRoutes(vertx, decider).router());
        router.route("/api/*").handler(ctx -> ctx.fail(404));
        // The console's bundles carry a hash of their content in their names: kept a year. index.html names them and
        // is never kept (no-store, from securityHeaders), so that a new console is picked up at once.
        router.route("/assets/*").handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, ASSET_CACHING));
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(Problems::handle);
        routes = router;
        return router;
    }

    private static void exitForSupervisor() {
        LOG.error("Lupaus exits with code {}: its store cannot be reopened", STORE_LOST_EXIT);
        // Not on this thread: the shutdown hook closes Vert.x, whose threads this is one of.
        new Thread(() -> System.exit(STORE_LOST_EXIT), "lupaus-store-lost").start();
    }

    private static final String ASSET_CACHING = "public, max-age=31536000, immutable";

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ctx.next();
    }

    private static void writeSessionFirst(RoutingContext ctx, SessionHandler sessions) {
        if (ctx.session() == null) {
            ctx.next();
            return;
        }
        // An import's body streams: held back until the route is there to read it.
        boolean streaming = !ctx.request().isEnded();
        if (streaming) {
            ctx.request().pause();
        }
        sessions.flush(ctx, true).onComplete(written -> {
            if (streaming) {
                ctx.request().resume();
            }
            if (written.succeeded()) {
                ctx.next();
            } else {
                ctx.fail(written.cause());
            }
        });
    }

    private static boolean changes(HttpMethod method) {
        return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS);
    }

    private static Handler<RoutingContext> unlessBearer(Handler<RoutingContext> handler) {
        return ctx -> {
            if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
                ctx.next();
            } else {
                handler.handle(ctx);
            }
        };
    }

    /**
     * The configured key of the CSRF tokens, which every server of a cluster shares; without one, a key of this
     * process's own, with which a console request through another server is refused.
     */
    private String csrfSecret() {
        if (config.sessionSecret() != null) {
            return config.sessionSecret();
        }
        if (Vendor.of(config.database().url()) != Vendor.H2) {
            LOG.warn("LUPAUS_SESSION_SECRET is not set: console sign-ins work only through this server. "
                    + "Give every server on this database the same secret (docs/cluster.md)");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** The deadline sweep, which tests run at the times they simulate. */
    public CaseSweeper sweeper() {
        return sweeper;
    }

    /** Request body bytes held in memory now. */
    public long bodyBytesHeld() {
        return bodies.reserved();
    }

    /** The server's routes, which the contract test walks against the OpenAPI document. */
    public Router routes() {
        return routes;
    }

    /** The port of the metrics endpoint, or -1 when there is none. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.actualPort();
    }

    /** The port the server listens on; useful when configured with port 0. */
    public int actualPort() {
        return server.actualPort();
    }

    /**
     * Before a process stops: for a second every answer says "Connection: close", so that callers
     * stop sending on kept-alive connections. Stopping closes those that are idle, and one closed
     * while a request to it was on the wire would leave that request unanswered.
     */
    public Future<Void> drain() {
        draining = true;
        return server == null ? Future.succeededFuture() : vertx.timer(DRAIN.toMillis()).mapEmpty();
    }

    @Override
    public Future<?> stop() {
        if (sweeper != null) {
            sweeper.stop();
        }
        if (storeWatch != null) {
            storeWatch.stop();
        }
        if (followTimer >= 0) {
            vertx.cancelTimer(followTimer);
        }
        if (outboxGauges != null) {
            outboxGauges.stop();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        // Gracefully: no new requests, and those in flight are answered (their records written)
        // before the store closes.
        Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE);
        return closed
                .compose(v -> deliverer == null ? Future.succeededFuture() : deliverer.stop())
                .compose(v -> vertx.executeBlocking(() -> {
                    if (decider != null) {
                        decider.close();
                    }
                    if (ruleSets != null) {
                        ruleSets.close();
                    }
                    if (sandbox != null) {
                        sandbox.close();
                        sandboxWork.close();
                    }
                    if (webhook != null) {
                        webhook.close();
                    }
                    if (extensions != null) {
                        extensions.close();
                    }
                    if (log != null) {
                        log.close();
                    }
                    if (database != null) {
                        database.close();
                    }
                    if (ownMeters) {
                        meters.close();
                    }
                    return null;
                }));
    }
}
