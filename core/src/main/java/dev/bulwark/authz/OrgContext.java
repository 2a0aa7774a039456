package dev.bulwark.authz;

import java.util.List;
import java.util.Objects;

/**
 * The resolved org of a request: which org, for which user, how it was chosen, and the user's (verified,
 * non-empty) roles there. Produced only by {@link OrgContextResolver}; pass it to
 * {@link Authorizer#check(OrgContext, Permission, Resource)} and to tenant-scoped stores (e.g. row-level
 * security's {@code app.current_org}).
 *
 * @param orgId the org
 * @param userId the user
 * @param source where the org came from
 * @param roles the user's roles in the org, never empty
 */
public record OrgContext(String orgId, String userId, Source source, List<String> roles) {

    /** Where a request's org came from, in priority order. */
    public enum Source {
        /** The org the API key is bound to. */
        API_KEY,
        /** The {@code X-Org-Id} header (web sessions switching orgs). */
        HEADER,
        /** The user's personal org. */
        PERSONAL
    }

    /** Copies roles; checks non-null fields and non-empty roles. */
    public OrgContext {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(source, "source");
        roles = List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an org context holds at least one role");
        }
    }

    /** {@return the subject (user, org) for checks} */
    public Subject subject() {
        return new Subject(userId, orgId);
    }
}
