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
    AFTERCARE,
    /** Add the feedback to the customer's open case instead of opening another. */
    ADD_TO_CASE,
    /** Remind a case's owner that its deadline is near. */
    REMIND,
    /** Hand a case, or the case this decision opens, to someone higher up. */
    ESCALATE,
    /** The customer whose case was resolved answers as a promoter: recovered. */
    RECOVERED,
    /** Ask the customer for a review or a referral. */
    ASK_FOR_REVIEW
}
