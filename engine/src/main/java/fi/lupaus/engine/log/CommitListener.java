package fi.lupaus.engine.log;

/**
 * Told of every group commit of the decision log, on its writer thread, so that an operator can
 * see how many decisions share a commit and how long commits take. It must return at once and
 * must not throw: the appends of the group wait for it.
 */
@FunctionalInterface
public interface CommitListener {

    /** Nothing is told. */
    CommitListener NONE = (decisions, nanos) -> { };

    /**
     * @param decisions the decisions the committed group carried (new ones and ones recorded before)
     * @param nanos     how long writing and committing the group took
     */
    void committed(int decisions, long nanos);
}
