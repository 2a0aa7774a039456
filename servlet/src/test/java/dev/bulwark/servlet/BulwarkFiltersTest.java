package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulwarkFiltersTest {

    private final TestClock clock = new TestClock();

    private AuthenticationFilter auth() {
        return AuthenticationFilter.builder().accessTokens(AccessTokens.builder()
                .signingKeys(SigningKeys.of(SigningKey.hmac("k1", Secret.ofUtf8("0123456789abcdef0123456789abcdef"))))
                .issuer("https://id.example.com").audience("api").clock(clock).withoutSessionCheck().build()).build();
    }

    private RateLimitFilter limit() {
        return RateLimitFilter.builder().limiter(KeyedRateLimiter.builder()
                .addLimit(Bandwidth.capacity(10).refillGreedy(10, Duration.ofSeconds(1))).timeSource(clock::nanoTime)
                .build()).build();
    }

    @Test
    void filtersComeOutInTheSafeOrder_whateverOrderTheyWereGiven() {
        BulwarkFilters filters = BulwarkFilters.builder()
                .userRateLimit(limit())
                .authentication(auth())
                .webhook("/webhooks/stripe", WebhookFilter.builder().verifier(WebhookVerifier
                        .builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("whsec_abc")).build()).build())
                .anonymousRateLimit(limit())
                .cors(CorsFilter.builder().allowedOrigins("https://app.example.com").build())
                .requestLimits(RequestLimitsFilter.builder().build())
                .build();
        assertThat(filters.filters()).extracting(BulwarkFilters.Registration::name).containsExactly(
                "bulwark-error-boundary", "bulwark-security-headers", "bulwark-cors", "bulwark-request-limits",
                "bulwark-rate-limit-anonymous", "bulwark-webhook-0", "bulwark-authentication",
                "bulwark-rate-limit-user");
        assertThat(filters.filters().get(5).urlPatterns()).containsExactly("/webhooks/stripe");
        assertThat(filters.filters().get(6).urlPatterns()).containsExactly("/api/*");
    }

    @Test
    void theDefaults_areTheErrorBoundaryAndSecurityHeaders() {
        assertThat(BulwarkFilters.builder().build().filters()).extracting(BulwarkFilters.Registration::urlPatterns)
                .containsExactly(List.of("/*"), List.of("/*"));
    }

    @Test
    void filtersThatNeedAnotherOne_refuseToBuildWithoutIt() {
        assertThatThrownBy(() -> BulwarkFilters.builder().userRateLimit(limit()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("authentication");
        assertThatThrownBy(() -> BulwarkFilters.builder().webhook("webhooks", null))
                .isInstanceOf(ConfigurationException.class);
    }
}
