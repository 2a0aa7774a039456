package dev.bulwark.authz;

import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Answers "may this user do this here?" with an explainable {@link Decision}, following the semantics of
 * DESIGN.md exactly (see {@link Policy#decide}): default deny; a resource of another org is always denied
 * ({@code ORG_MISMATCH}) whatever the role; the user's roles in the org come from the {@link Memberships} store.
 *
 * <p>Every denial is recorded as an {@link AuditEvent} (category {@code authz}, action {@code check}, outcome
 * {@code DENIED}, actor = user, org, subject = permission, reason = the decision's reason, attributes
 * {@code role}, {@code grant}, {@code resource_org}, {@code resource_owner}); a failing sink never changes the
 * decision. Allowed checks are not audited and do not allocate.
 *
 * <p>Thread-safe.
 */
public final class Authorizer {

    private static final org.slf4j.Logger AUDIT_FAILURES =
            org.slf4j.LoggerFactory.getLogger("dev.bulwark.audit.failures");

    private final Policy policy;
    private final Memberships memberships;
    private final AuditSink audit;
    private final Clock clock;

    private Authorizer(Builder b) {
        this.policy = b.policy;
        this.memberships = b.memberships != null ? b.memberships : b.policy.membershipStore();
        this.audit = AuditSinks.failSafe(b.audit);
        this.clock = b.clock;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the policy} */
    public Policy policy() {
        return policy;
    }

    /** {@return the membership store consulted by {@link #check(Subject, Permission, Resource)}} */
    public Memberships memberships() {
        return memberships;
    }

    /**
     * Checks a request, reading the user's roles in {@code subject.orgId()} from the membership store.
     *
     * @param subject the user and their current org
     * @param permission a plain request permission ({@link Permission#parseRequest})
     * @param resource the resource's org and owner, or null when there is no specific resource
     * @return the decision, never null
     * @throws InvalidPermissionException when the permission has a wildcard or {@code :own}
     * @throws NullPointerException when subject or permission is null
     */
    public Decision check(Subject subject, Permission permission, Resource resource) {
        Objects.requireNonNull(permission, "permission");
        List<String> roles = memberships.rolesOf(subject.userId(), subject.orgId());
        if (roles == null) {
            roles = List.of(); // a store breaking its contract fails closed: not a member
        }
        Decision d = policy.decide(subject.userId(), subject.orgId(), roles, permission, resource);
        if (!d.allowed()) {
            audit(subject.userId(), subject.orgId(), permission, resource, d);
        }
        return d;
    }

    /**
     * Checks a request for a resolved {@link OrgContext}, whose roles were read (and membership verified) when
     * it was resolved.
     *
     * @param context the request's org context
     * @param permission a plain request permission
     * @param resource the resource's org and owner, or null
     * @return the decision
     * @throws InvalidPermissionException when the permission has a wildcard or {@code :own}
     */
    public Decision check(OrgContext context, Permission permission, Resource resource) {
        Objects.requireNonNull(permission, "permission");
        Decision d = policy.decide(context.userId(), context.orgId(), context.roles(), permission, resource);
        if (!d.allowed()) {
            audit(context.userId(), context.orgId(), permission, resource, d);
        }
        return d;
    }

    /**
     * As {@link #check(Subject, Permission, Resource)}, throwing on denial.
     *
     * @param subject the user and org
     * @param permission the request permission
     * @param resource the resource facts, or null
     * @return the allowed decision
     * @throws AccessDeniedException when denied, carrying the decision and its reason
     */
    public Decision require(Subject subject, Permission permission, Resource resource) {
        Decision d = check(subject, permission, resource);
        if (!d.allowed()) {
            throw denied(subject.userId(), subject.orgId(), permission, d);
        }
        return d;
    }

    /**
     * As {@link #check(OrgContext, Permission, Resource)}, throwing on denial.
     *
     * @param context the request's org context
     * @param permission the request permission
     * @param resource the resource facts, or null
     * @return the allowed decision
     * @throws AccessDeniedException when denied
     */
    public Decision require(OrgContext context, Permission permission, Resource resource) {
        Decision d = check(context, permission, resource);
        if (!d.allowed()) {
            throw denied(context.userId(), context.orgId(), permission, d);
        }
        return d;
    }

    /**
     * A one-line explanation of a denial, as used in {@link AccessDeniedException} and the CLI.
     *
     * @param userId the user
     * @param orgId the org
     * @param permission the permission
     * @param d the denial
     * @return the message
     */
    public static String explain(String userId, String orgId, Permission permission, Decision d) {
        String who = "user " + Permission.quote(userId);
        String where = " in org " + Permission.quote(orgId);
        switch (d.reason()) {
            case ORG_MISMATCH:
                return "the resource belongs to another org than " + Permission.quote(orgId);
            case NOT_A_MEMBER:
                return who + " is not a member of org " + Permission.quote(orgId);
            case EXPLICIT_DENY:
                return who + where + ": role " + Permission.quote(d.role()) + " denies " + permission
                        + " by " + Permission.quote(d.grant());
            case NOT_OWNER:
                return who + where + ": role " + Permission.quote(d.role()) + " grants " + Permission.quote(d.grant())
                        + " only on resources the user owns";
            default:
                return who + where + " has no grant for " + permission + " (role " + Permission.quote(d.role()) + ")";
        }
    }

    private AccessDeniedException denied(String user, String org, Permission p, Decision d) {
        return new AccessDeniedException(d, explain(user, org, p, d));
    }

    private void audit(String user, String org, Permission p, Resource r, Decision d) {
        if (audit == AuditSinks.noop()) {
            return; // the host chose not to audit here: do not even build the event
        }
        try {
            audit.record(AuditEvent.builder("authz", "check")
                    .outcome(AuditOutcome.DENIED)
                    .actor(user)
                    .org(org)
                    .subject(p.toString())
                    .reason(d.reason())
                    .attribute("role", d.role())
                    .attribute("grant", d.grant())
                    .attribute("resource_org", r == null ? null : r.orgId())
                    .attribute("resource_owner", r == null ? null : r.ownerId())
                    .build(clock));
        } catch (RuntimeException e) {
            // an event that cannot be built (e.g. an id shaped like a credential) never changes a decision
            AUDIT_FAILURES.error("authz denial could not be audited: {}", e.toString());
        }
    }

    /** Builds an {@link Authorizer}. Not thread-safe. */
    public static final class Builder {
        private Policy policy;
        private Memberships memberships;
        private AuditSink audit = AuditSinks.slf4j();
        private Clock clock;

        private Builder() {
        }

        /** @param policy the policy (required) @return this */
        public Builder policy(Policy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * @param memberships the membership store (default: a store seeded with the policy's memberships)
         * @return this
         */
        public Builder memberships(Memberships memberships) {
            this.memberships = memberships;
            return this;
        }

        /** @param sink where denials are recorded (default: SLF4J logger {@code dev.bulwark.audit}) @return this */
        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /** @param clock the clock that timestamps audit events (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the authorizer
         * @throws ConfigurationException when the policy, the audit sink or the clock is not set
         */
        public Authorizer build() {
            ConfigurationException.requireSet(policy, "policy");
            ConfigurationException.requireSet(audit, "auditSink");
            ConfigurationException.requireSet(clock, "clock");
            return new Authorizer(this);
        }
    }
}
