package fi.lupaus.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.jackson.VertxModule;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way answers become JSON: records (and lists of them) written by one Jackson mapper, so
 * that a route says what it answers as a type instead of putting fields into a tree by hand. A
 * field that is {@code null} is left out, unless its type says {@code @JsonInclude(ALWAYS)} where
 * clients read a {@code null}; times are ISO-8601 ({@code Instant#toString}); members are written in
 * the order the record declares them.
 */
public final class Answers {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // A shadow run's differences are kept in the store as JSON text and answered as they are.
            .addModule(new VertxModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Answers() {
    }

    /** A page of items, oldest or newest first as the route says; {@code next} is absent on the last page. */
    public record Page<T>(java.util.List<T> items, String next) {
    }

    /** The API's error shape: {@code {"errors":[{"field","reason"}]}}, {@code field} left out when there is none. */
    public record Errors(java.util.List<FieldError> errors) {
    }

    public static Buffer encode(Object answer) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

    /** Answers {@code status} with {@code answer} as JSON. */
    public static void send(RoutingContext ctx, int status, Object answer) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(encode(answer));
    }
}
