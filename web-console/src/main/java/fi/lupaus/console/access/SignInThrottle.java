package fi.lupaus.console.access;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Bounds sign-in attempts, right or wrong, for each username and from each address: past
 * either bound the attempt is answered 429 with Retry-After and no password is checked. The
 * attempts come back one at a time over the window.
 */
public final class SignInThrottle {

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

    public SignInThrottle(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** Counts an attempt; throws a 429 when the username or the address has none left. */
    void attempt(String username, String address) {
        // The address first: spraying many usernames from one address stops there.
        take("address " + address, perAddress, "from this address");
        take("user " + username, perUser, "for this username");
    }

    private void take(String key, int attempts, String scope) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, window))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(429, List.of(FieldError.of("too many sign-in attempts " + scope
                    + "; try again in " + seconds + " s")), seconds);
        }
    }
}
