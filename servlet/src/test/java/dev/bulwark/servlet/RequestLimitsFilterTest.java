package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestLimitsFilterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicReference<Duration> advanceBetweenReads = new AtomicReference<>(Duration.ZERO);

    /** Reads the body in 1 KiB reads, advancing the injected clock between reads, and echoes its size. */
    private HttpServlet reader() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                InputStream in = req.getInputStream();
                byte[] buf = new byte[1024];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    nanos.addAndGet(advanceBetweenReads.get().toNanos());
                }
                resp.getWriter().print(total);
            }
        };
    }

    private RequestLimitsFilter filter() {
        return RequestLimitsFilter.builder().maxBodyBytes(4096).bodyReadTimeout(Duration.ofSeconds(30))
                .maxUriLength(300).nanoTime(nanos::get).build();
    }

    @Test
    void bodyWithinLimit_reachesApp() throws Exception {
        try (JettyHarness jetty = new JettyHarness(reader(), filter())) {
            HttpResponse<String> r = jetty.send("POST", "/api/x", HttpRequest.BodyPublishers.ofByteArray(new byte[4096]));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("4096");
        }
    }

    @Test
    void declaredLengthOverLimit_413BeforeApp() throws Exception {
        try (JettyHarness jetty = new JettyHarness(reader(), filter())) {
            HttpResponse<String> r = jetty.send("POST", "/api/x", HttpRequest.BodyPublishers.ofByteArray(new byte[5000]));
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("\"reason\":\"BODY_TOO_LARGE\"");
        }
    }

    @Test
    void chunkedBodyOverLimit_413WhileReading() throws Exception {
        try (JettyHarness jetty = new JettyHarness(reader(), filter())) {
            HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(new byte[20_000]));
            HttpResponse<String> r = jetty.send("POST", "/api/x", chunked);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("BODY_TOO_LARGE");
        }
    }

    @Test
    void slowBody_pastReadDeadline_408() throws Exception {
        advanceBetweenReads.set(Duration.ofSeconds(20));
        try (JettyHarness jetty = new JettyHarness(reader(), filter())) {
            HttpResponse<String> r = jetty.send("POST", "/api/x", HttpRequest.BodyPublishers.ofByteArray(new byte[4000]));
            assertThat(r.statusCode()).isEqualTo(408);
            assertThat(r.body()).contains("BODY_READ_TIMEOUT");
        }
    }

    @Test
    void longRequestTarget_414() throws Exception {
        try (JettyHarness jetty = new JettyHarness(reader(), filter())) {
            HttpResponse<String> r = jetty.send("GET", "/api/x?q=" + "a".repeat(400));
            assertThat(r.statusCode()).isEqualTo(414);
            assertThat(r.body()).contains("URI_TOO_LONG");
        }
    }

    @Test
    void builder_outOfRange_refusedWithExactMessage() {
        assertThatThrownBy(() -> RequestLimitsFilter.builder().maxBodyBytes(0))
                .isInstanceOf(ConfigurationException.class).hasMessage("maxBodyBytes must be between 1 and 1073741824, was 0");
        assertThatThrownBy(() -> RequestLimitsFilter.builder().bodyReadTimeout(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("between 1 s and 10 min");
    }
}
