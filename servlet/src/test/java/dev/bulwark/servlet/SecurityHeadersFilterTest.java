package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    @Test
    void defaults_overHttp_setEveryHeaderButHsts() throws Exception {
        try (JettyHarness jetty = new JettyHarness(SecurityHeadersFilter.defaults())) {
            HttpResponse<String> r = jetty.send("GET", "/page");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(r.headers().firstValue("Permissions-Policy")).hasValue(SecurityHeadersFilter.DEFAULT_PERMISSIONS_POLICY);
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeadersFilter.DEFAULT_CSP);
            assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
            assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
            assertThat(SecurityHeadersFilter.DEFAULT_CSP).contains("object-src 'none'", "base-uri 'none'");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        }
    }

    @Test
    void secureRequest_getsHsts_andApiPathGetsNoStore() throws Exception {
        try (JettyHarness jetty = new JettyHarness(SecurityHeadersFilter.defaults())) {
            HttpResponse<String> r = jetty.send("GET", "/api/things", "X-Forwarded-Proto", "https");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void cspNonce_freshPerRequest_andExposedToApp() throws Exception {
        try (JettyHarness jetty = new JettyHarness(SecurityHeadersFilter.builder()
                .contentSecurityPolicy("default-src 'self'; script-src 'self'").cspNonce(true).build())) {
            HttpResponse<String> a = jetty.send("GET", "/");
            HttpResponse<String> b = jetty.send("GET", "/");
            String nonce = a.body().substring("nonce=".length());
            assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
            assertThat(a.headers().firstValue("Content-Security-Policy")).hasValue(
                    "default-src 'self'; script-src 'self' 'nonce-" + nonce + "' 'strict-dynamic'; style-src 'nonce-"
                            + nonce + "'");
            assertThat(b.body()).isNotEqualTo(a.body());
        }
    }

    @Test
    void overrides_replaceAndRemoveDefaults() throws Exception {
        try (JettyHarness jetty = new JettyHarness(SecurityHeadersFilter.builder()
                .header("x-frame-options", "SAMEORIGIN").without("Permissions-Policy")
                .hsts(Duration.ofDays(365), true, true).apiPaths("/v1/").build())) {
            HttpResponse<String> r = jetty.send("GET", "/v1/x", "X-Forwarded-Proto", "https");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
            assertThat(r.headers().firstValue("Permissions-Policy")).isEmpty();
            assertThat(r.headers().firstValue("Strict-Transport-Security"))
                    .hasValue("max-age=31536000; includeSubDomains; preload");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void builder_invalidSettings_refused() {
        assertThatThrownBy(() -> SecurityHeadersFilter.builder().header("X-Bad", "a\r\nSet-Cookie: x"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SecurityHeadersFilter.builder().header("Bad Name", "v"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SecurityHeadersFilter.builder().hsts(Duration.ofHours(1), false, false))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("between 1 day and 730 days");
        assertThatThrownBy(() -> SecurityHeadersFilter.builder().hsts(Duration.ofDays(30), false, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("preload");
    }
}
