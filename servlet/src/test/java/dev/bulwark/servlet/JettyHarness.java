package dev.bulwark.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty on a free loopback port with the given filters in front of an echo servlet. */
final class JettyHarness implements AutoCloseable {

    final AtomicInteger appCalls = new AtomicInteger();
    private final Server server;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    JettyHarness(Filter... filters) throws Exception {
        this(null, filters);
    }

    JettyHarness(HttpServlet app, Filter... filters) throws Exception {
        this(true, app, filters);
    }

    /** A server that does not rewrite the request from {@code X-Forwarded-*} headers: the filter must decide. */
    static JettyHarness direct(HttpServlet app, Filter... filters) throws Exception {
        return new JettyHarness(false, app, filters);
    }

    private JettyHarness(boolean forwarded, HttpServlet app, Filter... filters) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        if (forwarded) {
            config.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        for (Filter f : filters) {
            context.addFilter(new FilterHolder(f), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(app != null ? app : new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                appCalls.incrementAndGet();
                resp.setContentType("text/plain");
                Object nonce = req.getAttribute(SecurityHeadersFilter.CSP_NONCE_ATTRIBUTE);
                resp.getWriter().print(nonce == null ? "app" : "nonce=" + nonce);
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
