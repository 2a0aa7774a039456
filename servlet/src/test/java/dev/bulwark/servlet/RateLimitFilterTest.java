package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.TestClock;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitFilterTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));

    private KeyedRateLimiter limiter(int capacity) {
        return KeyedRateLimiter.builder().addLimit(Bandwidth.capacity(capacity).refillGreedy(1, Duration.ofSeconds(10)))
                .timeSource(clock::nanoTime).build();
    }

    private static HttpServlet app() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("ok " + req.getAttribute(RateLimitFilter.THROTTLED_ATTRIBUTE));
            }
        };
    }

    @Test
    void withinTheLimit_passesWithRateLimitHeaders_thenIs429WithRetryAfter() throws Exception {
        RateLimitFilter filter = RateLimitFilter.builder().limiter(limiter(2)).build();
        try (JettyHarness jetty = JettyHarness.direct(app(), filter)) {
            HttpResponse<String> first = jetty.send("GET", "/api/x");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("RateLimit")).get().asString().contains("r=1");
            assertThat(first.headers().firstValue("RateLimit-Policy")).isPresent();
            assertThat(jetty.send("GET", "/api/x").statusCode()).isEqualTo(200);
            HttpResponse<String> denied = jetty.send("GET", "/api/x");
            assertThat(denied.statusCode()).isEqualTo(429);
            assertThat(denied.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(denied.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(denied.body()).contains("\"reason\":\"OVER_LIMIT\"").doesNotContain("127.0.0.1");

            clock.advance(Duration.ofSeconds(10));
            assertThat(jetty.send("GET", "/api/x").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void forwardedFor_isTrustedOnlyFromConfiguredProxies() throws Exception {
        KeyedRateLimiter shared = limiter(1);
        RateLimitFilter untrusting = RateLimitFilter.builder().limiter(shared).build();
        try (JettyHarness jetty = JettyHarness.direct(app(), untrusting)) {
            // a client rotating X-Forwarded-For values is still one client (127.0.0.1)
            assertThat(jetty.send("GET", "/", "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(200);
            assertThat(jetty.send("GET", "/", "X-Forwarded-For", "198.51.100.2").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void behindATrustedProxy_eachForwardedClientHasItsOwnBucket() throws Exception {
        RateLimitFilter trusting = RateLimitFilter.builder().limiter(limiter(1))
                .key(RateLimitFilter.byClientIp(List.of("127.0.0.0/8", "10.0.0.0/8"))).build();
        try (JettyHarness jetty = JettyHarness.direct(app(), trusting)) {
            assertThat(jetty.send("GET", "/", "X-Forwarded-For", "203.0.113.5, 10.1.2.3").statusCode()).isEqualTo(200);
            assertThat(jetty.send("GET", "/", "X-Forwarded-For", "203.0.113.6").statusCode()).isEqualTo(200);
            // the same client again, whatever it prepends itself
            assertThat(jetty.send("GET", "/", "X-Forwarded-For", "1.2.3.4, 203.0.113.5, 10.1.2.3").statusCode())
                    .isEqualTo(429);
        }
    }

    @Test
    void byAttribute_keysByTheAuthenticatedUser_fallingBackToIp() throws Exception {
        RateLimitFilter byUser = RateLimitFilter.builder().limiter(limiter(1))
                .key(RateLimitFilter.byAttribute("user", "user:", RateLimitFilter.byClientIp(List.of()))).build();
        try (JettyHarness jetty = JettyHarness.direct(app(), byUser)) {
            assertThat(jetty.send("GET", "/").statusCode()).isEqualTo(200);
            assertThat(jetty.send("GET", "/").statusCode()).isEqualTo(429);
        }
    }
}
