package fi.lupaus.console.access;

import java.util.Set;
import java.util.stream.Collectors;

import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authorization.Authorization;

/**
 * Who is calling: a person signed in to the console or a system holding an API token.
 *
 * @param id   {@code user:<name>} or {@code token:<id>}: what the audit log and rate limits key on
 * @param name the username or the token's name
 * @param role what the caller may do
 */
public record Caller(String id, String name, Role role) {

    private static final String PROVIDER = "lupaus-roles";

    /** A Vert.x user carrying this caller and its permissions as authorizations. */
    User toUser() {
        User user = User.fromName(name);
        user.principal().put("caller", id).put("role", role.wireName());
        Set<Authorization> granted = role.permissions().stream()
                .map(Permission::authorization).collect(Collectors.toSet());
        user.authorizations().put(PROVIDER, granted);
        return user;
    }

    /** The caller behind an authenticated Vert.x user. */
    public static Caller of(User user) {
        return new Caller(user.principal().getString("caller"), user.principal().getString("username"),
                Role.fromWireName(user.principal().getString("role")).orElseThrow());
    }
}
