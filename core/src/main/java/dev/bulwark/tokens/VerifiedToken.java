package dev.bulwark.tokens;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An access token that passed every check: signature under the configured algorithm, {@code typ}, issuer,
 * audience, times, lifetime cap, required claims and (unless disabled) a live session.
 *
 * @param subject {@code sub}
 * @param org claim {@code org}, or {@code null}
 * @param sessionId {@code sid} (raw session id)
 * @param roles claim {@code roles}
 * @param scopes claim {@code scope}, split on spaces
 * @param jwtId {@code jti}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param kid the key that verified it
 * @param claims every claim, as parsed JSON values (unmodifiable; for a token from {@link AccessTokens} the map
 *     is built from the already validated payload on first access, which cannot fail)
 */
public record VerifiedToken(String subject, String org, String sessionId, Set<String> roles, Set<String> scopes,
        String jwtId, Instant issuedAt, Instant expiresAt, String kid, Map<String, Object> claims) {

    /** Copies collections (claims parsed by the verifier are already a private unmodifiable map, possibly materialized
     * on first access: kept as is). */
    public VerifiedToken {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        claims = claims instanceof JsonClaims.ClaimsMap || claims instanceof LazyClaims ? claims
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    /** @param scope a scope @return whether the token carries it */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** @param role a role @return whether the token carries it */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** {@return subject, org, jti and expiry; never the session id} */
    @Override
    public String toString() {
        return "VerifiedToken[sub=" + subject + ", org=" + org + ", jti=" + jwtId + ", exp=" + expiresAt + "]";
    }
}
