package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.servlet.internal.Problems;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;
import dev.bulwark.webhooks.WebhookVerifier;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Verifies inbound webhooks before the application sees them.
 *
 * <p>The filter reads the raw body (refusing, with {@code 413}, more than the configured limit, 1 MiB by
 * default), rebuilds the request as the provider signed it (method, public URL, headers, body and, for
 * form-encoded bodies, the form parameters) and runs the configured {@link WebhookVerifier}. On success the
 * application receives a request whose input stream replays exactly the verified bytes, and the
 * {@link VerifiedWebhook} under {@link #VERIFIED_ATTRIBUTE}. On failure it answers
 * {@code application/problem+json} with the verifier's reason: {@code 400} for a malformed request or header,
 * {@code 401} for a missing or wrong signature, a timestamp outside the tolerance or a replay; and {@code 503}
 * when the replay guard's store is down. The application is never called for an unverified delivery.
 *
 * <p>It cannot be built without a verifier, and a verifier cannot be built without a secret: a misconfigured
 * receiver fails at start-up, never open. Thread-safe.
 */
public final class WebhookFilter implements Filter {

    /** Request attribute holding the {@link VerifiedWebhook}. */
    public static final String VERIFIED_ATTRIBUTE = "dev.bulwark.servlet.webhook";

    private final WebhookVerifier verifier;
    private final int maxBodyBytes;

    private WebhookFilter(Builder b) {
        this.verifier = b.verifier;
        this.maxBodyBytes = b.maxBodyBytes;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("WebhookFilter handles HTTP requests only");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            Problems.write(response, 413, "Content Too Large", "BODY_TOO_LARGE",
                    "The webhook body is larger than this receiver accepts.", null);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBodyBytes);
        if (body == null) {
            Problems.write(response, 413, "Content Too Large", "BODY_TOO_LARGE",
                    "The webhook body is larger than this receiver accepts.", null);
            return;
        }
        WebhookRequest.Builder delivery = WebhookRequest.builder().method(request.getMethod())
                .url(request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()))
                .body(body);
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                delivery.header(name, values.nextElement());
            }
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            addFormParams(delivery, new String(body, StandardCharsets.UTF_8));
        }
        VerifiedWebhook verified;
        try {
            verified = verifier.verify(delivery.build());
        } catch (WebhookVerificationException e) {
            WebhookReason reason = e.reason();
            boolean malformed = reason == WebhookReason.MALFORMED_REQUEST || reason == WebhookReason.MALFORMED_HEADER;
            Problems.write(response, malformed ? 400 : 401, malformed ? "Bad Request" : "Unauthorized",
                    reason.name(), "The webhook could not be verified.", null);
            return;
        } catch (StoreUnavailableException e) {
            Problems.write(response, 503, "Service Unavailable", "STORE_UNAVAILABLE",
                    "The webhook could not be checked for replay; the provider should retry.", null);
            return;
        }
        request.setAttribute(VERIFIED_ATTRIBUTE, verified);
        chain.doFilter(new VerifiedRequest(request, body), response);
    }

    private static void addFormParams(WebhookRequest.Builder delivery, String form) {
        if (form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            delivery.formParam(name, value);
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The request as the application sees it: the verified bytes, replayable. */
    private static final class VerifiedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        VerifiedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the verified body is already in memory; read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration(); // the body was consumed; read it from the input stream
        }
    }

    /** Configures a {@link WebhookFilter}. */
    public static final class Builder {
        private WebhookVerifier verifier;
        private int maxBodyBytes = 1024 * 1024;

        private Builder() {
        }

        /**
         * @param verifier the verifier for the provider this path receives (required)
         * @return this
         */
        public Builder verifier(WebhookVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /**
         * @param bytes the largest body accepted, 1 byte to 16 MiB (default 1 MiB)
         * @return this
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @return the filter
         * @throws ConfigurationException without a verifier or with a limit out of range
         */
        public WebhookFilter build() {
            ConfigurationException.requireSet(verifier, "verifier");
            ConfigurationException.check(maxBodyBytes >= 1 && maxBodyBytes <= 16 * 1024 * 1024,
                    "maxBodyBytes must be 1 byte..16 MiB");
            return new WebhookFilter(this);
        }
    }
}
