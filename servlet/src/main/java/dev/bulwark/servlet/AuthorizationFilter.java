package dev.bulwark.servlet;

import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.Decision;
import dev.bulwark.authz.OrgContext;
import dev.bulwark.authz.Permission;
import dev.bulwark.authz.Resource;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.servlet.internal.Problems;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A route guard: a table mapping {@code METHOD /path/pattern} to the permission it needs, checked with the
 * {@link Authorizer} in the request's {@link OrgContext} (so the resource is the current org's).
 *
 * <p>Patterns match whole path segments: {@code *} is one segment, a trailing {@code **} any rest
 * ({@code /api/projects/*}, {@code /api/admin/**}). The first matching route decides. A request matching no
 * route is <strong>denied</strong> ({@code 403}, reason {@code ROUTE_NOT_MAPPED}) unless the builder allows
 * unmapped routes explicitly; a request without an org context is {@code 403 NO_ORG_CONTEXT}. A denial answers
 * {@code 403} with the decision's reason ({@code NO_GRANT}, {@code EXPLICIT_DENY}, {@code NOT_OWNER}, ...); an
 * allowed decision is put in {@link #DECISION_ATTRIBUTE}. Ownership ({@code :own} grants) needs the resource's
 * owner, which only the application knows: for such routes the application calls
 * {@link Authorizer#require(OrgContext, Permission, Resource)} itself with the owner. Thread-safe.
 */
public final class AuthorizationFilter implements Filter {

    /** Request attribute: the allowing {@link Decision}. */
    public static final String DECISION_ATTRIBUTE = "dev.bulwark.servlet.authzDecision";

    private final Authorizer authorizer;
    private final List<Route> routes;
    private final boolean allowUnmapped;

    private record Route(String method, Pattern path, Permission permission) {
    }

    private AuthorizationFilter(Builder b) {
        this.authorizer = b.authorizer;
        this.routes = List.copyOf(b.routes);
        this.allowUnmapped = b.allowUnmapped;
    }

    /**
     * @param authorizer the authorizer
     * @return a builder
     */
    public static Builder builder(Authorizer authorizer) {
        return new Builder(authorizer);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("AuthorizationFilter handles HTTP requests only");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Route route = null;
        for (Route r : routes) {
            if ((r.method.equals("*") || r.method.equals(request.getMethod())) && r.path.matcher(path).matches()) {
                route = r;
                break;
            }
        }
        if (route == null) {
            if (allowUnmapped) {
                chain.doFilter(request, response);
            } else {
                Problems.write(response, 403, "Forbidden", "ROUTE_NOT_MAPPED",
                        "No permission is mapped to this route; it is denied by default.", null);
            }
            return;
        }
        if (!(request.getAttribute(OrgContextFilter.ORG_CONTEXT_ATTRIBUTE) instanceof OrgContext context)) {
            Problems.write(response, 403, "Forbidden", "NO_ORG_CONTEXT",
                    "The request has no authenticated org context.", null);
            return;
        }
        Decision decision;
        try {
            decision = authorizer.check(context, route.permission, Resource.inOrg(context.orgId()));
        } catch (StoreUnavailableException e) {
            Problems.write(response, 503, "Service Unavailable", "STORE_UNAVAILABLE",
                    "Permissions cannot be checked right now; try again shortly.", null);
            return;
        }
        if (!decision.allowed()) {
            Problems.write(response, 403, "Forbidden", decision.reason().name(),
                    "Permission " + route.permission + " is not granted here.", null);
            return;
        }
        request.setAttribute(DECISION_ATTRIBUTE, decision);
        chain.doFilter(request, response);
    }

    /** Configures an {@link AuthorizationFilter}. */
    public static final class Builder {
        private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|\\*|\\*\\*");
        private final Authorizer authorizer;
        private final List<Route> routes = new ArrayList<>();
        private boolean allowUnmapped;

        private Builder(Authorizer authorizer) {
            this.authorizer = ConfigurationException.requireSet(authorizer, "authorizer");
        }

        /**
         * @param method an HTTP method, or {@code *} for any
         * @param pattern a path pattern such as {@code /api/projects/*}
         * @param permission the permission it needs, {@code resource.action}
         * @return this
         * @throws ConfigurationException for a malformed pattern or permission
         */
        public Builder route(String method, String pattern, String permission) {
            ConfigurationException.check(method != null && method.matches("\\*|[A-Z]+"), "method must be upper case or *");
            ConfigurationException.check(pattern != null && pattern.startsWith("/"), "route patterns start with '/'");
            StringBuilder regex = new StringBuilder();
            String[] segments = pattern.substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.isEmpty() && segments.length == 1) {
                    break;
                }
                ConfigurationException.check(SEGMENT.matcher(s).matches(), "route pattern '" + pattern
                        + "' has a malformed segment");
                if (s.equals("**")) {
                    ConfigurationException.check(i == segments.length - 1, "'**' may only end a route pattern");
                    regex.append("(/.*)?");
                } else {
                    regex.append('/').append(s.equals("*") ? "[^/]+" : Pattern.quote(s));
                }
            }
            routes.add(new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(regex.length() == 0 ? "/" : regex
                    .toString()), Permission.parseRequest(permission)));
            return this;
        }

        /**
         * Lets requests that match no route through (default: they are denied).
         *
         * @param allow whether to allow unmapped routes
         * @return this
         */
        public Builder allowUnmappedRoutes(boolean allow) {
            this.allowUnmapped = allow;
            return this;
        }

        /** {@return the filter} */
        public AuthorizationFilter build() {
            return new AuthorizationFilter(this);
        }
    }
}
