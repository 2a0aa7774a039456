package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.servlet.internal.ClientAddress;
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
import java.util.function.ToLongFunction;

/**
 * Applies a {@link RateLimiter} to every request it is mapped to.
 *
 * <p>The key is chosen by a {@link KeyResolver}: the authenticated user, the org, the API key id (from request
 * attributes the authentication filters set) or the client IP, which trusts {@code X-Forwarded-For} only from
 * the configured proxies. Every answer carries the {@code RateLimit} and {@code RateLimit-Policy} headers; a
 * refusal is {@code 429} with {@code Retry-After} and an {@code application/problem+json} body naming the reason
 * (never the key). A soft limit that asks the host to degrade sets the request attribute
 * {@link #THROTTLED_ATTRIBUTE} to {@code Boolean.TRUE} and lets the request through. A limiter whose store is
 * down and that is configured to fail closed answers {@code 503} with reason {@code STORE_UNAVAILABLE}.
 *
 * <p>Thread-safe.
 */
public final class RateLimitFilter implements Filter {

    /** Request attribute set to {@code Boolean.TRUE} when a soft limit asks the application to degrade. */
    public static final String THROTTLED_ATTRIBUTE = "dev.bulwark.servlet.throttled";
    /** Request attribute holding the {@link RateDecision} for the application's own use. */
    public static final String DECISION_ATTRIBUTE = "dev.bulwark.servlet.rateDecision";

    /** Chooses the bucket a request counts against. */
    @FunctionalInterface
    public interface KeyResolver {
        /**
         * @param request the request
         * @return the key, or {@code null} to let the request through unlimited by this filter
         */
        String keyOf(HttpServletRequest request);
    }

    private final RateLimiter limiter;
    private final KeyResolver key;
    private final ToLongFunction<HttpServletRequest> cost;

    private RateLimitFilter(Builder b) {
        this.limiter = b.limiter;
        this.key = b.key;
        this.cost = b.cost;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param trustedProxies addresses or CIDRs of the proxies whose {@code X-Forwarded-For} entries are believed
     * @return a resolver keying by client IP ({@code ip:<address>})
     * @throws ConfigurationException for a malformed proxy entry
     */
    public static KeyResolver byClientIp(List<String> trustedProxies) {
        ClientAddress address = new ClientAddress(trustedProxies);
        return request -> "ip:" + address.of(request);
    }

    /**
     * @param attribute a request attribute set by an earlier filter (e.g. the authenticated user id)
     * @param prefix prepended to the value, e.g. {@code "user:"}
     * @param fallback used when the attribute is absent (e.g. {@link #byClientIp}), or null to skip limiting
     * @return a resolver
     */
    public static KeyResolver byAttribute(String attribute, String prefix, KeyResolver fallback) {
        return request -> {
            Object value = request.getAttribute(attribute);
            if (value != null) {
                return prefix + value;
            }
            return fallback == null ? null : fallback.keyOf(request);
        };
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String k = key.keyOf(request);
        if (k == null) {
            chain.doFilter(request, response);
            return;
        }
        RateDecision decision;
        try {
            decision = limiter.tryAcquire(k, cost.applyAsLong(request));
        } catch (StoreUnavailableException e) {
            Problems.write(response, 503, "Service Unavailable", "STORE_UNAVAILABLE",
                    "The rate-limit store is unavailable; try again shortly.", null);
            return;
        }
        request.setAttribute(DECISION_ATTRIBUTE, decision);
        decision.rateLimitHeader().ifPresent(v -> response.setHeader("RateLimit", v));
        decision.rateLimitPolicyHeader().ifPresent(v -> response.setHeader("RateLimit-Policy", v));
        if (decision.allowed()) {
            if (decision.throttled()) {
                request.setAttribute(THROTTLED_ATTRIBUTE, Boolean.TRUE);
            }
            chain.doFilter(request, response);
            return;
        }
        decision.retryAfterHeader().ifPresent(v -> response.setHeader("Retry-After", v));
        String reason = decision.reason() == null ? "OVER_LIMIT" : decision.reason().name();
        Problems.write(response, 429, "Too Many Requests", reason,
                decision.canEverSucceed() ? "Too many requests; retry after the time in Retry-After."
                        : "This request costs more than the limit allows; it can never succeed.", null);
    }

    /** Configures a {@link RateLimitFilter}. */
    public static final class Builder {
        private RateLimiter limiter;
        private KeyResolver key;
        private ToLongFunction<HttpServletRequest> cost = r -> 1;
        private final List<String> proxies = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param limiter the limiter (required)
         * @return this
         */
        public Builder limiter(RateLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        /**
         * @param key how to key requests (default: by client IP with the configured trusted proxies)
         * @return this
         */
        public Builder key(KeyResolver key) {
            this.key = key;
            return this;
        }

        /**
         * @param cidrs trusted proxies for the default client-IP key
         * @return this
         */
        public Builder trustedProxies(String... cidrs) {
            proxies.addAll(List.of(cidrs));
            return this;
        }

        /**
         * @param cost the cost of a request (default 1)
         * @return this
         */
        public Builder cost(ToLongFunction<HttpServletRequest> cost) {
            this.cost = ConfigurationException.requireSet(cost, "cost");
            return this;
        }

        /**
         * @return the filter
         * @throws ConfigurationException without a limiter or with a malformed proxy entry
         */
        public RateLimitFilter build() {
            ConfigurationException.requireSet(limiter, "limiter");
            if (key == null) {
                key = byClientIp(proxies);
            }
            return new RateLimitFilter(this);
        }
    }
}
