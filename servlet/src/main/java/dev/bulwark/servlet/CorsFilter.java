package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cross-origin resource sharing with an explicit allowlist.
 *
 * <p>Rules:
 * <ul>
 *   <li>Origins are exact {@code scheme://host[:port]} strings, compared exactly (case-insensitively for
 *       scheme and host, as browsers serialise them in lower case). The value echoed in
 *       {@code Access-Control-Allow-Origin} is always the <em>configured</em> string, never bytes copied
 *       from the request, so a crafted {@code Origin} header cannot inject response headers.</li>
 *   <li>{@code *} is available only through {@link Builder#allowAnyOrigin()} and can never be combined with
 *       credentials: {@link Builder#build()} refuses. The {@code null} origin (sandboxed frames, file URLs)
 *       is never allowed.</li>
 *   <li>A request from an origin that is not allowed gets <strong>no</strong> CORS headers; a preflight
 *       from one is answered {@code 403} without calling the application.</li>
 *   <li>Preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) are
 *       answered {@code 204} by the filter when the method and every requested header are allowed, and
 *       {@code 403} otherwise. Default methods: {@code GET, HEAD, POST, PUT, PATCH, DELETE}; default
 *       headers: {@code Authorization, Content-Type, X-Org-Id, X-Request-Id, Idempotency-Key}.</li>
 *   <li>{@code Vary: Origin} is added to every response passing through the filter so that caches never
 *       serve one origin's answer to another.</li>
 * </ul>
 *
 * <p>This class is thread-safe.
 */
public final class CorsFilter implements Filter {

    private final Map<String, String> origins;
    private final boolean anyOrigin;
    private final boolean credentials;
    private final Set<String> methods;
    private final Set<String> headersLower;
    private final String methodsHeader;
    private final String headersHeader;
    private final String exposeHeader;
    private final String maxAge;

    private CorsFilter(Builder b) {
        this.origins = Map.copyOf(b.origins);
        this.anyOrigin = b.anyOrigin;
        this.credentials = b.credentials;
        this.methods = Set.copyOf(b.methods);
        Set<String> lower = new LinkedHashSet<>();
        b.headers.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        this.headersLower = Set.copyOf(lower);
        this.methodsHeader = String.join(", ", b.methods);
        this.headersHeader = String.join(", ", b.headers);
        this.exposeHeader = b.exposed.isEmpty() ? null : String.join(", ", b.exposed);
        this.maxAge = Long.toString(b.maxAge.toSeconds());
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equalsIgnoreCase(request.getMethod()) && origin != null
                && request.getHeader("Access-Control-Request-Method") != null;
        String allowed = origin == null ? null : match(origin);
        if (preflight) {
            response.addHeader("Vary", "Access-Control-Request-Method");
            response.addHeader("Vary", "Access-Control-Request-Headers");
            if (allowed == null || !preflightAllowed(request)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", allowed);
            if (credentials) {
                response.setHeader("Access-Control-Allow-Credentials", "true");
            }
            response.setHeader("Access-Control-Allow-Methods", methodsHeader);
            response.setHeader("Access-Control-Allow-Headers", headersHeader);
            response.setHeader("Access-Control-Max-Age", maxAge);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed != null) {
            response.setHeader("Access-Control-Allow-Origin", allowed);
            if (credentials) {
                response.setHeader("Access-Control-Allow-Credentials", "true");
            }
            if (exposeHeader != null) {
                response.setHeader("Access-Control-Expose-Headers", exposeHeader);
            }
        }
        chain.doFilter(req, res);
    }

    /** @return the configured origin string to echo, or null when not allowed */
    private String match(String origin) {
        if (origin.length() > 2048 || origin.equals("null")) {
            return null;
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c <= ' ' || c >= 127 || c == ',') {
                return null;
            }
        }
        String configured = origins.get(origin.toLowerCase(Locale.ROOT));
        if (configured != null) {
            return configured;
        }
        return anyOrigin ? "*" : null;
    }

    private boolean preflightAllowed(HttpServletRequest request) {
        String method = request.getHeader("Access-Control-Request-Method").strip();
        if (!methods.contains(method)) {
            return false;
        }
        String requested = request.getHeader("Access-Control-Request-Headers");
        if (requested == null || requested.isBlank()) {
            return true;
        }
        for (String h : requested.split(",")) {
            String name = h.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !headersLower.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** Configures a {@link CorsFilter}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> origins = new LinkedHashMap<>();
        private boolean anyOrigin;
        private boolean credentials;
        private final List<String> methods = new ArrayList<>(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        private final List<String> headers = new ArrayList<>(
                List.of("Authorization", "Content-Type", "X-Org-Id", "X-Request-Id", "Idempotency-Key"));
        private final List<String> exposed = new ArrayList<>(
                List.of("RateLimit", "RateLimit-Policy", "Retry-After", "WWW-Authenticate"));
        private Duration maxAge = Duration.ofMinutes(10);

        private Builder() {
        }

        /**
         * Adds allowed origins.
         *
         * @param allowed exact origins such as {@code https://app.example.com} or {@code http://localhost:3000}
         * @return this
         * @throws ConfigurationException when an origin is not {@code scheme://host[:port]}
         */
        public Builder allowedOrigins(String... allowed) {
            for (String o : allowed) {
                origins.put(validateOrigin(o).toLowerCase(Locale.ROOT), o);
            }
            return this;
        }

        /**
         * Allows every origin with {@code Access-Control-Allow-Origin: *}. Cannot be combined with
         * {@link #allowCredentials(boolean)}. Listed origins are still echoed exactly.
         *
         * @return this
         */
        public Builder allowAnyOrigin() {
            this.anyOrigin = true;
            return this;
        }

        /**
         * @param allow whether to send {@code Access-Control-Allow-Credentials: true} (default false); needs
         *     explicit origins
         * @return this
         */
        public Builder allowCredentials(boolean allow) {
            this.credentials = allow;
            return this;
        }

        /**
         * Replaces the allowed methods.
         *
         * @param allowed method names, e.g. {@code GET}
         * @return this
         */
        public Builder allowedMethods(String... allowed) {
            methods.clear();
            for (String m : allowed) {
                ConfigurationException.check(m != null && m.matches("[A-Z]+"), "CORS methods must be upper-case tokens");
                methods.add(m);
            }
            return this;
        }

        /**
         * Replaces the allowed request headers.
         *
         * @param allowed header names
         * @return this
         */
        public Builder allowedHeaders(String... allowed) {
            headers.clear();
            for (String h : allowed) {
                ConfigurationException.check(h != null && h.matches("[A-Za-z0-9-]+"),
                        "CORS header names must be tokens, and '*' is not allowed");
                headers.add(h);
            }
            return this;
        }

        /**
         * Replaces the response headers exposed to scripts.
         *
         * @param names header names
         * @return this
         */
        public Builder exposedHeaders(String... names) {
            exposed.clear();
            for (String h : names) {
                ConfigurationException.check(h != null && h.matches("[A-Za-z0-9-]+"), "exposed header names must be tokens");
                exposed.add(h);
            }
            return this;
        }

        /**
         * @param age how long browsers may cache a preflight, between 0 and 2 hours (default 10 minutes)
         * @return this
         */
        public Builder maxAge(Duration age) {
            ConfigurationException.check(age != null && !age.isNegative() && age.compareTo(Duration.ofHours(2)) <= 0,
                    "CORS max-age must be between 0 and 2 hours, was " + age);
            this.maxAge = age;
            return this;
        }

        /**
         * @return the filter
         * @throws ConfigurationException when no origin is allowed, or credentials are combined with any origin
         */
        public CorsFilter build() {
            ConfigurationException.check(!(anyOrigin && credentials),
                    "CORS credentials cannot be allowed for any origin ('*'); list the origins explicitly");
            ConfigurationException.check(anyOrigin || !origins.isEmpty(),
                    "CORS needs at least one allowed origin (or allowAnyOrigin() without credentials)");
            return new CorsFilter(this);
        }

        private static String validateOrigin(String o) {
            ConfigurationException.check(o != null && !o.equals("*") && !o.equals("null"),
                    "CORS origins must be explicit scheme://host[:port] values; use allowAnyOrigin() for '*'");
            try {
                URI u = new URI(o);
                boolean ok = u.getScheme() != null && (u.getScheme().equals("https") || u.getScheme().equals("http"))
                        && u.getHost() != null && u.getRawUserInfo() == null
                        && (u.getRawPath() == null || u.getRawPath().isEmpty())
                        && u.getRawQuery() == null && u.getRawFragment() == null;
                ConfigurationException.check(ok, "CORS origin must be scheme://host[:port] with no path, was " + o);
            } catch (URISyntaxException e) {
                throw new ConfigurationException("CORS origin is not a valid URI: " + o);
            }
            return o;
        }
    }
}
