package fi.lupaus.engine.fact;

/** Where a follow-up case is: open → acknowledged → resolved, or cancelled. */
public enum CaseState {
    OPEN, ACKNOWLEDGED, RESOLVED, CANCELLED;

    /** Open or acknowledged: the promise is still to be kept. */
    public boolean isActive() {
        return this == OPEN || this == ACKNOWLEDGED;
    }
}
