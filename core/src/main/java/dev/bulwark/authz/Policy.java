package dev.bulwark.authz;

import dev.bulwark.authz.internal.Cell;
import dev.bulwark.authz.internal.CompiledRole;
import dev.bulwark.authz.internal.PolicyDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization policy: roles (with levels, grants, denies and inheritance) and, optionally, the
 * memberships a policy document lists. Built from Java ({@link #builder()}) or from the JSON/YAML document of
 * DESIGN.md ({@link #fromJson}, {@link #fromYaml}, {@link #load}); both produce the same model.
 *
 * <p>Validated and compiled at build time: malformed permissions, duplicate roles, unknown roles in
 * {@code inherits} or memberships and inheritance cycles throw {@link InvalidPolicyException} naming the entry.
 * Each role's effective entries (its own plus every inherited role's, transitively, any depth) are indexed so
 * that {@link #decide} is a handful of hash lookups with no regex and no allocation.
 *
 * <p>Immutable and thread-safe.
 */
public final class Policy {

    private final Map<String, Role> roles;
    private final List<Membership> memberships;
    private final Map<String, CompiledRole> compiled;
    private final Map<String, List<Permission>> effectiveGrants;
    private final Map<String, List<Permission>> effectiveDenies;
    private final Map<String, RequestSlot> slots;
    private final RequestSlot noSlot;

    private Policy(Map<String, Role> roles, List<Membership> memberships,
            Map<String, List<Permission>> effGrants, Map<String, List<Permission>> effDenies) {
        this.roles = Collections.unmodifiableMap(roles);
        this.memberships = List.copyOf(memberships);
        this.effectiveGrants = Collections.unmodifiableMap(effGrants);
        this.effectiveDenies = Collections.unmodifiableMap(effDenies);
        Map<String, CompiledRole> c = new HashMap<>();
        for (Role r : roles.values()) {
            c.put(r.name(), new CompiledRole(r.name(), r.level(), effGrants.get(r.name()), effDenies.get(r.name())));
        }
        this.compiled = c;
        // each distinct exact request text held by some role gets a dense id; every role indexes its exact
        // cells by id, each holding the role's whole decision for that request when held alone (owner or not),
        // computed by the general evaluation itself
        Map<String, RequestSlot> sl = new HashMap<>();
        for (Role r : roles.values()) {
            CompiledRole cr = c.get(r.name());
            cr.indexExact((res, act, cell) -> {
                cell.decideAlone(scan(null, cr, res, act, false), scan(null, cr, res, act, true));
                return sl.computeIfAbsent(res + "." + act, k -> new RequestSlot(this, sl.size())).id;
            });
        }
        this.slots = sl;
        this.noSlot = new RequestSlot(this, -1);
    }

    /** {@return a builder for a policy defined in Java} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a policy document (DESIGN.md shape) from JSON.
     *
     * @param json the document
     * @return the policy
     * @throws InvalidPolicyException when the document is malformed or the policy invalid; the message names
     *     the offending entry
     */
    public static Policy fromJson(String json) {
        return PolicyDocuments.parseJson(json);
    }

    /**
     * Loads a JSON policy document from a stream (read fully, not closed).
     *
     * @param in the document
     * @return the policy
     * @throws InvalidPolicyException as {@link #fromJson(String)}
     */
    public static Policy fromJson(InputStream in) {
        return PolicyDocuments.parseJson(in);
    }

    /**
     * Loads a policy document from YAML (requires the optional {@code jackson-dataformat-yaml} dependency).
     *
     * @param yaml the document
     * @return the policy
     * @throws InvalidPolicyException as {@link #fromJson(String)}, or when YAML support is absent
     */
    public static Policy fromYaml(String yaml) {
        return PolicyDocuments.parseYaml(yaml);
    }

    /**
     * Loads a policy file: YAML when its name ends in {@code .yaml} or {@code .yml}, JSON otherwise.
     *
     * @param file the file
     * @return the policy
     * @throws IOException when the file cannot be read
     * @throws InvalidPolicyException when it is not a valid policy
     */
    public static Policy load(Path file) throws IOException {
        String text = Files.readString(file);
        String n = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") ? fromYaml(text) : fromJson(text);
    }

    /** {@return the roles, in definition order} */
    public List<Role> roles() {
        return List.copyOf(roles.values());
    }

    /**
     * @param name a role name
     * @return the role, if defined
     */
    public Optional<Role> role(String name) {
        return Optional.ofNullable(name == null ? null : roles.get(name));
    }

    /** {@return the memberships the document (or builder) listed, in order} */
    public List<Membership> memberships() {
        return memberships;
    }

    /**
     * A new, independent in-memory store seeded with this policy's {@link #memberships()}.
     *
     * @return the store
     */
    public InMemoryMemberships membershipStore() {
        InMemoryMemberships m = InMemoryMemberships.create();
        for (Membership ms : memberships) {
            m.add(ms.userId(), ms.orgId(), ms.role());
        }
        return m;
    }

    /**
     * @param role a role name
     * @return its effective grants (own, then inherited), or empty when the role is unknown
     */
    public List<Permission> effectiveGrants(String role) {
        return effectiveGrants.getOrDefault(role, List.of());
    }

    /**
     * @param role a role name
     * @return its effective denies (own, then inherited), or empty when the role is unknown
     */
    public List<Permission> effectiveDenies(String role) {
        return effectiveDenies.getOrDefault(role, List.of());
    }

    /**
     * The highest level among the named roles (unknown names are ignored).
     *
     * @param roleNames role names
     * @return the highest level, or -1 when none is a defined role
     */
    public int maxLevel(List<String> roleNames) {
        int max = -1;
        for (int i = 0; i < roleNames.size(); i++) {
            CompiledRole c = compiled.get(roleNames.get(i));
            if (c != null && c.level() > max) {
                max = c.level();
            }
        }
        return max;
    }

    /**
     * The decision semantics of DESIGN.md, for a user whose roles in the org are already known. In order:
     * resource org given and different from {@code orgId} → {@code ORG_MISMATCH}; no role → {@code NOT_A_MEMBER};
     * an applying deny → {@code EXPLICIT_DENY}; an applying grant → allow; a matching {@code :own} grant that
     * does not apply → {@code NOT_OWNER}; otherwise {@code NO_GRANT}. An entry applies when it matches and, if
     * it is {@code :own}, the resource's owner is given and equals the user. Roles not defined by this policy
     * grant nothing.
     *
     * <p>Allocation-free; does not audit (see {@link Authorizer}).
     *
     * @param userId the user
     * @param orgId the subject's current org
     * @param roleNames the user's roles in {@code orgId} (empty: not a member)
     * @param request a plain request permission
     * @param resource the resource facts, or null
     * @return the decision
     * @throws InvalidPermissionException when {@code request} has a wildcard or {@code :own}
     * @throws NullPointerException when userId, orgId, roleNames or request is null
     */
    public Decision decide(String userId, String orgId, List<String> roleNames, Permission request,
            Resource resource) {
        if (!request.isPlain()) {
            request.requirePlain();
        }
        if (resource != null && resource.orgId() != null && !resource.orgId().equals(orgId)) {
            return Decision.ORG_MISMATCH;
        }
        int n = roleNames.size();
        if (n == 1) {
            // fast path, allowed or denied alike, one hash lookup (the role's): the request's dense id in this
            // policy is memoised on the Permission; the role's cell for that id holds its pre-computed decision;
            // a role without such a cell and without wildcard entries can only decide NO_GRANT (shared instance)
            CompiledRole only = compiled.get(roleNames.get(0));
            if (only != null) {
                Decision d = precomputed(only, request, isOwner(userId, resource));
                if (d != null) {
                    return d;
                }
            }
        } else if (n == 0) {
            return Decision.NOT_A_MEMBER;
        }
        return scan(roleNames, null, request.resource(), request.action(), isOwner(userId, resource));
    }

    /**
     * Resolves a role once, for checking many permissions against it without a lookup by name each time (see
     * {@link RoleCheck}). A role the policy does not define gives a check that denies everything, as
     * {@link #decide} does for it.
     *
     * @param roleName the role's name
     * @return the check
     * @throws NullPointerException when {@code roleName} is null
     */
    public RoleCheck roleCheck(String roleName) {
        java.util.Objects.requireNonNull(roleName, "roleName");
        return new RoleCheck(this, roleName, compiled.get(roleName));
    }

    /**
     * The decision {@code role} alone gives a plain {@code request}, when it was computed at build time: the
     * role's cell for the request, or NO_GRANT for a role without wildcard entries; null when only the general
     * evaluation can tell. Used by {@link #decide} and {@link RoleCheck}.
     */
    Decision precomputed(CompiledRole role, Permission request, boolean owner) {
        RequestSlot slot = request.slot;
        if (slot == null || slot.policy != this) {
            slot = slotOf(request);
        }
        Cell c = role.exactCell(slot.id);
        if (c != null) {
            return owner ? c.aloneOwner : c.alone;
        }
        return role.exactOnly() ? role.noGrant() : null;
    }

    /** The request's slot in this policy, memoised on the request (a benign race: slots are immutable). */
    private RequestSlot slotOf(Permission request) {
        RequestSlot slot = slots.getOrDefault(request.toString(), noSlot);
        request.slot = slot;
        return slot;
    }

    /**
     * One request text ({@code resource.action}) of a policy: its dense id among the texts some role's entry
     * names exactly (-1: none does). Immutable; kept on a {@link Permission} as a memo of its last lookup.
     */
    static final class RequestSlot {
        final Policy policy;
        final int id;

        RequestSlot(Policy policy, int id) {
            this.policy = policy;
            this.id = id;
        }
    }

    private static boolean isOwner(String userId, Resource resource) {
        return resource != null && resource.ownerId() != null && resource.ownerId().equals(userId);
    }

    /**
     * The general evaluation: the (up to four) cells matching {@code (res, act)} of every held role, in
     * membership order and specificity order. Used for several roles, for requests a single role's
     * pre-computed decisions do not cover, and to pre-compute those decisions ({@code single} non-null: that
     * role alone, {@code roleNames} ignored).
     */
    private Decision scan(List<String> roleNames, CompiledRole single, String res, String act, boolean owner) {
        int n = single != null ? 1 : roleNames.size();
        Decision deny = null;
        Decision grant = null;
        Decision notOwner = null;
        CompiledRole first = null;
        for (int i = 0; i < n; i++) {
            CompiledRole cr = single != null ? single : compiled.get(roleNames.get(i));
            if (cr == null) {
                continue;
            }
            if (first == null) {
                first = cr;
            }
            Map<String, Cell> row = cr.row(res);
            Map<String, Cell> star = cr.starRow();
            for (int k = 0; k < 4; k++) {
                Cell c;
                if (k < 2) {
                    c = row == null ? null : row.get(k == 0 ? act : Permission.WILDCARD);
                } else {
                    c = star == null ? null : star.get(k == 2 ? act : Permission.WILDCARD);
                }
                if (c == null) {
                    continue;
                }
                if (deny == null) {
                    deny = c.denyAny != null ? c.denyAny : owner ? c.denyOwn : null;
                }
                if (grant == null) {
                    grant = c.grantAny != null ? c.grantAny : owner ? c.grantOwn : null;
                }
                if (notOwner == null && !owner) {
                    notOwner = c.notOwner;
                }
            }
        }
        if (deny != null) {
            return deny;
        }
        if (grant != null) {
            return grant;
        }
        if (notOwner != null) {
            return notOwner;
        }
        return first != null ? first.noGrant() : new Decision(false, AuthzReason.NO_GRANT, roleNames.get(0), null);
    }

    @Override
    public String toString() {
        return "Policy[roles=" + roles.keySet() + ", memberships=" + memberships.size() + "]";
    }

    /** Builds a {@link Policy}; {@link #build()} validates and compiles. Not thread-safe. */
    public static final class Builder {
        private final List<Role> roles = new ArrayList<>();
        private final List<Membership> memberships = new ArrayList<>();

        private Builder() {
        }

        /** @param role a role @return this */
        public Builder role(Role role) {
            roles.add(java.util.Objects.requireNonNull(role, "role"));
            return this;
        }

        /**
         * Adds a membership (the document's {@code memberships} entries).
         *
         * @param userId the user
         * @param orgId the org
         * @param role the role's name (must be defined at build)
         * @return this
         * @throws InvalidPolicyException ({@link AuthzReason#INVALID_MEMBERSHIP}) for empty ids
         */
        public Builder membership(String userId, String orgId, String role) {
            if (userId == null || userId.isEmpty() || orgId == null || orgId.isEmpty() || role == null) {
                throw new InvalidPolicyException(AuthzReason.INVALID_MEMBERSHIP,
                        "membership " + memberships.size() + ": user, org and role must be non-empty strings");
            }
            memberships.add(new Membership(userId, orgId, role));
            return this;
        }

        /**
         * Validates and compiles.
         *
         * @return the policy
         * @throws InvalidPolicyException with {@link AuthzReason#DUPLICATE_ROLE}, {@link AuthzReason#UNKNOWN_ROLE}
         *     or {@link AuthzReason#INHERITANCE_CYCLE}, naming the role
         */
        public Policy build() {
            Map<String, Role> byName = new LinkedHashMap<>();
            for (Role r : roles) {
                if (byName.putIfAbsent(r.name(), r) != null) {
                    throw new InvalidPolicyException(AuthzReason.DUPLICATE_ROLE,
                            "role " + Permission.quote(r.name()) + " is defined twice");
                }
            }
            for (Role r : byName.values()) {
                for (String parent : r.inherits()) {
                    if (!byName.containsKey(parent)) {
                        throw new InvalidPolicyException(AuthzReason.UNKNOWN_ROLE, "role " + Permission.quote(r.name())
                                + " inherits " + Permission.quote(parent) + ", which is not defined");
                    }
                }
            }
            for (int i = 0; i < memberships.size(); i++) {
                Membership m = memberships.get(i);
                if (!byName.containsKey(m.role())) {
                    throw new InvalidPolicyException(AuthzReason.UNKNOWN_ROLE, "membership " + i + " (user "
                            + Permission.quote(m.userId()) + ", org " + Permission.quote(m.orgId()) + "): role "
                            + Permission.quote(m.role()) + " is not defined");
                }
            }
            checkAcyclic(byName);
            Map<String, List<Permission>> grants = new HashMap<>();
            Map<String, List<Permission>> denies = new HashMap<>();
            effectiveEntries(byName, grants, denies);
            return new Policy(byName, memberships, grants, denies);
        }

        /**
         * Every role's effective grants and denies: its own entries, then those of each role it inherits, in
         * declaration order. Computed once per role in post-order (parents before children) and reused, so the
         * work is proportional to the size of the result, not roles x depth. The graph is already known to be
         * acyclic. (Order within a list does not change decisions: at most one entry per specificity class can
         * match a plain request, and duplicates are removed.)
         */
        private static void effectiveEntries(Map<String, Role> byName, Map<String, List<Permission>> grants,
                Map<String, List<Permission>> denies) {
            for (String start : byName.keySet()) {
                if (grants.containsKey(start)) {
                    continue;
                }
                Deque<String> stack = new ArrayDeque<>();
                Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
                stack.push(start);
                its.push(byName.get(start).inherits().iterator());
                while (!stack.isEmpty()) {
                    java.util.Iterator<String> it = its.peek();
                    if (it.hasNext()) {
                        String parent = it.next();
                        if (!grants.containsKey(parent)) {
                            stack.push(parent);
                            its.push(byName.get(parent).inherits().iterator());
                        }
                        continue;
                    }
                    its.pop();
                    Role r = byName.get(stack.pop());
                    Set<Permission> g = new LinkedHashSet<>(r.grants());
                    Set<Permission> d = new LinkedHashSet<>(r.denies());
                    for (String parent : r.inherits()) {
                        g.addAll(grants.get(parent));
                        d.addAll(denies.get(parent));
                    }
                    grants.put(r.name(), List.copyOf(g));
                    denies.put(r.name(), List.copyOf(d));
                }
            }
        }

        private static void checkAcyclic(Map<String, Role> byName) {
            Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
            for (String start : byName.keySet()) {
                if (state.containsKey(start)) {
                    continue;
                }
                // iterative DFS keeping the path for the message
                Deque<String> path = new ArrayDeque<>();
                Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
                path.push(start);
                its.push(byName.get(start).inherits().iterator());
                state.put(start, 1);
                while (!its.isEmpty()) {
                    java.util.Iterator<String> it = its.peek();
                    if (it.hasNext()) {
                        String next = it.next();
                        Integer s = state.get(next);
                        if (s == null) {
                            state.put(next, 1);
                            path.push(next);
                            its.push(byName.get(next).inherits().iterator());
                        } else if (s == 1) {
                            List<String> cycle = new ArrayList<>();
                            List<String> stack = new ArrayList<>(path);
                            Collections.reverse(stack);
                            cycle.addAll(stack.subList(stack.indexOf(next), stack.size()));
                            cycle.add(next);
                            throw new InvalidPolicyException(AuthzReason.INHERITANCE_CYCLE,
                                    "role inheritance cycle: " + String.join(" -> ", cycle));
                        }
                    } else {
                        its.pop();
                        state.put(path.pop(), 2);
                    }
                }
            }
        }
    }
}
