package dev.bulwark.servlet;

import dev.bulwark.authz.AuthenticatedPrincipal;
import dev.bulwark.authz.OrgContext;
import dev.bulwark.authz.OrgContextResolver;
import dev.bulwark.authz.OrgResolutionException;
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

/**
 * Resolves the org (tenant) of every authenticated request with {@link OrgContextResolver}: the API key's org,
 * else the {@code X-Org-Id} header, else the user's personal org. The {@link OrgContext} goes into
 * {@link #ORG_CONTEXT_ATTRIBUTE}. A user who is not a member of the requested org gets {@code 403}
 * ({@code NOT_A_MEMBER}), an unknown org {@code 404} ({@code UNKNOWN_ORG}), a malformed header {@code 400}; an
 * API key used with another org's header {@code 403}. Install it after {@link AuthenticationFilter}; a request
 * without a principal is passed on untouched (it was a public path). Thread-safe.
 */
public final class OrgContextFilter implements Filter {

    /** Request attribute: the resolved {@link OrgContext}. */
    public static final String ORG_CONTEXT_ATTRIBUTE = "dev.bulwark.servlet.orgContext";

    private final OrgContextResolver resolver;

    private OrgContextFilter(OrgContextResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param resolver the resolver
     * @return the filter
     * @throws ConfigurationException when the resolver is missing
     */
    public static OrgContextFilter create(OrgContextResolver resolver) {
        return new OrgContextFilter(ConfigurationException.requireSet(resolver, "resolver"));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !(req.getAttribute(AuthenticationFilter.PRINCIPAL_ATTRIBUTE) instanceof AuthenticatedPrincipal p)) {
            chain.doFilter(req, res);
            return;
        }
        OrgContext context;
        try {
            context = resolver.resolve(p, request.getHeader("X-Org-Id"));
        } catch (OrgResolutionException e) {
            int status = e.httpStatus();
            Problems.write(response, status, status == 404 ? "Not Found" : status == 400 ? "Bad Request" : "Forbidden",
                    e.reason().name(), e.getMessage(), null);
            return;
        } catch (StoreUnavailableException e) {
            Problems.write(response, 503, "Service Unavailable", "STORE_UNAVAILABLE",
                    "Memberships cannot be checked right now; try again shortly.", null);
            return;
        }
        request.setAttribute(ORG_CONTEXT_ATTRIBUTE, context);
        chain.doFilter(request, response);
    }
}
