package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Installs Bulwark's filters in the one order that is safe, so a host cannot get it wrong:
 *
 * <ol>
 *   <li>{@link ErrorBoundaryFilter} — outermost, so every failure below becomes a problem+json 500;</li>
 *   <li>{@link SecurityHeadersFilter} — headers on every response, errors included;</li>
 *   <li>{@link CorsFilter} — answers preflights before anything asks for credentials;</li>
 *   <li>{@link RequestLimitsFilter} — refuses oversized and slow bodies before anyone reads them;</li>
 *   <li>an anonymous {@link RateLimitFilter} (per client IP) — before the cost of authentication;</li>
 *   <li>{@link WebhookFilter}s on their own paths — webhook receivers authenticate by signature, not bearer;</li>
 *   <li>{@link AuthenticationFilter} on the API paths;</li>
 *   <li>{@link OrgContextFilter} — needs the principal;</li>
 *   <li>a per-user {@link RateLimitFilter} — needs the principal (and org) to key by;</li>
 *   <li>{@link AuthorizationFilter} — needs the org context; last, right before the application.</li>
 * </ol>
 *
 * Every step is optional except the error boundary and the security headers, which are on by default. Use
 * {@link #install(ServletContext)} from a {@code ServletContainerInitializer} (or Spring's
 * {@code ServletContextInitializer}), or {@link #filters()} to register them yourself (embedded Jetty's
 * {@code FilterHolder}s) in the given order.
 */
public final class BulwarkFilters {

    /**
     * One filter to register, with its name and URL patterns.
     *
     * @param name the registration name
     * @param filter the filter
     * @param urlPatterns the servlet URL patterns it is mapped to
     */
    public record Registration(String name, Filter filter, List<String> urlPatterns) {
    }

    private final List<Registration> filters;

    private BulwarkFilters(List<Registration> filters) {
        this.filters = List.copyOf(filters);
    }

    /** {@return a builder with the error boundary and default security headers on} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the filters in installation order} */
    public List<Registration> filters() {
        return filters;
    }

    /**
     * Registers every filter, in order, for {@code REQUEST} dispatches.
     *
     * @param context the servlet context, during initialisation
     */
    public void install(ServletContext context) {
        for (Registration r : filters) {
            FilterRegistration.Dynamic d = context.addFilter(r.name(), r.filter());
            d.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, r.urlPatterns().toArray(String[]::new));
            d.setAsyncSupported(true);
        }
    }

    /** Collects the filters; {@link #build()} puts them in order. */
    public static final class Builder {
        private ErrorBoundaryFilter errorBoundary = ErrorBoundaryFilter.create();
        private SecurityHeadersFilter headers = SecurityHeadersFilter.defaults();
        private CorsFilter cors;
        private RequestLimitsFilter limits;
        private RateLimitFilter anonymousRateLimit;
        private final List<Registration> webhooks = new ArrayList<>();
        private AuthenticationFilter authentication;
        private OrgContextFilter orgContext;
        private RateLimitFilter userRateLimit;
        private AuthorizationFilter authorization;
        private final List<String> apiPatterns = new ArrayList<>(List.of("/api/*"));

        private Builder() {
        }

        /** @param filter the error boundary (default {@link ErrorBoundaryFilter#create()}) @return this */
        public Builder errorBoundary(ErrorBoundaryFilter filter) {
            this.errorBoundary = ConfigurationException.requireSet(filter, "errorBoundary");
            return this;
        }

        /** @param filter the security headers (default {@link SecurityHeadersFilter#defaults()}) @return this */
        public Builder securityHeaders(SecurityHeadersFilter filter) {
            this.headers = ConfigurationException.requireSet(filter, "securityHeaders");
            return this;
        }

        /** @param filter CORS for browser clients @return this */
        public Builder cors(CorsFilter filter) {
            this.cors = filter;
            return this;
        }

        /** @param filter body and URI limits @return this */
        public Builder requestLimits(RequestLimitsFilter filter) {
            this.limits = filter;
            return this;
        }

        /** @param filter a limiter keyed before authentication (by client IP) @return this */
        public Builder anonymousRateLimit(RateLimitFilter filter) {
            this.anonymousRateLimit = filter;
            return this;
        }

        /**
         * @param urlPattern the receiver's path, e.g. {@code /webhooks/stripe}
         * @param filter its verifier
         * @return this
         */
        public Builder webhook(String urlPattern, WebhookFilter filter) {
            ConfigurationException.check(urlPattern != null && urlPattern.startsWith("/"), "webhook paths start with '/'");
            webhooks.add(new Registration("bulwark-webhook-" + webhooks.size(),
                    ConfigurationException.requireSet(filter, "webhook filter"), List.of(urlPattern)));
            return this;
        }

        /** @param patterns the URL patterns that need authentication (default {@code /api/*}) @return this */
        public Builder apiPaths(String... patterns) {
            ConfigurationException.check(patterns.length > 0, "at least one API path pattern");
            apiPatterns.clear();
            apiPatterns.addAll(List.of(patterns));
            return this;
        }

        /** @param filter authentication for the API paths @return this */
        public Builder authentication(AuthenticationFilter filter) {
            this.authentication = filter;
            return this;
        }

        /** @param filter org resolution for the API paths @return this */
        public Builder orgContext(OrgContextFilter filter) {
            this.orgContext = filter;
            return this;
        }

        /** @param filter a limiter keyed by the authenticated user or org @return this */
        public Builder userRateLimit(RateLimitFilter filter) {
            this.userRateLimit = filter;
            return this;
        }

        /** @param filter the route guard for the API paths @return this */
        public Builder authorization(AuthorizationFilter filter) {
            this.authorization = filter;
            return this;
        }

        /**
         * @return the ordered filters
         * @throws ConfigurationException when a filter that needs another is configured without it (org
         *     context or authorization without authentication, authorization without org context)
         */
        public BulwarkFilters build() {
            ConfigurationException.check(orgContext == null || authentication != null,
                    "the org context filter needs the authentication filter");
            ConfigurationException.check(authorization == null || orgContext != null,
                    "the authorization filter needs the org context filter");
            ConfigurationException.check(userRateLimit == null || authentication != null,
                    "a per-user rate limit needs the authentication filter");
            List<Registration> out = new ArrayList<>();
            List<String> all = List.of("/*");
            out.add(new Registration("bulwark-error-boundary", errorBoundary, all));
            out.add(new Registration("bulwark-security-headers", headers, all));
            if (cors != null) {
                out.add(new Registration("bulwark-cors", cors, all));
            }
            if (limits != null) {
                out.add(new Registration("bulwark-request-limits", limits, all));
            }
            if (anonymousRateLimit != null) {
                out.add(new Registration("bulwark-rate-limit-anonymous", anonymousRateLimit, all));
            }
            out.addAll(webhooks);
            List<String> api = List.copyOf(apiPatterns);
            if (authentication != null) {
                out.add(new Registration("bulwark-authentication", authentication, api));
            }
            if (orgContext != null) {
                out.add(new Registration("bulwark-org-context", orgContext, api));
            }
            if (userRateLimit != null) {
                out.add(new Registration("bulwark-rate-limit-user", userRateLimit, api));
            }
            if (authorization != null) {
                out.add(new Registration("bulwark-authorization", authorization, api));
            }
            return new BulwarkFilters(out);
        }
    }
}
