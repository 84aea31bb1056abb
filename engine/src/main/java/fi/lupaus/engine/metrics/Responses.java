package fi.lupaus.engine.metrics;

import java.time.Instant;
import java.util.List;

/** What the scoreboard reads from the store: the answers given in a time range. */
public interface Responses {

    /** Responses given in [from, to); either bound may be null. */
    List<ResponseCount> responses(Instant from, Instant to);
}
