package fi.lupaus.console.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
 * token costs no database read per request.
 */
public final class Authenticator {

    private static final String TOKEN_PREFIX = "lpt_";
    /** How long a token lookup is trusted: a token revoked on another node stops within this. */
    private static final Duration TOKEN_CACHE_TIME = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final AccessStore store;
    private final HashingStrategy hashing = HashingStrategy.load();
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Caller>> tokens = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(TOKEN_CACHE_TIME).build();

    public Authenticator(Vertx vertx, AccessStore store) {
        this.vertx = vertx;
        this.store = store;
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
                : vertx.executeBlocking(() -> store.findTokenCaller(hash), false)
                        .onSuccess(found -> tokens.put(hash, found));
        return caller.compose(found -> found
                .map(holder -> Future.succeededFuture(holder.toUser()))
                .orElseGet(() -> Future.failedFuture(new HttpException(401, "the token is unknown or revoked"))));
    }

    /** The caller with this username and password, checked on a worker thread. */
    public Future<Optional<Caller>> signIn(String username, String password) {
        return vertx.executeBlocking(() -> store.findUser(username)
                .filter(user -> hashing.verify(user.passwordHash(), password))
                .map(user -> new Caller("user:" + user.username(), user.username(), user.role())), false);
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
