package fi.lupaus.engine.casework;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import fi.lupaus.engine.fact.CaseState;

/**
 * Which cases to list, one page at a time; every filter may be {@code null} or empty.
 *
 * @param states    only cases in one of these states
 * @param owners    only cases of one of these owners
 * @param promise   only cases of this promise
 * @param dueFrom   only cases due at or after this time
 * @param dueBefore only cases due before this time
 * @param order     in which order the pages come
 * @param after     the cursor of the previous page (its {@code next}), in the same order
 * @param limit     at most this many
 * @param counted   only the cases a scoreboard number counts
 */
public record CaseQuery(Set<CaseState> states, Set<String> owners, String promise, Instant dueFrom,
                        Instant dueBefore, Order order, String after, int limit, Counted counted) {

    /** How a case stands with its promise, as the scoreboard counts it ({@link CaseFile#isKept}, {@link CaseFile#isBroken}). */
    public enum Keeping { KEPT, BROKEN, ON_TIME }

    /**
     * The cases a scoreboard number counts; every part may be {@code null} or empty.
     *
     * @param receivedFrom whose feedback was given at or after
     * @param receivedTo   whose feedback was given before
     * @param keeping      kept, broken or still open on time (any of these) at {@code at}
     * @param recovered    only cases whose customer was recovered (a promoter answer after the case)
     * @param at           the time broken and on time are said at; required with {@code keeping}
     */
    public record Counted(Instant receivedFrom, Instant receivedTo, Set<Keeping> keeping, boolean recovered,
                          Instant at) {

        /** Every case. */
        public static final Counted ANY = new Counted(null, null, Set.of(), false, null);

        public Counted {
            keeping = keeping == null ? Set.of() : Set.copyOf(keeping);
            if (!keeping.isEmpty() && at == null) {
                throw new IllegalArgumentException("broken or on time is said at a time");
            }
        }
    }

    public CaseQuery(Set<CaseState> states, Set<String> owners, String promise, Instant dueFrom, Instant dueBefore,
                     Order order, String after, int limit) {
        this(states, owners, promise, dueFrom, dueBefore, order, after, limit, Counted.ANY);
    }

    /** The order of a listing: oldest first, or by deadline (soonest or latest first). */
    public enum Order { OPENED, DUE, DUE_LATEST_FIRST }

    private static final Pattern CASE_ID = Pattern.compile("[0-9a-f-]{36}");
    // A deadline's place: its epoch microseconds, then the case id that breaks ties.
    private static final Pattern DUE_CURSOR = Pattern.compile("-?\\d{1,19}\\.[0-9a-f-]{36}");

    public CaseQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        states = states == null ? Set.of() : Set.copyOf(states);
        owners = owners == null ? Set.of() : Set.copyOf(owners);
        order = order == null ? Order.OPENED : order;
        counted = counted == null ? Counted.ANY : counted;
        if (after != null && !isCursor(order, after)) {
            throw new IllegalArgumentException("not a cursor of this order: " + after);
        }
    }

    /** Whether {@code text} is a {@code next} that a page of this order gives. */
    public static boolean isCursor(Order order, String text) {
        return (order == Order.OPENED ? CASE_ID : DUE_CURSOR).matcher(text).matches();
    }

    /** The cursor after {@code file} in this order. */
    public static String cursorAfter(Order order, CaseFile file) {
        if (order == Order.OPENED) {
            return file.caseId();
        }
        long micros = Math.addExact(Math.multiplyExact(file.dueAt().getEpochSecond(), 1_000_000L),
                file.dueAt().getNano() / 1_000);
        return micros + "." + file.caseId();
    }
}
