package fi.lupaus.engine.fact;

/** The phase of the customer journey: before, during or after the service. */
public enum Phase {
    PRE, CORE, AFTER
}
