package fi.lupaus.engine.casework;

/** How a case was resolved. */
public enum Outcome {
    CONTACTED, COMPENSATED, NO_ANSWER, OTHER
}
