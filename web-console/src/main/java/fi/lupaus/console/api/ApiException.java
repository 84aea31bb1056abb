package fi.lupaus.console.api;

import java.util.List;

/** A request the API refuses, with the status and every reason to tell the caller. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;

    public ApiException(int status, List<FieldError> errors) {
        this(status, errors, 0);
    }

    /** @param retryAfterSeconds when the caller may try again, or 0 when that is not the point */
    public ApiException(int status, List<FieldError> errors, long retryAfterSeconds) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(List<FieldError> errors) {
        return new ApiException(400, errors);
    }

    public static ApiException notFound(String reason) {
        return new ApiException(404, List.of(FieldError.of(reason)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
