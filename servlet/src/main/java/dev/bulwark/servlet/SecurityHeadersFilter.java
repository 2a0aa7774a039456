package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sets the browser security headers on every response, before the application runs (so that an early
 * error response carries them too; the application may still override one).
 *
 * <p>Defaults (each overridable with {@link Builder#header(String, String)} or removable with
 * {@link Builder#without(String)}):
 * <table>
 *   <caption>Default headers</caption>
 *   <tr><td>{@code X-Content-Type-Options}</td><td>{@code nosniff}</td></tr>
 *   <tr><td>{@code X-Frame-Options}</td><td>{@code DENY}</td></tr>
 *   <tr><td>{@code Referrer-Policy}</td><td>{@code strict-origin-when-cross-origin}</td></tr>
 *   <tr><td>{@code Permissions-Policy}</td><td>every powerful feature disabled: {@link #DEFAULT_PERMISSIONS_POLICY}</td></tr>
 *   <tr><td>{@code Content-Security-Policy}</td><td>{@link #DEFAULT_CSP}; with {@link Builder#cspNonce(boolean)}
 *       a fresh 128-bit nonce per request is added to {@code script-src} and {@code style-src} and exposed as
 *       the request attribute {@link #CSP_NONCE_ATTRIBUTE}</td></tr>
 *   <tr><td>{@code Cross-Origin-Opener-Policy}</td><td>{@code same-origin}</td></tr>
 *   <tr><td>{@code Cross-Origin-Resource-Policy}</td><td>{@code same-origin}: other sites cannot embed or read
 *       the responses with {@code no-cors} requests (set {@code same-site} or {@code cross-origin} for resources
 *       meant to be embedded elsewhere)</td></tr>
 *   <tr><td>{@code Strict-Transport-Security}</td><td>{@code max-age=31536000; includeSubDomains}, only when
 *       {@link HttpServletRequest#isSecure()} (behind a TLS-terminating proxy, configure the container to honour
 *       {@code X-Forwarded-Proto}, e.g. Jetty's {@code ForwardedRequestCustomizer})</td></tr>
 *   <tr><td>{@code Cache-Control}</td><td>{@code no-store} on paths under the API prefixes (default
 *       {@code /api/}, {@code /auth/})</td></tr>
 * </table>
 *
 * <p>This class is thread-safe.
 */
public final class SecurityHeadersFilter implements Filter {

    /** The default Content-Security-Policy: nothing loads unless the host allows it. */
    public static final String DEFAULT_CSP =
            "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The default Permissions-Policy: every listed feature disabled for every origin. */
    public static final String DEFAULT_PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), "
            + "display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
            + "publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()";

    /** Request attribute holding the per-request CSP nonce when nonces are on. */
    public static final String CSP_NONCE_ATTRIBUTE = "dev.bulwark.servlet.cspNonce";

    private static final String CSP = "Content-Security-Policy";
    private static final String HSTS = "Strict-Transport-Security";

    private final String[][] staticHeaders;
    private final String csp;
    private final boolean cspNonce;
    private final String hsts;
    private final List<String> apiPrefixes;

    private SecurityHeadersFilter(Builder b) {
        Map<String, String> headers = new LinkedHashMap<>(b.headers);
        this.csp = headers.remove(CSP);
        this.hsts = headers.remove(HSTS);
        this.staticHeaders = headers.entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue()}).toArray(String[][]::new);
        this.cspNonce = b.cspNonce;
        this.apiPrefixes = List.copyOf(b.apiPrefixes);
    }

    /** {@return a filter with every default} */
    public static SecurityHeadersFilter defaults() {
        return builder().build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            apply(request, response);
        }
        chain.doFilter(req, res);
    }

    private void apply(HttpServletRequest request, HttpServletResponse response) {
        for (String[] h : staticHeaders) {
            response.setHeader(h[0], h[1]);
        }
        if (csp != null) {
            if (cspNonce) {
                String nonce = RandomTokens.base64Url(RandomTokens.MIN_TOKEN_BYTES);
                request.setAttribute(CSP_NONCE_ATTRIBUTE, nonce);
                response.setHeader(CSP, withNonce(csp, nonce));
            } else {
                response.setHeader(CSP, csp);
            }
        }
        if (hsts != null && request.isSecure()) {
            response.setHeader(HSTS, hsts);
        }
        String path = request.getRequestURI();
        for (String prefix : apiPrefixes) {
            if (path != null && path.startsWith(prefix)) {
                response.setHeader("Cache-Control", "no-store");
                break;
            }
        }
    }

    static String withNonce(String policy, String nonce) {
        String source = " 'nonce-" + nonce + "'";
        StringBuilder out = new StringBuilder(policy.length() + 64);
        boolean script = false;
        boolean style = false;
        for (String directive : policy.split(";")) {
            String d = directive.strip();
            if (d.isEmpty()) {
                continue;
            }
            String name = d.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (name.equals("script-src")) {
                d += source + " 'strict-dynamic'";
                script = true;
            } else if (name.equals("style-src")) {
                d += source;
                style = true;
            }
            out.append(out.length() == 0 ? "" : "; ").append(d);
        }
        if (!script) {
            out.append("; script-src").append(source).append(" 'strict-dynamic'");
        }
        if (!style) {
            out.append("; style-src").append(source);
        }
        return out.toString();
    }

    /** Configures a {@link SecurityHeadersFilter}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean cspNonce;
        private final List<String> apiPrefixes = new ArrayList<>(List.of("/api/", "/auth/"));

        private Builder() {
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("X-Frame-Options", "DENY");
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
            headers.put("Permissions-Policy", DEFAULT_PERMISSIONS_POLICY);
            headers.put(CSP, DEFAULT_CSP);
            headers.put("Cross-Origin-Opener-Policy", "same-origin");
            headers.put("Cross-Origin-Resource-Policy", "same-origin");
            headers.put(HSTS, "max-age=31536000; includeSubDomains");
        }

        /**
         * Sets (or replaces) a header. Names are matched case-insensitively against the defaults.
         *
         * @param name header name
         * @param value header value, no CR or LF
         * @return this
         * @throws ConfigurationException on an invalid name or value
         */
        public Builder header(String name, String value) {
            checkToken(name);
            ConfigurationException.check(value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
                    "header " + name + " must have a value without CR or LF");
            String existing = canonical(name);
            headers.remove(existing);
            headers.put(existing, value);
            return this;
        }

        /**
         * Removes a default header (for example when a proxy already sets it).
         *
         * @param name header name
         * @return this
         */
        public Builder without(String name) {
            headers.remove(canonical(name));
            return this;
        }

        /**
         * @param policy the Content-Security-Policy to send
         * @return this
         */
        public Builder contentSecurityPolicy(String policy) {
            return header(CSP, policy);
        }

        /**
         * Adds a fresh nonce per request to {@code script-src} (with {@code 'strict-dynamic'}) and
         * {@code style-src}, available to templates as request attribute {@link #CSP_NONCE_ATTRIBUTE}.
         *
         * @param enabled whether to use nonces (default off)
         * @return this
         */
        public Builder cspNonce(boolean enabled) {
            this.cspNonce = enabled;
            return this;
        }

        /**
         * Configures HSTS (sent on secure requests only).
         *
         * @param maxAge at least one day, at most two years
         * @param includeSubDomains whether to add {@code includeSubDomains}
         * @param preload whether to add {@code preload} (requires {@code includeSubDomains} and a year)
         * @return this
         */
        public Builder hsts(Duration maxAge, boolean includeSubDomains, boolean preload) {
            Objects.requireNonNull(maxAge, "maxAge");
            ConfigurationException.check(maxAge.compareTo(Duration.ofDays(1)) >= 0
                    && maxAge.compareTo(Duration.ofDays(730)) <= 0,
                    "HSTS max-age must be between 1 day and 730 days, was " + maxAge);
            ConfigurationException.check(!preload || (includeSubDomains && maxAge.compareTo(Duration.ofDays(365)) >= 0),
                    "HSTS preload requires includeSubDomains and a max-age of at least 365 days");
            return header(HSTS, "max-age=" + maxAge.toSeconds() + (includeSubDomains ? "; includeSubDomains" : "")
                    + (preload ? "; preload" : ""));
        }

        /**
         * Replaces the path prefixes that get {@code Cache-Control: no-store}.
         *
         * @param prefixes path prefixes such as {@code /api/}
         * @return this
         */
        public Builder apiPaths(String... prefixes) {
            apiPrefixes.clear();
            for (String p : prefixes) {
                ConfigurationException.check(p != null && p.startsWith("/"), "API path prefixes must start with /");
                apiPrefixes.add(p);
            }
            return this;
        }

        /** {@return the filter} */
        public SecurityHeadersFilter build() {
            return new SecurityHeadersFilter(this);
        }

        private String canonical(String name) {
            for (String k : headers.keySet()) {
                if (k.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return name;
        }

        private static void checkToken(String name) {
            ConfigurationException.check(name != null && !name.isEmpty()
                    && name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0),
                    "header name must be an HTTP token");
        }
    }
}
