package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CorsFilterTest {

    private static final String APP = "https://app.example.com";

    private static CorsFilter credentialed() {
        return CorsFilter.builder().allowedOrigins(APP, "http://localhost:3000").allowCredentials(true).build();
    }

    @Test
    void allowedOrigin_simpleRequest_getsExactOriginAndCredentials() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            HttpResponse<String> r = jetty.send("GET", "/api/x", "Origin", APP);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).get().asString().contains("Retry-After");
            assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        }
    }

    @Test
    void disallowedOrigin_simpleRequest_getsNoCorsHeaders() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            HttpResponse<String> r = jetty.send("GET", "/api/x", "Origin", "https://evil.example");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        }
    }

    @Test
    void preflight_allowed_answered204WithoutCallingApp() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            HttpResponse<String> r = jetty.send("OPTIONS", "/api/projects", "Origin", APP,
                    "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "authorization, content-type, x-org-id");
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("PUT");
            assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).get().asString().contains("X-Org-Id");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
            assertThat(jetty.appCalls).hasValue(0);
        }
    }

    @Test
    void preflight_disallowedOriginMethodOrHeader_403WithoutCorsHeaders() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            for (String[] h : new String[][] {
                {"Origin", "https://evil.example", "Access-Control-Request-Method", "GET"},
                {"Origin", APP, "Access-Control-Request-Method", "TRACE"},
                {"Origin", APP, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-secret-admin"},
                {"Origin", "null", "Access-Control-Request-Method", "GET"}}) {
                HttpResponse<String> r = jetty.send("OPTIONS", "/api/x", h);
                assertThat(r.statusCode()).as(String.join(" ", h)).isEqualTo(403);
                assertThat(r.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("access-control-"));
            }
            assertThat(jetty.appCalls).hasValue(0);
        }
    }

    @Test
    void originLookalikes_andInjection_neverEchoed() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            for (String origin : new String[] {"https://app.example.com.evil.example", "https://evilapp.example.com",
                    "http://app.example.com", "https://app.example.com:8443", APP + ", https://evil.example"}) {
                HttpResponse<String> r = jetty.send("GET", "/", "Origin", origin);
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
            }
            HttpResponse<String> upper = jetty.send("GET", "/", "Origin", "HTTPS://APP.EXAMPLE.COM");
            assertThat(upper.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        }
    }

    @Test
    void anyOrigin_withoutCredentials_sendsStar() throws Exception {
        try (JettyHarness jetty = new JettyHarness(CorsFilter.builder().allowAnyOrigin().build())) {
            HttpResponse<String> r = jetty.send("GET", "/", "Origin", "https://whoever.example");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void noOrigin_passesThroughUntouched() throws Exception {
        try (JettyHarness jetty = new JettyHarness(credentialed())) {
            HttpResponse<String> r = jetty.send("GET", "/");
            assertThat(r.body()).isEqualTo("app");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void build_starWithCredentials_orBadOrigins_refused() {
        assertThatThrownBy(() -> CorsFilter.builder().allowAnyOrigin().allowCredentials(true).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> CorsFilter.builder().allowedOrigins("*")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> CorsFilter.builder().allowedOrigins("null")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> CorsFilter.builder().allowedOrigins("https://a.example/path"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> CorsFilter.builder().allowedOrigins("ftp://a.example"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> CorsFilter.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> CorsFilter.builder().allowedHeaders("*")).isInstanceOf(ConfigurationException.class);
    }
}
