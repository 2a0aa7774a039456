package dev.bulwark.servlet;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.servlet.internal.Problems;
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
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounds what a request may cost before the application sees it: the body size, the total time spent
 * reading the body (the defence against slow-body "slowloris" uploads), and the request-target length.
 *
 * <ul>
 *   <li>A declared {@code Content-Length} over the limit is refused at once with {@code 413} and
 *       {@code reason: BODY_TOO_LARGE}; a chunked body is counted as it is read and the read fails with
 *       {@link BodyLimitException} past the limit (the error boundary or this filter answers {@code 413}).</li>
 *   <li>Reading the body must finish within the read deadline (default 30 s from the first read); the next
 *       read after it fails with {@link BodyLimitException} and {@code 408 BODY_READ_TIMEOUT}. A single read
 *       that stalls is bounded by the container's idle timeout (for Jetty, {@code ServerConnector.setIdleTimeout}):
 *       set both.</li>
 *   <li>A request target longer than the limit (default 8 KiB) is refused with {@code 414 URI_TOO_LONG}.</li>
 * </ul>
 *
 * <p>Time comes from the injected nano-time source. This class is thread-safe.
 */
public final class RequestLimitsFilter implements Filter {

    private final long maxBodyBytes;
    private final long readTimeoutNanos;
    private final int maxUriLength;
    private final LongSupplier nanoTime;

    private RequestLimitsFilter(Builder b) {
        this.maxBodyBytes = b.maxBodyBytes;
        this.readTimeoutNanos = b.readTimeout.toNanos();
        this.maxUriLength = b.maxUriLength;
        this.nanoTime = b.nanoTime;
    }

    /** {@return a builder with the defaults: 1 MiB body, 30 s body read, 8 KiB request target} */
    public static Builder builder() {
        return new Builder();
    }

    /** Thrown from a body read that went past a limit. */
    public static final class BodyLimitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean timeout;

        BodyLimitException(String message, boolean timeout) {
            super(message);
            this.timeout = timeout;
        }

        /** {@return whether the read deadline (rather than the size) was exceeded} */
        public boolean timeout() {
            return timeout;
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        int length = (uri == null ? 0 : uri.length()) + (query == null ? 0 : query.length() + 1);
        if (length > maxUriLength) {
            Problems.write(response, 414, "URI Too Long", "URI_TOO_LONG",
                    "The request target is longer than " + maxUriLength + " characters.", null);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            response.setHeader("Connection", "close");
            Problems.write(response, 413, "Content Too Large", "BODY_TOO_LARGE",
                    "The request body is larger than " + maxBodyBytes + " bytes.", null);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request), response);
        } catch (BodyLimitException e) {
            respond(response, e);
        } catch (ServletException e) {
            if (e.getRootCause() instanceof BodyLimitException limit) {
                respond(response, limit);
            } else {
                throw e;
            }
        }
    }

    private void respond(HttpServletResponse response, BodyLimitException e) throws IOException {
        response.setHeader("Connection", "close");
        if (e.timeout()) {
            Problems.write(response, 408, "Request Timeout", "BODY_READ_TIMEOUT",
                    "The request body was not received in time.", null);
        } else {
            Problems.write(response, 413, "Content Too Large", "BODY_TOO_LARGE",
                    "The request body is larger than " + maxBodyBytes + " bytes.", null);
        }
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() was already called");
            }
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (stream != null) {
                    throw new IllegalStateException("getInputStream() was already called");
                }
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
                reader = new BufferedReader(new InputStreamReader(new LimitedStream(super.getInputStream()), cs));
            }
            return reader;
        }
    }

    private final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private long count;
        private long started = Long.MIN_VALUE;

        LimitedStream(ServletInputStream in) {
            this.in = in;
        }

        private void before() throws BodyLimitException {
            long now = nanoTime.getAsLong();
            if (started == Long.MIN_VALUE) {
                started = now;
            } else if (now - started > readTimeoutNanos) {
                throw new BodyLimitException("request body read deadline exceeded", true);
            }
        }

        private int after(int n) throws BodyLimitException {
            if (n > 0) {
                count += n;
                if (count > maxBodyBytes) {
                    throw new BodyLimitException("request body exceeds " + maxBodyBytes + " bytes", false);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            before();
            int b = in.read();
            if (b >= 0) {
                after(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            before();
            return after(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** Configures a {@link RequestLimitsFilter}. Not thread-safe. */
    public static final class Builder {
        private long maxBodyBytes = 1024 * 1024;
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxUriLength = 8192;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        /**
         * @param bytes the largest body accepted, 1 byte to 1 GiB (default 1 MiB)
         * @return this
         */
        public Builder maxBodyBytes(long bytes) {
            ConfigurationException.check(bytes >= 1 && bytes <= (1L << 30),
                    "maxBodyBytes must be between 1 and 1073741824, was " + bytes);
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param timeout how long reading a body may take from the first read, 1 s to 10 min (default 30 s)
         * @return this
         */
        public Builder bodyReadTimeout(Duration timeout) {
            ConfigurationException.check(timeout != null && timeout.compareTo(Duration.ofSeconds(1)) >= 0
                    && timeout.compareTo(Duration.ofMinutes(10)) <= 0,
                    "bodyReadTimeout must be between 1 s and 10 min, was " + timeout);
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @param length the longest request target (path and query) accepted, 256 to 65536 (default 8192)
         * @return this
         */
        public Builder maxUriLength(int length) {
            ConfigurationException.check(length >= 256 && length <= 65_536,
                    "maxUriLength must be between 256 and 65536, was " + length);
            this.maxUriLength = length;
            return this;
        }

        /**
         * @param source the nano-time source (default {@code System::nanoTime}); tests inject their own
         * @return this
         */
        public Builder nanoTime(LongSupplier source) {
            this.nanoTime = ConfigurationException.requireSet(source, "nanoTime");
            return this;
        }

        /** {@return the filter} */
        public RequestLimitsFilter build() {
            return new RequestLimitsFilter(this);
        }
    }
}
