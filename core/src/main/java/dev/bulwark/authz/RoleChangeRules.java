package dev.bulwark.authz;

import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.ConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may grant, change and remove which roles in an org. Pure: it reads the store and returns a
 * {@link RoleChangeDecision}; the host applies an allowed change.
 *
 * <p>Rules, checked in this order (each refusal has its own reason code):
 * <ol>
 *   <li>the actor must be a member ({@link AuthzReason#NOT_A_MEMBER}) and, except to leave, hold the
 *       member-management permission ({@link AuthzReason#MANAGE_NOT_PERMITTED}; default {@code members.edit});</li>
 *   <li>the owner role is never granted, changed or removed by {@link #assign}/{@link #remove}: ownership
 *       moves only by {@link #transferOwnership} ({@link AuthzReason#OWNER_PROTECTED});</li>
 *   <li>nobody grants a role above their own level ({@link AuthzReason#ROLE_ABOVE_OWN_LEVEL}); a user's level is
 *       the highest level among their roles in the org;</li>
 *   <li>only an owner changes or removes another member whose level is at or above their own: an Admin cannot
 *       change another Admin ({@link AuthzReason#TARGET_AT_OR_ABOVE_OWN_LEVEL});</li>
 *   <li>the last owner cannot leave ({@link AuthzReason#LAST_OWNER}).</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class RoleChangeRules {

    private final Policy policy;
    private final String ownerRole;
    private final Permission manage;

    private RoleChangeRules(Policy policy, String ownerRole, Permission manage) {
        this.policy = policy;
        this.ownerRole = ownerRole;
        this.manage = manage;
    }

    /**
     * @param policy the policy whose roles and levels apply
     * @return a builder
     */
    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    /**
     * May {@code actor} set {@code target}'s role in {@code org} to exactly {@code newRole} (adding the target
     * as a member when not one yet, or replacing their roles)?
     *
     * @param actor the user making the change
     * @param org the org
     * @param target the user whose role changes (may be the actor)
     * @param newRole the role to give
     * @param store the membership store
     * @return the decision
     */
    public RoleChangeDecision assign(String actor, String org, String target, String newRole, Memberships store) {
        if (policy.role(newRole).isEmpty()) {
            return RoleChangeDecision.refuse(AuthzReason.UNKNOWN_ROLE, "role " + Permission.quote(newRole)
                    + " is not defined");
        }
        List<String> actorRoles = store.rolesOf(actor, org);
        RoleChangeDecision base = canManage(actor, org, actorRoles);
        if (base != null) {
            return base;
        }
        List<String> targetRoles = store.rolesOf(target, org);
        if (ownerRole != null && newRole.equals(ownerRole)) {
            return RoleChangeDecision.refuse(AuthzReason.OWNER_PROTECTED,
                    "the owner role is only given by an ownership transfer");
        }
        if (isOwner(targetRoles)) {
            return RoleChangeDecision.refuse(AuthzReason.OWNER_PROTECTED,
                    "the owner cannot be demoted or changed; transfer ownership first");
        }
        int actorLevel = policy.maxLevel(actorRoles);
        int newLevel = policy.role(newRole).get().level();
        if (newLevel > actorLevel) {
            return RoleChangeDecision.refuse(AuthzReason.ROLE_ABOVE_OWN_LEVEL, "role " + Permission.quote(newRole)
                    + " (level " + newLevel + ") is above the actor's level " + actorLevel);
        }
        if (!actor.equals(target) && !targetRoles.isEmpty() && !isOwner(actorRoles)
                && policy.maxLevel(targetRoles) >= actorLevel) {
            return RoleChangeDecision.refuse(AuthzReason.TARGET_AT_OR_ABOVE_OWN_LEVEL,
                    "only an owner can change a member whose level is at or above the actor's");
        }
        return RoleChangeDecision.ALLOWED;
    }

    /**
     * May {@code actor} remove {@code target} from {@code org}? When they are the same user this is leaving,
     * which needs no permission but is refused for the last owner.
     *
     * @param actor the user making the change
     * @param org the org
     * @param target the member to remove
     * @param store the membership store
     * @return the decision
     */
    public RoleChangeDecision remove(String actor, String org, String target, Memberships store) {
        List<String> actorRoles = store.rolesOf(actor, org);
        if (actorRoles.isEmpty()) {
            return notMember(actor, org);
        }
        List<String> targetRoles = store.rolesOf(target, org);
        if (targetRoles.isEmpty()) {
            return notMember(target, org);
        }
        if (actor.equals(target)) {
            if (isOwner(actorRoles) && ownerCount(org, store) <= 1) {
                return RoleChangeDecision.refuse(AuthzReason.LAST_OWNER,
                        "the last owner cannot leave the organization; transfer ownership first");
            }
            return RoleChangeDecision.ALLOWED;
        }
        RoleChangeDecision base = canManage(actor, org, actorRoles);
        if (base != null) {
            return base;
        }
        if (isOwner(targetRoles)) {
            return RoleChangeDecision.refuse(AuthzReason.OWNER_PROTECTED, "the owner cannot be removed");
        }
        if (!isOwner(actorRoles) && policy.maxLevel(targetRoles) >= policy.maxLevel(actorRoles)) {
            return RoleChangeDecision.refuse(AuthzReason.TARGET_AT_OR_ABOVE_OWN_LEVEL,
                    "only an owner can remove a member whose level is at or above the actor's");
        }
        return RoleChangeDecision.ALLOWED;
    }

    /**
     * May {@code actor} transfer ownership of {@code org} to {@code newOwner}? Only an owner may, and only to
     * a current member. (Applying it: give {@code newOwner} the owner role, then change the actor's role.)
     *
     * @param actor the current owner
     * @param org the org
     * @param newOwner the member who becomes owner
     * @param store the membership store
     * @return the decision
     */
    public RoleChangeDecision transferOwnership(String actor, String org, String newOwner, Memberships store) {
        if (ownerRole == null) {
            return RoleChangeDecision.refuse(AuthzReason.NOT_AN_OWNER, "these rules define no owner role");
        }
        List<String> actorRoles = store.rolesOf(actor, org);
        if (actorRoles.isEmpty()) {
            return notMember(actor, org);
        }
        if (!isOwner(actorRoles)) {
            return RoleChangeDecision.refuse(AuthzReason.NOT_AN_OWNER, "only an owner can transfer ownership");
        }
        if (store.rolesOf(newOwner, org).isEmpty()) {
            return notMember(newOwner, org);
        }
        return RoleChangeDecision.ALLOWED;
    }

    private RoleChangeDecision canManage(String actor, String org, List<String> actorRoles) {
        if (actorRoles.isEmpty()) {
            return notMember(actor, org);
        }
        if (!policy.decide(actor, org, actorRoles, manage, null).allowed()) {
            return RoleChangeDecision.refuse(AuthzReason.MANAGE_NOT_PERMITTED, "user " + Permission.quote(actor)
                    + " lacks " + manage + " in org " + Permission.quote(org));
        }
        return null;
    }

    private static RoleChangeDecision notMember(String user, String org) {
        return RoleChangeDecision.refuse(AuthzReason.NOT_A_MEMBER, "user " + Permission.quote(user)
                + " is not a member of org " + Permission.quote(org));
    }

    private boolean isOwner(List<String> roles) {
        return ownerRole != null && roles.contains(ownerRole);
    }

    private int ownerCount(String org, Memberships store) {
        Set<String> owners = new HashSet<>();
        for (Membership m : store.membersOf(org)) {
            if (m.role().equals(ownerRole)) {
                owners.add(m.userId());
            }
        }
        return owners.size();
    }

    /** Builds {@link RoleChangeRules}. Not thread-safe. */
    public static final class Builder {
        private final Policy policy;
        private String ownerRole;
        private String managePermission = "members.edit";

        private Builder(Policy policy) {
            this.policy = policy;
        }

        /** @param role the owner role's name (optional; without it there are no owner protections) @return this */
        public Builder ownerRole(String role) {
            this.ownerRole = role;
            return this;
        }

        /** @param permission the permission that lets a member manage others (default {@code members.edit}) @return this */
        public Builder managePermission(String permission) {
            this.managePermission = permission;
            return this;
        }

        /**
         * @return the rules
         * @throws ConfigurationException when the policy is missing, the owner role is not defined by it, or the
         *     manage permission is not a plain permission
         */
        public RoleChangeRules build() {
            ConfigurationException.requireSet(policy, "policy");
            ConfigurationException.check(ownerRole == null || policy.role(ownerRole).isPresent(),
                    "ownerRole " + Permission.quote(ownerRole) + " is not defined by the policy");
            Permission p;
            try {
                p = Permission.parseRequest(managePermission);
            } catch (InvalidPermissionException e) {
                throw new ConfigurationException("managePermission: " + e.getMessage());
            }
            return new RoleChangeRules(policy, ownerRole, p);
        }
    }
}
