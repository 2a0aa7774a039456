package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ErrorBoundaryFilterTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlMTIz";

    private static HttpServlet failing() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("partial output that must not leak");
                throw new IllegalStateException("db password=hunter2 failed for " + req.getParameter("q") + " " + TOKEN);
            }
        };
    }

    @Test
    void exception_becomesProblem500_withoutInternals() throws Exception {
        try (JettyHarness jetty = new JettyHarness(failing(), ErrorBoundaryFilter.create())) {
            HttpResponse<String> r = jetty.send("GET", "/api/x?q=%3Cscript%3Ealert(1)%3C/script%3E");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            String id = r.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(r.body()).contains("\"reason\":\"INTERNAL_ERROR\"").contains("\"correlation_id\":\"" + id + "\"")
                    .doesNotContain("IllegalStateException").doesNotContain("hunter2").doesNotContain("script")
                    .doesNotContain("partial output").doesNotContain("at dev.bulwark").doesNotContain(TOKEN);
        }
    }

    @Test
    void safeIncomingRequestId_reused_unsafeOneReplaced() throws Exception {
        try (JettyHarness jetty = new JettyHarness(failing(), ErrorBoundaryFilter.create())) {
            assertThat(jetty.send("GET", "/", "X-Request-Id", "req-123.abc").headers().firstValue("X-Request-Id"))
                    .hasValue("req-123.abc");
            String replaced = jetty.send("GET", "/", "X-Request-Id", "<img src=x>").headers()
                    .firstValue("X-Request-Id").orElseThrow();
            assertThat(replaced).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void noException_passesThrough() throws Exception {
        try (JettyHarness jetty = new JettyHarness(ErrorBoundaryFilter.create())) {
            HttpResponse<String> r = jetty.send("GET", "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("app");
        }
    }

    @Test
    void maskCredentials_keepsFirst8Characters() {
        assertThat(ErrorBoundaryFilter.maskCredentials("auth Bearer abcdefghijklmnop failed"))
                .isEqualTo("auth Bearer abcdefgh*** failed")
                .doesNotContain("ijklmnop");
        assertThat(ErrorBoundaryFilter.maskCredentials("token " + TOKEN)).isEqualTo("token eyJhbGci***");
        assertThat(ErrorBoundaryFilter.maskCredentials("key ak_live_0123456789abcdef")).isEqualTo("key ak_live_***");
        assertThat(ErrorBoundaryFilter.maskCredentials("Basic dXNlcg==")).isEqualTo("Basic ***");
        assertThat(ErrorBoundaryFilter.maskCredentials(null)).isNull();
    }
}
