package fi.lupaus.console.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.hashing.HashingStrategy;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;

/**
 * Tells who is calling: a person signed in to the console (their user is in the session) or a
 * system sending {@code Authorization: Bearer <token>}. Passwords are checked with PBKDF2 on a
 * worker thread; tokens by their SHA-256, remembered for a short while so that a busy ingest
 * token costs no database read per request. Lookups run on a small pool of their own, so that
 * long work elsewhere cannot starve them; one that cannot be done in time is a 503, not a 401.
 */
public final class Authenticator {

    private static final String TOKEN_PREFIX = "lpt_";
    /** How long a token lookup is trusted: a token revoked on another node stops within this. */
    private static final Duration TOKEN_CACHE_TIME = Duration.ofSeconds(30);
    /** A lookup not done within this is answered 503: the store or the pool is overloaded. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOOKUP_THREADS = 4;

    private final Vertx vertx;
    private final AccessStore store;
    private final HashingStrategy hashing = HashingStrategy.load();
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Caller>> tokens = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(TOKEN_CACHE_TIME).build();
    private final WorkerExecutor lookups;
    /** Checked against for unknown usernames, so that they cost the same work as known ones. */
    private final String dummyHash;

    public Authenticator(Vertx vertx, AccessStore store) {
        this.vertx = vertx;
        this.store = store;
        this.lookups = vertx.createSharedWorkerExecutor("lupaus-access", LOOKUP_THREADS,
                LOOKUP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        this.dummyHash = hashPassword(newTokenSecret());
    }

    /** Authenticates every request it sees: by the session's user, or else by a bearer token. */
    public AuthenticationHandler handler() {
        return SimpleAuthenticationHandler.create().authenticate(this::byBearerToken);
    }

    private Future<User> byBearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(new HttpException(401, "sign in, or send Authorization: Bearer <token>"));
        }
        String hash = sha256(header.substring(7).strip());
        Optional<Caller> known = tokens.getIfPresent(hash);
        Future<Optional<Caller>> caller = known != null
                ? Future.succeededFuture(known)
                : lookup(ctx, () -> store.findTokenCaller(hash)).onSuccess(found -> tokens.put(hash, found));
        return caller.compose(found -> found
                .map(holder -> Future.succeededFuture(holder.toUser()))
                .orElseGet(() -> Future.failedFuture(new HttpException(401, "the token is unknown or revoked"))));
    }

    /**
     * Runs a lookup on the access pool; a failure or a lookup not done in time becomes a 503
     * with Retry-After, never a 401: the caller may well be known.
     */
    private <T> Future<T> lookup(RoutingContext ctx, java.util.concurrent.Callable<T> work) {
        return lookups.executeBlocking(work, false)
                .timeout(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .recover(failure -> {
                    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
                    return Future.failedFuture(new HttpException(503,
                            "the server is too busy to check who is calling; try again shortly", failure));
                });
    }

    /**
     * The caller with this username and password, checked on the access pool. An unknown
     * username costs the same hashing as a known one, so that timing does not tell them apart.
     */
    Future<Optional<Caller>> signIn(RoutingContext ctx, String username, String password) {
        return lookup(ctx, () -> {
            Optional<AccessStore.StoredUser> user = store.findUser(username);
            boolean matches = hashing.verify(user.map(AccessStore.StoredUser::passwordHash).orElse(dummyHash),
                    password);
            return user.filter(found -> matches)
                    .map(found -> new Caller("user:" + found.username(), found.username(), found.role()));
        });
    }

    public String hashPassword(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return hashing.hash("pbkdf2", null, Base64.getEncoder().encodeToString(salt), password);
    }

    /** A new random token secret: shown once to whoever creates it, kept only as its hash. */
    public String newTokenSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Forgets remembered token lookups, so that a revocation takes effect at once on this node. */
    public void forgetTokens() {
        tokens.invalidateAll();
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
