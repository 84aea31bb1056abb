package fi.lupaus.engine.casework;

import java.time.Instant;

import fi.lupaus.engine.fact.CaseState;

/**
 * Which cases to list, oldest first, one page at a time; every filter may be {@code null}.
 *
 * @param state   only cases in this state
 * @param owner   only this owner's
 * @param promise only cases of this promise
 * @param overdueAt only cases still open past their deadline at this time
 * @param after   the cursor of the previous page
 * @param limit   at most this many
 */
public record CaseQuery(CaseState state, String owner, String promise, Instant overdueAt, String after, int limit) {

    public CaseQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
