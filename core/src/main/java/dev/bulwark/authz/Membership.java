package dev.bulwark.authz;

import java.util.Objects;

/**
 * One role held by one user in one org. A user may hold several roles in one org; their effective entries are
 * the union.
 *
 * @param userId the user id
 * @param orgId the org id
 * @param role the role's name
 */
public record Membership(String userId, String orgId, String role) {

    /** @throws NullPointerException when a field is null */
    public Membership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(role, "role");
    }
}
