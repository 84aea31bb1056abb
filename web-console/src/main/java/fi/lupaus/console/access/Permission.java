package fi.lupaus.console.access;

import io.vertx.ext.auth.authorization.PermissionBasedAuthorization;
import io.vertx.ext.web.handler.AuthorizationHandler;

/** What a caller may do. Routes require one; roles grant a set of them. */
public enum Permission {
    /** Post feedback to be decided. */
    FEEDBACK_POST("feedback:post"),
    /** Read decisions and their feedback. */
    DECISIONS_READ("decisions:read"),
    /** Read the audit log of changes. */
    AUDIT_READ("audit:read"),
    /** Replay decisions and verify the log. */
    AUDIT_VERIFY("audit:verify"),
    /** See what a rule set would have decided for recorded feedback. */
    RULES_BACKTEST("rules:backtest"),
    /** Erase a customer's personal data. */
    CUSTOMERS_ERASE("customers:erase"),
    /** Read rule sets, drafts, deploys and test scenarios. */
    RULES_READ("rules:read"),
    /** Validate, test and save draft rule sets and their scenarios. */
    RULES_EDIT("rules:edit"),
    /** Deploy a rule set or roll back to an earlier one. */
    RULES_DEPLOY("rules:deploy"),
    /** Read promises, cases and their history. */
    CASES_READ("cases:read"),
    /** Acknowledge, resolve and reassign cases. */
    CASES_WORK("cases:work"),
    /** Read the promise scoreboard: NPS, CSI and kept-rates. */
    METRICS_READ("metrics:read"),
    /** See the installed plugins, their contributions and state. */
    PLUGINS_READ("plugins:read"),
    /** See the outbox: deliveries pending, delivered and dead. */
    OUTBOX_READ("outbox:read"),
    /** Send dead deliveries round again. */
    OUTBOX_MANAGE("outbox:manage"),
    /** Import feedback from files (CSV). */
    FEEDBACK_IMPORT("feedback:import"),
    /** Manage users and API tokens. */
    ACCESS_MANAGE("access:manage");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    PermissionBasedAuthorization authorization() {
        return PermissionBasedAuthorization.create(id);
    }

    /** A handler that lets through only callers holding this permission; the rest get 403. */
    public AuthorizationHandler required() {
        return AuthorizationHandler.create(authorization());
    }
}
