package fi.lupaus.console.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles of Lupaus and what each may do. Backend systems hold ingest tokens; people hold
 * the other roles. The admin may do everything, so that a bootstrap admin token can set up a
 * server and call it at once.
 */
public enum Role {
    INGEST(EnumSet.of(Permission.FEEDBACK_POST)),
    CX_MANAGER(EnumSet.of(Permission.DECISIONS_READ, Permission.RULES_BACKTEST, Permission.RULES_READ,
            Permission.RULES_EDIT, Permission.RULES_DEPLOY, Permission.CASES_READ, Permission.CASES_WORK,
            Permission.METRICS_READ)),
    AUDITOR(EnumSet.of(Permission.DECISIONS_READ, Permission.AUDIT_READ, Permission.AUDIT_VERIFY,
            Permission.RULES_BACKTEST, Permission.RULES_READ, Permission.CASES_READ, Permission.METRICS_READ,
            Permission.PLUGINS_READ, Permission.OUTBOX_READ)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The role's name on the wire: ingest, cx-manager, auditor, admin. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }

    static String wireNames() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
