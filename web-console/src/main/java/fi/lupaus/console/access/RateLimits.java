package fi.lupaus.console.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** A token bucket per caller: past its rate a caller is answered 429 with Retry-After. */
public final class RateLimits implements Handler<RoutingContext> {

    private final int perSecond;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /** @param clock the time the buckets refill by: the server's clock */
    public RateLimits(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller = Caller.of(ctx.user());
        Bucket bucket = buckets.get(caller.id(), id -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            ctx.next();
        } else {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            ctx.fail(new ApiException(429, List.of(FieldError.of(
                    "more than " + perSecond + " requests a second from " + caller.name() + "; try again shortly")),
                    seconds));
        }
    }
}
