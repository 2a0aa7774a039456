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
import java.util.Optional;

/**
 * Resolves a request's org and verifies membership.
 *
 * <p>The org is (1) the API key's org when the principal authenticated with an org-scoped key, else (2) the
 * {@code X-Org-Id} header (web sessions switch orgs with it), else (3) the user's personal org. A header can
 * never widen what an API key is bound to: a header naming another org than the key's is refused
 * ({@link AuthzReason#API_KEY_ORG_MISMATCH}, 403), and the key's org is used otherwise. Then: an org the
 * store does not know → {@link AuthzReason#UNKNOWN_ORG} (404, "Organization not found"); a user with no role
 * there → {@link AuthzReason#NOT_A_MEMBER} (403, "Not a member of this organization"). A header value that is
 * empty or not a well-formed id (1 to 128 printable ASCII characters, no spaces) → {@link AuthzReason#MALFORMED_ORG_ID}
 * (400); nothing at all to go on → {@link AuthzReason#NO_ORG_CONTEXT} (400).
 *
 * <p>Every refusal is audited (category {@code authz}, action {@code resolve_org}, outcome {@code DENIED}).
 * Thread-safe.
 */
public final class OrgContextResolver {

    /** The header web sessions use to choose their current org. */
    public static final String ORG_HEADER = "X-Org-Id";
    private static final int MAX_ORG_ID = 128;

    private final Memberships memberships;
    private final AuditSink audit;
    private final Clock clock;

    private OrgContextResolver(Memberships memberships, AuditSink audit, Clock clock) {
        this.memberships = memberships;
        this.audit = AuditSinks.failSafe(audit);
        this.clock = clock;
    }

    /**
     * @param memberships the membership store
     * @param audit where refusals are recorded
     * @param clock the clock for audit timestamps
     * @return the resolver
     * @throws ConfigurationException when an argument is null
     */
    public static OrgContextResolver create(Memberships memberships, AuditSink audit, Clock clock) {
        ConfigurationException.requireSet(memberships, "memberships");
        ConfigurationException.requireSet(audit, "auditSink");
        ConfigurationException.requireSet(clock, "clock");
        return new OrgContextResolver(memberships, audit, clock);
    }

    /**
     * Resolves the org of a request.
     *
     * @param principal the authenticated caller
     * @param orgHeader the raw {@code X-Org-Id} header value, or null when absent
     * @return the verified org context
     * @throws OrgResolutionException with the reason and HTTP status described on this class
     */
    public OrgContext resolve(AuthenticatedPrincipal principal, String orgHeader) {
        Objects.requireNonNull(principal, "principal");
        String user = principal.userId();
        String org;
        OrgContext.Source source;
        if (orgHeader != null && !wellFormed(orgHeader)) {
            throw refuse(user, null, AuthzReason.MALFORMED_ORG_ID, ORG_HEADER
                    + " must be 1 to " + MAX_ORG_ID + " printable ASCII characters without spaces");
        }
        if (principal.apiKeyOrgId() != null) {
            org = principal.apiKeyOrgId();
            source = OrgContext.Source.API_KEY;
            if (orgHeader != null && !orgHeader.equals(org)) {
                throw refuse(user, org, AuthzReason.API_KEY_ORG_MISMATCH,
                        ORG_HEADER + " names another organization than the one this API key is bound to");
            }
        } else if (orgHeader != null) {
            org = orgHeader;
            source = OrgContext.Source.HEADER;
        } else {
            Optional<String> personal = memberships.personalOrgOf(user);
            if (personal.isEmpty()) {
                throw refuse(user, null, AuthzReason.NO_ORG_CONTEXT,
                        "no organization: send " + ORG_HEADER + " or use an org-scoped API key");
            }
            org = personal.get();
            source = OrgContext.Source.PERSONAL;
        }
        if (!memberships.orgExists(org)) {
            throw refuse(user, org, AuthzReason.UNKNOWN_ORG, OrgResolutionException.UNKNOWN_ORG_MESSAGE);
        }
        List<String> roles = memberships.rolesOf(user, org);
        if (roles.isEmpty()) {
            throw refuse(user, org, AuthzReason.NOT_A_MEMBER, OrgResolutionException.NOT_A_MEMBER_MESSAGE);
        }
        return new OrgContext(org, user, source, roles);
    }

    private static boolean wellFormed(String id) {
        if (id.isEmpty() || id.length() > MAX_ORG_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private OrgResolutionException refuse(String user, String org, AuthzReason reason, String message) {
        try {
            audit.record(AuditEvent.builder("authz", "resolve_org")
                    .outcome(AuditOutcome.DENIED)
                    .actor(user)
                    .org(org)
                    .reason(reason)
                    .build(clock));
        } catch (RuntimeException e) {
            // an id shaped like a credential cannot be audited; the refusal stands
        }
        return new OrgResolutionException(reason, message);
    }
}
