package fi.lupaus.console.api;

/**
 * One problem with a request: which field, and why. {@code field} is a path such as
 * {@code score} or {@code [3].score}, or {@code null} when the problem is not with a field.
 */
public record FieldError(String field, String reason) {

    public static FieldError of(String reason) {
        return new FieldError(null, reason);
    }
}
