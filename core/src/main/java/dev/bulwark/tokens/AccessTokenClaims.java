package dev.bulwark.tokens;

import java.util.Objects;
import java.util.Set;

/**
 * What an access token says about its bearer. {@code iss}, {@code aud}, {@code iat}, {@code exp} and
 * {@code jti} are added by {@link AccessTokens#issue}.
 *
 * @param subject the user (or principal) id, {@code sub}
 * @param org the org (tenant), claim {@code org}, or {@code null}
 * @param sessionId the raw session id, claim {@code sid}
 * @param roles roles, claim {@code roles} (omitted when empty)
 * @param scopes scopes, claim {@code scope} space-separated (omitted when empty)
 */
public record AccessTokenClaims(String subject, String org, String sessionId, Set<String> roles, Set<String> scopes) {

    /** Validates and copies. */
    public AccessTokenClaims {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must be set");
        }
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must be set: every access token belongs to a session");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        for (String s : scopes) {
            if (Objects.requireNonNull(s).isEmpty() || s.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("a scope must be non-empty without spaces");
            }
        }
    }

    /** {@return subject, org and role/scope counts; never the session id} */
    @Override
    public String toString() {
        return "AccessTokenClaims[sub=" + subject + ", org=" + org + ", roles=" + roles + ", scopes=" + scopes + "]";
    }
}
