package dev.bulwark.servlet;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.servlet.internal.Problems;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any exception escaping the application into an RFC 9457 {@code application/problem+json} 500
 * response with a correlation id, and nothing else: no stack trace, no exception class name, no echo of the
 * input. The detail goes to the log instead, with every exception message passed through the configured
 * masker (by default {@link #maskCredentials(String)}; hosts using {@code bulwark-pii} plug in
 * {@code LogMasking::mask}).
 *
 * <p>The correlation id is the request's {@code X-Request-Id} when that is a safe token
 * ({@code [A-Za-z0-9._-]{1,64}}), otherwise a fresh random id; it is returned in the {@code X-Request-Id}
 * response header and the body's {@code correlation_id}. If the response was already committed when the
 * exception arrived, only the log line is written. {@link VirtualMachineError}s (out of memory, stack
 * overflow) are logged and rethrown.
 *
 * <p>Install it first (outermost) so that it also covers the other filters. This class is thread-safe.
 */
public final class ErrorBoundaryFilter implements Filter {

    /** Request attribute holding the correlation id, for the application's own logs. */
    public static final String CORRELATION_ID_ATTRIBUTE = "dev.bulwark.servlet.correlationId";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?i)(?<scheme>(?:bearer|basic)\\s+)(?<cred>[A-Za-z0-9._~+/=-]{1,4096})"
            + "|eyJ[A-Za-z0-9_-]{1,4096}\\.[A-Za-z0-9_-]{1,4096}\\.[A-Za-z0-9_-]{0,4096}"
            + "|(whsec_|ak_live_|ak_test_|sk_live_|rk_live_|ghp_)[A-Za-z0-9+/=_]{1,4096}");

    private final Logger log;
    private final UnaryOperator<String> masker;

    private ErrorBoundaryFilter(Logger log, UnaryOperator<String> masker) {
        this.log = log;
        this.masker = masker;
    }

    /** {@return a boundary logging to {@code dev.bulwark.servlet.ErrorBoundaryFilter} with credential masking} */
    public static ErrorBoundaryFilter create() {
        return create(ErrorBoundaryFilter::maskCredentials);
    }

    /**
     * @param masker applied to every exception message before it is logged (e.g. {@code LogMasking::mask})
     * @return the boundary
     */
    public static ErrorBoundaryFilter create(UnaryOperator<String> masker) {
        return new ErrorBoundaryFilter(LoggerFactory.getLogger(ErrorBoundaryFilter.class),
                Objects.requireNonNull(masker, "masker"));
    }

    /**
     * The default masker: keeps the scheme and the first 8 characters of bearer/basic credentials, the first 8
     * characters of JWTs and well-known key formats, and replaces the rest with {@code ***}.
     *
     * @param message a message, may be null
     * @return the masked message
     */
    public static String maskCredentials(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = CREDENTIALS.matcher(message);
        StringBuilder out = new StringBuilder(message.length());
        while (m.find()) {
            String scheme = m.group("scheme");
            String s = scheme == null ? m.group() : m.group("cred");
            String kept = s.length() <= 8 ? "***" : s.substring(0, 8) + "***";
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(scheme == null ? kept : scheme + kept));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String incoming = request.getHeader("X-Request-Id");
        String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : RandomTokens.hex(16);
        request.setAttribute(CORRELATION_ID_ATTRIBUTE, id);
        response.setHeader("X-Request-Id", id);
        try {
            chain.doFilter(request, response);
        } catch (VirtualMachineError e) {
            log.error("fatal error correlation_id={} method={} path={}", id, request.getMethod(), safePath(request));
            throw e;
        } catch (Throwable t) {
            log.error("unhandled exception correlation_id={} method={} path={}\n{}", id, request.getMethod(),
                    safePath(request), describe(t));
            if (!Problems.write(response, 500, "Internal Server Error", "INTERNAL_ERROR",
                    "The server could not complete the request. Quote the correlation id when reporting it.", id)) {
                log.warn("response already committed; correlation_id={} could not be sent", id);
            }
        }
    }

    private String safePath(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path == null ? "" : masker.apply(path.length() > 256 ? path.substring(0, 256) + "…" : path);
    }

    private String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(512);
        int depth = 0;
        for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
            sb.append(depth == 0 ? "" : "Caused by: ").append(c.getClass().getName());
            String message = masker.apply(c.getMessage());
            if (message != null) {
                sb.append(": ").append(message);
            }
            sb.append('\n');
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 24); i++) {
                sb.append("\tat ").append(frames[i]).append('\n');
            }
        }
        return sb.toString();
    }
}
