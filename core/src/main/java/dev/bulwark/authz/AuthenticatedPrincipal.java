package dev.bulwark.authz;

import java.util.Objects;

/**
 * The authenticated caller, as the org resolver needs it: the user and, when the request was authenticated
 * with an org-scoped API key, the org that key is bound to. Produced by the host's (or the servlet adapter's)
 * authentication step; this type does not depend on how the key was verified.
 *
 * @param userId the authenticated user (for an API key: the user it acts as), never null
 * @param apiKeyOrgId the org the API key is bound to, or null for a session/JWT login
 */
public record AuthenticatedPrincipal(String userId, String apiKeyOrgId) {

    /** @throws NullPointerException when userId is null */
    public AuthenticatedPrincipal {
        Objects.requireNonNull(userId, "userId");
    }

    /** @param userId the user @return a principal authenticated by a session or token, not bound to an org */
    public static AuthenticatedPrincipal user(String userId) {
        return new AuthenticatedPrincipal(userId, null);
    }

    /**
     * @param userId the user the key acts as
     * @param orgId the org the key is bound to
     * @return a principal authenticated by an org-scoped API key
     */
    public static AuthenticatedPrincipal apiKey(String userId, String orgId) {
        return new AuthenticatedPrincipal(userId, Objects.requireNonNull(orgId, "orgId"));
    }
}
