package fi.lupaus.engine.decision;

/** How urgently a case is handled. */
public enum Priority {
    NORMAL, HIGH
}
