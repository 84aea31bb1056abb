package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rule sets people and packs made, their scenarios, deploys and shadow runs. The sources
 * themselves are kept by the decision log, by the same version.
 */
public interface RuleSetStore {

    /** Who made a version, when and why; {@code basedOn} is the version it was edited from. */
    record Version(String version, String author, Instant createdAt, String comment, String basedOn) {
    }

    /** One deploy or rollback. */
    record Deployment(long seq, String version, Instant deployedAt, String deployedBy, String kind,
                      String comment) {
    }

    /** A shadow run; {@code stoppedAt} is null while it runs. */
    record ShadowRun(long runId, String version, Instant startedAt, String startedBy, Instant stoppedAt) {
    }

    /** A live decision the shadow version would have decided otherwise; actions and rules as JSON arrays. */
    record ShadowDifference(String decisionId, String liveActions, String shadowActions, String shadowRules) {
    }

    /** A scenario as stored: its name and its JSON. */
    record StoredScenario(String name, String json) {
    }

    /** Saves a new version with the scenarios it starts with; false when it was already saved. */
    boolean save(Version version, List<StoredScenario> scenarios);

    Optional<Version> find(String version);

    /** Newest first. */
    List<Version> versions();

    List<StoredScenario> scenarios(String version);

    /** Saves a scenario under its name, replacing one of the same name. */
    void putScenario(String version, StoredScenario scenario);

    boolean deleteScenario(String version, String name);

    /** Records a deploy or rollback; its place in the order of deployments. */
    long recordDeployment(String version, Instant at, String by, String kind, String comment);

    /** Newest first. */
    List<Deployment> deployments();

    /** The newest deploy or rollback: the version live on every server sharing the store. */
    Optional<Deployment> latestDeployment();

    /** Stops any running shadow and starts one for the version. */
    ShadowRun startShadow(String version, Instant at, String by);

    boolean stopShadow(Instant at);

    Optional<ShadowRun> runningShadow();

    void recordDifferences(long runId, List<ShadowDifference> differences);

    long differenceCount(long runId);

    /** The newest differences first, at most {@code limit}. */
    List<ShadowDifference> differences(long runId, int limit);
}
