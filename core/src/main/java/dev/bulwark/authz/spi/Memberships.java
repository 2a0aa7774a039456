package dev.bulwark.authz.spi;

import dev.bulwark.authz.Membership;
import java.util.List;
import java.util.Optional;

/**
 * Where users' roles in orgs, the set of existing orgs and users' personal orgs are stored. Implementations:
 * {@link dev.bulwark.authz.InMemoryMemberships} (bounded, thread-safe) and a PostgreSQL one in
 * {@code bulwark-jdbc}.
 *
 * <p>Contract: thread-safe; never returns null; fails closed (a store that cannot answer throws, it never
 * answers "member"). {@link #rolesOf} is on the hot path of every check: return a stored immutable list
 * rather than building one.
 */
public interface Memberships {

    /**
     * The roles the user holds in the org, in the order they were granted.
     *
     * @param userId the user
     * @param orgId the org
     * @return the role names, empty when the user is not a member (or the org does not exist)
     */
    List<String> rolesOf(String userId, String orgId);

    /**
     * @param orgId an org id
     * @return whether the org exists
     */
    boolean orgExists(String orgId);

    /**
     * @param userId a user
     * @return the user's personal org, if any
     */
    Optional<String> personalOrgOf(String userId);

    /**
     * @param orgId an org
     * @return every membership of the org (used by role change rules, e.g. to count owners)
     */
    List<Membership> membersOf(String orgId);
}
