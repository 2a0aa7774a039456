package dev.bulwark.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes RFC 9457 {@code application/problem+json} bodies. Values are JSON-escaped; no input is echoed. */
public final class Problems {

    private Problems() {
    }

    /**
     * Writes a problem response unless the response is already committed.
     *
     * @param response the response
     * @param status the HTTP status
     * @param title the short, fixed title
     * @param reason the machine-readable reason code
     * @param detail a fixed explanation, or null
     * @param correlationId a correlation id, or null
     * @return whether the problem was written
     * @throws IOException when writing fails
     */
    public static boolean write(HttpServletResponse response, int status, String title, String reason, String detail,
            String correlationId) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        StringBuilder sb = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        string(sb, title).append(",\"status\":").append(status).append(",\"reason\":");
        string(sb, reason);
        if (detail != null) {
            string(sb.append(",\"detail\":"), detail);
        }
        if (correlationId != null) {
            string(sb.append(",\"correlation_id\":"), correlationId);
        }
        byte[] body = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerAlreadyUsed) {
            // The application already called getWriter(); its buffered text was discarded above.
            java.io.PrintWriter writer = response.getWriter();
            writer.write(new String(body, StandardCharsets.UTF_8));
            writer.flush();
            return true;
        }
        out.write(body);
        out.flush();
        return true;
    }

    /**
     * Appends {@code s} as a JSON string literal.
     *
     * @param sb the builder
     * @param s the value
     * @return the builder
     */
    public static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
