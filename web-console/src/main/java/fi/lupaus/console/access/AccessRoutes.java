package fi.lupaus.console.access;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestJson;
import fi.lupaus.console.api.openapi.RequestSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;

/**
 * Signing in and out ({@code /api/session}), users ({@code /api/users}), API tokens
 * ({@code /api/tokens}) and the audit log of changes ({@code /api/audit/events}).
 */
public final class AccessRoutes {

    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int AUDIT_PAGE = 100;
    private static final int MAX_AUDIT_PAGE = 1_000;

    private final Vertx vertx;
    private final RequestSchemas schemas;
    private final AccessStore store;
    private final Authenticator authenticator;
    private final SessionHandler sessions;
    private final SignInThrottle throttle;
    private final Clock clock;

    public AccessRoutes(Vertx vertx, AccessStore store, Authenticator authenticator, SessionHandler sessions,
                        SignInThrottle throttle, Clock clock, RequestSchemas schemas) {
        this.vertx = vertx;
        this.schemas = schemas;
        this.store = store;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** {@code POST /api/session}: sign in; the only route besides health that needs no caller. */
    public Router signInRouter() {
        Router router = Router.router(vertx);
        router.post("/").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(schemas.check("signIn"))
                .handler(this::signIn);
        return router;
    }

    /** {@code GET} and {@code DELETE /api/session}: who is signed in; sign out. */
    public Router sessionRouter() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::whoAmI);
        router.delete("/").handler(this::signOut);
        return router;
    }

    public Router usersRouter() {
        Router router = Router.router(vertx);
        router.route().handler(Permission.ACCESS_MANAGE.required());
        router.post().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.get("/").handler(this::listUsers);
        router.post("/").handler(schemas.check("createUser")).handler(this::createUser);
        router.patch().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.patch("/:username").handler(schemas.check("changeUser")).handler(this::changeUser);
        router.delete("/:username").handler(this::deleteUser);
        return router;
    }

    public Router tokensRouter() {
        Router router = Router.router(vertx);
        router.route().handler(Permission.ACCESS_MANAGE.required());
        router.post().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.get("/").handler(this::listTokens);
        router.post("/").handler(schemas.check("createToken")).handler(this::createToken);
        router.delete("/:tokenId").handler(this::revokeToken);
        return router;
    }

    public Router auditRouter() {
        Router router = Router.router(vertx);
        router.get("/").handler(Permission.AUDIT_READ.required()).handler(this::auditEvents);
        return router;
    }

    private void signIn(RoutingContext ctx) {
        if (ctx.session() == null) {
            // Requests with an Authorization header get no session (LupausVerticle), so there is none to sign in to.
            throw ApiException.badRequest(List.of(new FieldError("Authorization", "signing in starts a console "
                    + "session, which a request with an Authorization header does not get; send it without one")));
        }
        JsonObject body = jsonBody(ctx);
        List<FieldError> errors = new ArrayList<>();
        String username = text(body, "username", errors);
        String password = text(body, "password", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        throttle.attempt(username, ctx.request().remoteAddress().hostAddress());
        authenticator.signIn(ctx, username, password)
                .compose(caller -> caller
                        .map(signedIn -> {
                            // A new id at sign-in: an id planted before it (session fixation) is worth nothing.
                            ctx.session().regenerateId();
                            ctx.session().put(StoredSessions.OWNER, signedIn.name());
                            return sessions.setUser(ctx, signedIn.toUser()).map(signedIn);
                        })
                        .orElseGet(() -> Future.failedFuture(new ApiException(401,
                                List.of(FieldError.of("the username or the password is wrong"))))))
                .onSuccess(caller -> Answers.send(ctx, 200, CallerAnswer.of(caller)))
                .onFailure(ctx::fail);
    }

    private void whoAmI(RoutingContext ctx) {
        Answers.send(ctx, 200, CallerAnswer.of(Caller.of(ctx.user())));
    }

    private void signOut(RoutingContext ctx) {
        // Not UserContext.logout(): that answers with a redirect, which an API should not.
        ctx.userContext().clear();
        if (ctx.session() == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        ctx.session().destroy();
        // Ended in the store before the answer: the next request through any server finds no session.
        sessions.flush(ctx, true)
                .onSuccess(ended -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void listUsers(RoutingContext ctx) {
        vertx.executeBlocking(store::listUsers, false)
                .onSuccess(users -> Answers.send(ctx, 200, new Answers.Page<>(users.stream()
                        .map(user -> new UserAnswer(user.username(), user.role().wireName(), user.createdAt())).toList(),
                        null)))
                .onFailure(ctx::fail);
    }

    /** The body was checked against the document's schema (a person's role is not ingest, the password long enough). */
    private void createUser(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        String username = body.getString("username");
        String password = body.getString("password");
        Role role = role(body);
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> store.createUser(username, authenticator.hashPassword(password), role,
                        clock.instant(), actor), false)
                .onSuccess(created -> {
                    if (!created) {
                        ctx.fail(new ApiException(409, List.of(new FieldError("username", "is taken already"))));
                    } else {
                        Answers.send(ctx, 201, new UserAnswer(username, role.wireName(), null));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void deleteUser(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> store.deleteUser(username, clock.instant(), actor), false)
                .onSuccess(deleted -> noContentOr404(ctx, deleted, "there is no user " + username))
                .onFailure(ctx::fail);
    }

    /**
     * {@code PATCH /api/users/{username}}: a new role or password, or both (the document's schema
     * asks for one); ends the user's sessions.
     */
    private void changeUser(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        JsonObject body = RequestJson.object(ctx);
        Role role = body.containsKey("role") ? role(body) : null;
        String password = body.getString("password");
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> store.changeUser(username, role,
                        password == null ? null : authenticator.hashPassword(password), clock.instant(), actor), false)
                .onSuccess(changed -> noContentOr404(ctx, changed, "there is no user " + username))
                .onFailure(ctx::fail);
    }

    private void listTokens(RoutingContext ctx) {
        vertx.executeBlocking(store::listTokens, false)
                .onSuccess(tokens -> Answers.send(ctx, 200,
                        new Answers.Page<>(tokens.stream().map(token -> TokenAnswer.of(token, null)).toList(), null)))
                .onFailure(ctx::fail);
    }

    private void createToken(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        String name = body.getString("name");
        Role role = role(body);
        Caller actor = Caller.of(ctx.user());
        String secret = authenticator.newTokenSecret();
        vertx.executeBlocking(() -> store.createToken(name, role, Authenticator.sha256(secret), clock.instant(), actor),
                        false)
                // The secret is shown this once; only its hash is kept.
                .onSuccess(token -> Answers.send(ctx, 201, TokenAnswer.of(token, secret)))
                .onFailure(ctx::fail);
    }

    private void revokeToken(RoutingContext ctx) {
        String tokenId = ctx.pathParam("tokenId");
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> store.revokeToken(tokenId, clock.instant(), actor), false)
                .onSuccess(revoked -> {
                    authenticator.forgetTokens();
                    noContentOr404(ctx, revoked, "there is no live token " + tokenId);
                })
                .onFailure(ctx::fail);
    }

    private void auditEvents(RoutingContext ctx) {
        AccessStore.AuditQuery query = auditQuery(ctx);
        vertx.executeBlocking(() -> {
            List<AccessStore.AuditEvent> events = store.auditEvents(query);
            return new AuditPage(events.stream()
                    .map(e -> new AuditEventAnswer(e.at(), e.actor(), e.action(), e.subject(), e.detail())).toList(),
                    events.size() == query.limit() ? Long.toString(events.get(events.size() - 1).seq()) : null,
                    store.countAuditEvents(query));
        }, false).onSuccess(page -> Answers.send(ctx, 200, page)).onFailure(ctx::fail);
    }

    private static AccessStore.AuditQuery auditQuery(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        String before = ctx.queryParams().get("before");
        if (before != null && !before.matches("\\d{1,18}")) {
            errors.add(new FieldError("before", "must be the 'next' of a previous page"));
        }
        Instant from = instant(ctx, "from", errors);
        Instant to = instant(ctx, "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        int limit = AUDIT_PAGE;
        String limitText = ctx.queryParams().get("limit");
        if (limitText != null) {
            limit = limitText.matches("\\d{1,4}") ? Integer.parseInt(limitText) : -1;
            if (limit < 1 || limit > MAX_AUDIT_PAGE) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_AUDIT_PAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new AccessStore.AuditQuery(part(ctx, "actor"), part(ctx, "action"), part(ctx, "subject"), from, to,
                before == null ? null : Long.parseLong(before), limit);
    }

    private static String part(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(RoutingContext ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"));
            return null;
        }
    }

    /** Who is calling, and what they may do. */
    record CallerAnswer(String name, String role, List<String> permissions) {
        static CallerAnswer of(Caller caller) {
            return new CallerAnswer(caller.name(), caller.role().wireName(),
                    caller.role().permissions().stream().map(Permission::id).toList());
        }
    }

    record UserAnswer(String username, String role, Instant createdAt) {
    }

    /** A token; its secret only in the answer that creates it. */
    record TokenAnswer(String tokenId, String name, String role, Instant createdAt, String createdBy, Instant revokedAt,
                       String token) {
        static TokenAnswer of(AccessStore.TokenInfo token, String secret) {
            return new TokenAnswer(token.tokenId(), token.name(), token.role().wireName(), token.createdAt(),
                    token.createdBy(), token.revokedAt(), secret);
        }
    }

    record AuditEventAnswer(Instant at, String actor, String action, String subject, String detail) {
    }

    /** A page of the audit log with how many events its filters match on all pages. */
    record AuditPage(List<AuditEventAnswer> items, String next, long total) {
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is empty; send a JSON object")));
        }
        return RequestJson.object(ctx);
    }

    private static String text(JsonObject body, String field, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            errors.add(new FieldError(field, "is required: a string"));
            return null;
        }
        return text;
    }

    /** A role the document's schema allowed. */
    private static Role role(JsonObject body) {
        return Role.fromWireName(body.getString("role")).orElseThrow();
    }

    private static void noContentOr404(RoutingContext ctx, boolean done, String reason) {
        if (done) {
            ctx.response().setStatusCode(204).end();
        } else {
            ctx.fail(ApiException.notFound(reason));
        }
    }
}
