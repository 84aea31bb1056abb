package fi.lupaus.console.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import fi.lupaus.engine.log.CommitListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The decision log's group commits: how many decisions share one commit, and how long a commit
 * takes. Recorded on the log's writer thread; recording takes no lock and allocates nothing.
 */
public final class CommitMeters implements CommitListener {

    private final DistributionSummary decisions;
    private final Timer duration;

    public CommitMeters(MeterRegistry registry) {
        this.decisions = DistributionSummary.builder("lupaus.group.commit.decisions")
                .description("decisions carried by one group commit of the decision log")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
                .register(registry);
        this.duration = Timer.builder("lupaus.group.commit")
                .description("writing and committing one group of decisions")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Override
    public void committed(int decisions, long nanos) {
        this.decisions.record(decisions);
        this.duration.record(nanos, TimeUnit.NANOSECONDS);
    }
}
