package dev.bulwark.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.servlet.CorsFilter;
import dev.bulwark.servlet.SecurityHeadersFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo service: the reference composition of Bulwark's public API on embedded Jetty, bound to
 * 127.0.0.1. Every route uses only the modules' public API.
 *
 * <p>Routes so far: {@code GET /health}, {@code GET /api/whoami} (echoes the request's security-relevant
 * headers, with credentials masked after 8 characters). Every response carries the security headers; CORS
 * allows the configured origins with credentials.
 */
public final class DemoServer implements AutoCloseable {

    /** Request headers {@code /api/whoami} reports. */
    static final List<String> ECHOED_HEADERS = List.of("authorization", "origin", "x-org-id", "x-forwarded-for",
            "x-forwarded-proto", "x-request-id", "user-agent", "cookie");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final ServerConnector connector;

    private DemoServer(int port, List<String> corsOrigins) {
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(SecurityHeadersFilter.defaults()), "/*", request);
        context.addFilter(new FilterHolder(CorsFilter.builder()
                .allowedOrigins(corsOrigins.toArray(String[]::new)).allowCredentials(true).build()), "/*", request);
        context.addServlet(new ServletHolder(new Health()), "/health");
        context.addServlet(new ServletHolder(new WhoAmI()), "/api/whoami");
        context.addServlet(new ServletHolder(new NotFound()), "/");
        server.setHandler(context);
    }

    /**
     * Starts the demo.
     *
     * @param port the port on 127.0.0.1, or 0 for any free port
     * @param corsOrigins browser origins allowed to call the API with credentials
     * @return the running server
     * @throws Exception when Jetty cannot start (for example the port is taken)
     */
    public static DemoServer start(int port, List<String> corsOrigins) throws Exception {
        DemoServer demo = new DemoServer(port, corsOrigins);
        demo.server.start();
        return demo;
    }

    /** {@return the bound port} */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@return the base URL, e.g. {@code http://127.0.0.1:8080}} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Blocks until the server stops.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server; failures to stop are reported as {@link IllegalStateException}. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("demo server did not stop cleanly", e);
        }
    }

    /** {@return the walkthrough printed at start} */
    public String walkthrough() {
        String u = url();
        return String.join(System.lineSeparator(),
                "Bulwark demo listening on " + u,
                "Try:",
                "  curl -i " + u + "/health",
                "  curl -i " + u + "/api/whoami -H 'X-Org-Id: acme' -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.demo.demo'",
                "  curl -i -X OPTIONS " + u + "/api/whoami -H 'Origin: http://localhost:3000'"
                        + " -H 'Access-Control-Request-Method: GET'",
                "  curl -i " + u + "/api/whoami -H 'Origin: https://evil.example'   # no CORS headers",
                "Stop with Ctrl-C.");
    }

    /**
     * Masks a credential-bearing header value after its first 8 characters (after the auth scheme).
     *
     * @param value the header value
     * @return the masked value
     */
    static String mask(String value) {
        int space = value.indexOf(' ');
        String scheme = space > 0 && space < 16 ? value.substring(0, space + 1) : "";
        String rest = value.substring(scheme.length());
        return scheme + (rest.length() <= 8 ? "***" : rest.substring(0, 8) + "…");
    }

    private static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    private static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            json(resp, 200, java.util.Map.of("status", "ok"));
        }
    }

    private static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ObjectNode body = JSON.createObjectNode();
            body.put("method", req.getMethod());
            body.put("path", req.getRequestURI());
            body.put("remote_addr", req.getRemoteAddr());
            body.put("secure", req.isSecure());
            ObjectNode headers = body.putObject("headers");
            for (String name : ECHOED_HEADERS) {
                String v = req.getHeader(name);
                if (v != null) {
                    boolean credential = name.equals("authorization") || name.equals("cookie");
                    headers.put(name.toLowerCase(Locale.ROOT), credential ? mask(v) : v);
                }
            }
            json(resp, 200, body);
        }
    }

    private static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setStatus(404);
            resp.setContentType("application/problem+json");
            JSON.writeValue(resp.getOutputStream(), java.util.Map.of("type", "about:blank", "title", "Not Found",
                    "status", 404, "reason", "NOT_FOUND"));
        }
    }
}
