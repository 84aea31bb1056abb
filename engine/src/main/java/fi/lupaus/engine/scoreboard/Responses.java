package fi.lupaus.engine.scoreboard;

import java.time.Instant;
import java.util.List;

/** What the scoreboard reads from the store: the answers given in a time range, summed in the store. */
public interface Responses {

    /**
     * The answers given in [from, to), counted by touchpoint, phase, hour, survey and score: a
     * year of answers is a few hundred thousand rows at most, whatever the traffic. Either bound may be null.
     */
    List<ResponseCount> responses(Instant from, Instant to);
}
