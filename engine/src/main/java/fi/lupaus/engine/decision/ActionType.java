package fi.lupaus.engine.decision;

/** What a decision asks the company to do. */
public enum ActionType {
    /** Thank the customer personally. */
    THANK,
    /** Open a follow-up case with an owner and a deadline. */
    OPEN_CASE,
    /** Make up for a poor experience. */
    RECOVERY,
    /** Contact the customer after the purchase or service. */
    AFTERCARE
}
