package dev.bulwark.servlet;

import dev.bulwark.authz.AuthenticatedPrincipal;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.servlet.internal.Problems;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.ApiKeys;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Authenticates every request it is mapped to from {@code Authorization: Bearer <credential>}: a JWT access
 * token (verified by {@link AccessTokens}, which also checks that its session is live) or, when {@link ApiKeys}
 * are configured, an API key ({@code ak_live_...}/{@code ak_test_...}).
 *
 * <p>On success the request carries the {@link AuthenticatedPrincipal} ({@link #PRINCIPAL_ATTRIBUTE}), the
 * {@link VerifiedToken} or {@link ApiKeys.ApiKeyPrincipal} that proved it, the user id
 * ({@link #USER_ATTRIBUTE}, for rate-limit keys and logs) and a {@link Principal} from
 * {@code getUserPrincipal()}. On failure it answers {@code 401} with
 * {@code WWW-Authenticate: Bearer realm="api"} (plus {@code error="invalid_token"} when a credential was
 * presented, RFC 6750) and an {@code application/problem+json} body with the reason code: never the token.
 * Revoked sessions say {@code Session has been revoked}; bad API keys {@code Invalid or revoked API key}. A
 * store that cannot be reached answers {@code 503} (fail closed). Paths given to
 * {@link Builder#publicPaths(String...)} pass without a credential.
 *
 * <p>Thread-safe.
 */
public final class AuthenticationFilter implements Filter {

    /** Request attribute: the {@link AuthenticatedPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = "dev.bulwark.servlet.principal";
    /** Request attribute: the authenticated user id (for an API key, {@code apikey:<key id>}). */
    public static final String USER_ATTRIBUTE = "dev.bulwark.servlet.userId";
    /** Request attribute: the {@link VerifiedToken}, for token-authenticated requests. */
    public static final String TOKEN_ATTRIBUTE = "dev.bulwark.servlet.token";
    /** Request attribute: the {@link ApiKeys.ApiKeyPrincipal}, for API-key-authenticated requests. */
    public static final String API_KEY_ATTRIBUTE = "dev.bulwark.servlet.apiKey";

    private final AccessTokens tokens;
    private final ApiKeys apiKeys;
    private final List<String> publicPrefixes;

    private AuthenticationFilter(Builder b) {
        this.tokens = b.tokens;
        this.apiKeys = b.apiKeys;
        this.publicPrefixes = List.copyOf(b.publicPrefixes);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("AuthenticationFilter handles HTTP requests only");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isPublic(path) || "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            unauthorized(response, false, "UNAUTHENTICATED", "Authentication required: send Authorization: Bearer <token>.");
            return;
        }
        String credential = header.substring(7).trim();
        try {
            if (credential.startsWith("ak_live_") || credential.startsWith("ak_test_")) {
                if (apiKeys == null) {
                    unauthorized(response, true, TokenReason.API_KEY_INVALID.name(), "Invalid or revoked API key");
                    return;
                }
                ApiKeys.ApiKeyPrincipal key = apiKeys.authenticate(credential);
                String user = "apikey:" + key.keyId();
                request.setAttribute(API_KEY_ATTRIBUTE, key);
                proceed(request, response, chain, AuthenticatedPrincipal.apiKey(user, key.org()), user);
            } else {
                VerifiedToken token = tokens.verify(credential);
                request.setAttribute(TOKEN_ATTRIBUTE, token);
                proceed(request, response, chain, AuthenticatedPrincipal.user(token.subject()), token.subject());
            }
        } catch (TokenException e) {
            unauthorized(response, true, e.tokenReason().name(), detail(e.tokenReason()));
        } catch (StoreUnavailableException e) {
            Problems.write(response, 503, "Service Unavailable", "STORE_UNAVAILABLE",
                    "Credentials cannot be checked right now; try again shortly.", null);
        }
    }

    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            AuthenticatedPrincipal principal, String user) throws IOException, ServletException {
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        request.setAttribute(USER_ATTRIBUTE, user);
        Principal named = () -> user;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return named;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }

            @Override
            public String getAuthType() {
                return "BEARER";
            }
        }, response);
    }

    private boolean isPublic(String path) {
        for (String prefix : publicPrefixes) {
            if (path.equals(prefix) || prefix.endsWith("/") && path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String detail(TokenReason reason) {
        switch (reason) {
            case API_KEY_INVALID:
            case API_KEY_REVOKED:
            case API_KEY_EXPIRED:
                return "Invalid or revoked API key";
            case SESSION_REVOKED:
                return "Session has been revoked";
            case SESSION_EXPIRED:
            case SESSION_UNKNOWN:
                return "Session has expired or does not exist";
            case EXPIRED:
                return "Access token has expired";
            default:
                return "Invalid access token";
        }
    }

    private static void unauthorized(HttpServletResponse response, boolean presented, String reason, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"api\", error=\"invalid_token\", error_description=\""
                        + reason.toLowerCase(Locale.ROOT) + "\""
                : "Bearer realm=\"api\"");
        Problems.write(response, 401, "Unauthorized", reason, detail, null);
    }

    /** Configures an {@link AuthenticationFilter}. */
    public static final class Builder {
        private AccessTokens tokens;
        private ApiKeys apiKeys;
        private final List<String> publicPrefixes = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param tokens verifies access tokens (required)
         * @return this
         */
        public Builder accessTokens(AccessTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        /**
         * @param apiKeys authenticates API keys; without it an API key is refused
         * @return this
         */
        public Builder apiKeys(ApiKeys apiKeys) {
            this.apiKeys = apiKeys;
            return this;
        }

        /**
         * @param paths exact paths, or prefixes ending in {@code /}, that need no credential (e.g.
         *     {@code /health}, {@code /auth/})
         * @return this
         */
        public Builder publicPaths(String... paths) {
            for (String p : paths) {
                ConfigurationException.check(p != null && p.startsWith("/"), "public paths start with '/'");
                publicPrefixes.add(p);
            }
            return this;
        }

        /**
         * @return the filter
         * @throws ConfigurationException without access tokens
         */
        public AuthenticationFilter build() {
            ConfigurationException.requireSet(tokens, "accessTokens");
            return new AuthenticationFilter(this);
        }
    }
}
