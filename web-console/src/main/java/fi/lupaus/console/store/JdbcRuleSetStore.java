package fi.lupaus.console.store;

import static fi.lupaus.engine.jdbc.Jdbc.update;
import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import fi.lupaus.console.ruleset.RuleSetStore;
import fi.lupaus.engine.jdbc.Database;
import fi.lupaus.engine.jdbc.Jdbc;
import fi.lupaus.engine.jdbc.Vendor;

/** Rule-set versions, scenarios, deployments and shadow runs in the database. */
public final class JdbcRuleSetStore implements RuleSetStore {

    private static final String FAILURE = "cannot reach the rule-set versions";

    private final DataSource dataSource;
    private final Vendor vendor;

    public JdbcRuleSetStore(Database database) {
        this.dataSource = database.dataSource();
        this.vendor = database.vendor();
    }

    @Override
    public boolean save(Version version, List<StoredScenario> scenarios) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            if (find(connection, version.version()).isPresent()) {
                return false;
            }
            update(connection, "INSERT INTO rule_set_version (version, author, created_at, comment, based_on) "
                            + "VALUES (?, ?, ?, ?, ?)", version.version(), version.author(),
                    utc(version.createdAt()), version.comment(), version.basedOn());
            for (StoredScenario scenario : scenarios) {
                update(connection, "INSERT INTO rule_set_scenario (version, name, scenario) VALUES (?, ?, ?)",
                        version.version(), scenario.name(), scenario.json());
            }
            return true;
        });
    }

    @Override
    public Optional<Version> find(String version) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> find(connection, version));
    }

    @Override
    public List<Version> versions() {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            List<Version> versions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version, author, created_at, comment, based_on FROM rule_set_version "
                            + "ORDER BY created_at DESC, version");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(version(rows));
                }
            }
            return versions;
        });
    }

    @Override
    public List<StoredScenario> scenarios(String version) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            List<StoredScenario> scenarios = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, scenario FROM rule_set_scenario WHERE version = ? ORDER BY name")) {
                select.setString(1, version);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        scenarios.add(new StoredScenario(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return scenarios;
        });
    }

    @Override
    public void putScenario(String version, StoredScenario scenario) {
        Jdbc.inTransaction(dataSource, FAILURE, connection -> update(connection,
                vendor.upsert("rule_set_scenario", List.of("version", "name"), List.of("version", "name", "scenario")),
                version, scenario.name(), scenario.json()));
    }

    @Override
    public boolean deleteScenario(String version, String name) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> update(connection,
                "DELETE FROM rule_set_scenario WHERE version = ? AND name = ?", version, name) > 0);
    }

    @Override
    public long recordDeployment(String version, Instant at, String by, String kind, String comment) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rule_set_deployment "
                    + "(version, deployed_at, deployed_by, kind, comment) VALUES (?, ?, ?, ?, ?)", new String[] {"seq"})) {
                insert.setString(1, version);
                insert.setObject(2, utc(at));
                insert.setString(3, by);
                insert.setString(4, kind);
                insert.setString(5, comment);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    return key.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Deployment> latestDeployment() {
        return deployments(" LIMIT 1").stream().findFirst();
    }

    @Override
    public List<Deployment> deployments() {
        return deployments("");
    }

    private List<Deployment> deployments(String limit) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            List<Deployment> deployments = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, version, deployed_at, deployed_by, kind, comment FROM rule_set_deployment "
                            + "ORDER BY seq DESC" + limit);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    deployments.add(new Deployment(rows.getLong(1), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
            return deployments;
        });
    }

    @Override
    public ShadowRun startShadow(String version, Instant at, String by) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            update(connection, "UPDATE shadow_run SET stopped_at = ? WHERE stopped_at IS NULL", utc(at));
            update(connection, "INSERT INTO shadow_run (version, started_at, started_by) VALUES (?, ?, ?)",
                    version, utc(at), by);
            return runningShadow(connection).orElseThrow();
        });
    }

    @Override
    public boolean stopShadow(Instant at) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection ->
                update(connection, "UPDATE shadow_run SET stopped_at = ? WHERE stopped_at IS NULL", utc(at)) > 0);
    }

    @Override
    public Optional<ShadowRun> runningShadow() {
        return Jdbc.inTransaction(dataSource, FAILURE, JdbcRuleSetStore::runningShadow);
    }

    @Override
    public void recordDifferences(long runId, List<ShadowDifference> differences) {
        Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(vendor.upsert("shadow_difference",
                    List.of("run_id", "decision_id"),
                    List.of("run_id", "decision_id", "live_actions", "shadow_actions", "shadow_rules")))) {
                for (ShadowDifference difference : differences) {
                    insert.setLong(1, runId);
                    insert.setObject(2, UUID.fromString(difference.decisionId()));
                    insert.setString(3, difference.liveActions());
                    insert.setString(4, difference.shadowActions());
                    insert.setString(5, difference.shadowRules());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public long differenceCount(long runId) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM shadow_difference WHERE run_id = ?")) {
                select.setLong(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public List<ShadowDifference> differences(long runId, int limit) {
        return Jdbc.inTransaction(dataSource, FAILURE, connection -> {
            List<ShadowDifference> differences = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT decision_id, live_actions, "
                    + "shadow_actions, shadow_rules FROM shadow_difference WHERE run_id = ? "
                    + "ORDER BY decision_id DESC LIMIT ?")) {
                select.setLong(1, runId);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        differences.add(new ShadowDifference(rows.getObject(1).toString(), rows.getString(2),
                                rows.getString(3), rows.getString(4)));
                    }
                }
            }
            return differences;
        });
    }

    private static Optional<ShadowRun> runningShadow(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, version, started_at, started_by "
                + "FROM shadow_run WHERE stopped_at IS NULL ORDER BY run_id DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new ShadowRun(row.getLong(1), row.getString(2),
                    row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4), null)) : Optional.empty();
        }
    }

    private static Optional<Version> find(Connection connection, String version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, author, created_at, comment, based_on FROM rule_set_version WHERE version = ?")) {
            select.setString(1, version);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(version(row)) : Optional.empty();
            }
        }
    }

    private static Version version(ResultSet row) throws SQLException {
        return new Version(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getString(4), row.getString(5));
    }
}
