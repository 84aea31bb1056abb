package fi.lupaus.engine.guided;

/** A guided promise form with a field that cannot become a rule. */
public final class InvalidPromiseFormException extends IllegalArgumentException {

    private final String field;

    public InvalidPromiseFormException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The form's field, e.g. {@code then.withinHours}. */
    public String field() {
        return field;
    }
}
