package dev.bulwark.authz;

import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe in-memory {@link Memberships}: the zero-setup default and the store behind policy
 * documents' {@code memberships}.
 *
 * <p>Reads are lock-free and allocation-free (immutable role lists are stored and returned as they are);
 * writes are serialised. The store holds at most {@code maxMemberships} (user, org, role) triples (and as
 * many personal-org assignments) and {@code maxOrgs} orgs; a write beyond either bound throws {@link AuthzException} with
 * {@link AuthzReason#STORE_FULL} and changes nothing.
 */
public final class InMemoryMemberships implements Memberships {

    /** Default bound on memberships. */
    public static final int DEFAULT_MAX_MEMBERSHIPS = 1_000_000;
    /** Default bound on orgs. */
    public static final int DEFAULT_MAX_ORGS = 100_000;

    private final int maxMemberships;
    private final int maxOrgs;
    /** org -> (user -> roles, immutable). */
    private final Map<String, Map<String, List<String>>> byOrg = new ConcurrentHashMap<>();
    private final Map<String, String> personalOrgs = new ConcurrentHashMap<>();
    private int size;

    private InMemoryMemberships(int maxMemberships, int maxOrgs) {
        this.maxMemberships = maxMemberships;
        this.maxOrgs = maxOrgs;
    }

    /** {@return an empty store with the default bounds} */
    public static InMemoryMemberships create() {
        return new InMemoryMemberships(DEFAULT_MAX_MEMBERSHIPS, DEFAULT_MAX_ORGS);
    }

    /**
     * @param maxMemberships the most (user, org, role) triples held, at least 1
     * @param maxOrgs the most orgs held, at least 1
     * @return an empty store
     * @throws ConfigurationException when a bound is below 1
     */
    public static InMemoryMemberships create(int maxMemberships, int maxOrgs) {
        ConfigurationException.check(maxMemberships >= 1, "maxMemberships must be at least 1, was " + maxMemberships);
        ConfigurationException.check(maxOrgs >= 1, "maxOrgs must be at least 1, was " + maxOrgs);
        return new InMemoryMemberships(maxMemberships, maxOrgs);
    }

    /**
     * Registers an org (idempotent).
     *
     * @param orgId the org
     * @return this
     * @throws AuthzException {@link AuthzReason#STORE_FULL} when the org bound is reached
     */
    public synchronized InMemoryMemberships addOrg(String orgId) {
        requireId(orgId, "orgId");
        if (!byOrg.containsKey(orgId)) {
            if (byOrg.size() >= maxOrgs) {
                throw new AuthzException(AuthzReason.STORE_FULL, "membership store holds the maximum of "
                        + maxOrgs + " orgs");
            }
            byOrg.put(orgId, new ConcurrentHashMap<>());
        }
        return this;
    }

    /**
     * Grants a role to a user in an org (registering the org if needed; idempotent).
     *
     * @param userId the user
     * @param orgId the org
     * @param role the role's name
     * @return this
     * @throws AuthzException {@link AuthzReason#STORE_FULL} when a bound is reached
     */
    public synchronized InMemoryMemberships add(String userId, String orgId, String role) {
        requireId(userId, "userId");
        requireId(role, "role");
        addOrg(orgId);
        Map<String, List<String>> users = byOrg.get(orgId);
        List<String> roles = users.getOrDefault(userId, List.of());
        if (roles.contains(role)) {
            return this;
        }
        if (size >= maxMemberships) {
            throw new AuthzException(AuthzReason.STORE_FULL, "membership store holds the maximum of "
                    + maxMemberships + " memberships");
        }
        List<String> next = new ArrayList<>(roles);
        next.add(role);
        users.put(userId, List.copyOf(next));
        size++;
        return this;
    }

    /**
     * Removes one role of a user in an org (no-op when not held).
     *
     * @param userId the user
     * @param orgId the org
     * @param role the role
     * @return this
     */
    public synchronized InMemoryMemberships remove(String userId, String orgId, String role) {
        Map<String, List<String>> users = byOrg.get(orgId);
        if (users == null) {
            return this;
        }
        List<String> roles = users.get(userId);
        if (roles == null || !roles.contains(role)) {
            return this;
        }
        List<String> next = new ArrayList<>(roles);
        next.remove(role);
        if (next.isEmpty()) {
            users.remove(userId);
        } else {
            users.put(userId, List.copyOf(next));
        }
        size--;
        return this;
    }

    /**
     * Replaces every role of a user in an org with one role.
     *
     * @param userId the user
     * @param orgId the org
     * @param role the new role
     * @return this
     */
    public synchronized InMemoryMemberships setRole(String userId, String orgId, String role) {
        removeMember(userId, orgId);
        return add(userId, orgId, role);
    }

    /**
     * Removes a user from an org (every role).
     *
     * @param userId the user
     * @param orgId the org
     * @return this
     */
    public synchronized InMemoryMemberships removeMember(String userId, String orgId) {
        Map<String, List<String>> users = byOrg.get(orgId);
        if (users != null) {
            List<String> old = users.remove(userId);
            if (old != null) {
                size -= old.size();
            }
        }
        return this;
    }

    /**
     * Sets a user's personal org (registering it as an org).
     *
     * @param userId the user
     * @param orgId the personal org
     * @return this
     */
    public synchronized InMemoryMemberships personalOrg(String userId, String orgId) {
        requireId(userId, "userId");
        if (!personalOrgs.containsKey(userId) && personalOrgs.size() >= maxMemberships) {
            throw new AuthzException(AuthzReason.STORE_FULL, "membership store holds the maximum of "
                    + maxMemberships + " personal orgs");
        }
        addOrg(orgId);
        personalOrgs.put(userId, orgId);
        return this;
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new AuthzException(AuthzReason.INVALID_MEMBERSHIP, what + " must be a non-empty string");
        }
    }

    @Override
    public List<String> rolesOf(String userId, String orgId) {
        if (userId == null || orgId == null) {
            return List.of();
        }
        Map<String, List<String>> users = byOrg.get(orgId);
        if (users == null) {
            return List.of();
        }
        List<String> roles = users.get(userId);
        return roles == null ? List.of() : roles;
    }

    @Override
    public boolean orgExists(String orgId) {
        return orgId != null && byOrg.containsKey(orgId);
    }

    @Override
    public Optional<String> personalOrgOf(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(personalOrgs.get(userId));
    }

    @Override
    public List<Membership> membersOf(String orgId) {
        Map<String, List<String>> users = orgId == null ? null : byOrg.get(orgId);
        if (users == null) {
            return List.of();
        }
        List<Membership> out = new ArrayList<>();
        users.forEach((u, roles) -> roles.forEach(r -> out.add(new Membership(u, orgId, r))));
        return List.copyOf(out);
    }

    /** {@return the number of (user, org, role) triples held} */
    public synchronized int size() {
        return size;
    }
}
