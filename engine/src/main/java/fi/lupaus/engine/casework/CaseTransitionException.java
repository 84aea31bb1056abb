package fi.lupaus.engine.casework;

import java.util.List;

import fi.lupaus.engine.fact.CaseState;

/** A case was asked to do what its state does not allow, e.g. to resolve a cancelled case. */
public class CaseTransitionException extends RuntimeException {

    private final CaseState state;
    private final List<String> allowed;

    public CaseTransitionException(String caseId, String transition, CaseState state, List<String> allowed) {
        super("case " + caseId + " is " + state.name().toLowerCase(java.util.Locale.ROOT) + ": it cannot be "
                + transition + "; " + (allowed.isEmpty() ? "nothing more can be done with it"
                : "it can be " + String.join(", ", allowed)), null, false, false);
        this.state = state;
        this.allowed = List.copyOf(allowed);
    }

    public CaseState state() {
        return state;
    }

    /** The transitions its state allows. */
    public List<String> allowed() {
        return allowed;
    }
}
