package dev.bulwark.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A small multi-tenant projects API on embedded Jetty: correct, or with one deliberate leak. */
final class IsolationTestApp implements AutoCloseable {

    enum Leak {
        NONE, READ, LIST, WRITE, DELETE_SILENTLY, EVERYTHING
    }

    static final Map<String, String> TOKENS = Map.of("token-a", "org_a", "token-b", "org_b");

    private record Project(String id, String org, String data) {
        String json() {
            return "{\"id\":\"" + id + "\",\"org\":\"" + org + "\",\"data\":" + data + "}";
        }
    }

    private final Server server;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final Leak leak;

    IsolationTestApp(Leak leak) throws Exception {
        this.leak = leak;
        server = new Server(0);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    respond(request, response, callback);
                } catch (Exception e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private boolean leaks(Leak l) {
        return leak == l || leak == Leak.EVERYTHING;
    }

    private void respond(Request request, Response response, Callback callback) throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8); // always drained
        String auth = request.getHeaders().get("Authorization");
        String org = auth != null && auth.startsWith("Bearer ") ? TOKENS.get(auth.substring(7)) : null;
        if (org == null) {
            send(response, callback, 401, "{\"error\":\"unauthenticated\"}");
            return;
        }
        if (!org.equals(request.getHeaders().get("X-Org-Id"))) {
            send(response, callback, 403, "{\"error\":\"not a member\"}");
            return;
        }
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/api/projects")) {
            if (method.equals("POST")) {
                Project p = new Project("p" + seq.incrementAndGet(), org, body);
                projects.put(p.id(), p);
                send(response, callback, 201, p.json());
            } else if (method.equals("GET")) {
                String items = projects.values().stream().filter(p -> leaks(Leak.LIST) || p.org().equals(org))
                        .map(Project::json).collect(Collectors.joining(","));
                send(response, callback, 200, "{\"items\":[" + items + "]}");
            } else {
                send(response, callback, 405, "{}");
            }
            return;
        }
        if (!path.startsWith("/api/projects/")) {
            send(response, callback, 404, "{}");
            return;
        }
        String id = path.substring("/api/projects/".length());
        Project p = projects.get(id);
        boolean own = p != null && p.org().equals(org);
        switch (method) {
            case "GET":
                if (p != null && (own || leaks(Leak.READ))) {
                    send(response, callback, 200, p.json());
                } else {
                    send(response, callback, 404, "{}");
                }
                return;
            case "PUT":
                if (p != null && (own || leaks(Leak.WRITE))) {
                    Project updated = new Project(id, p.org(), body);
                    projects.put(id, updated);
                    send(response, callback, 200, updated.json());
                } else {
                    send(response, callback, 404, "{}");
                }
                return;
            case "DELETE":
                if (own) {
                    projects.remove(id);
                    send(response, callback, 204, "");
                } else {
                    if (p != null && leaks(Leak.DELETE_SILENTLY)) {
                        projects.remove(id); // deletes, yet answers as if denied
                    }
                    send(response, callback, 404, "{}");
                }
                return;
            default:
                send(response, callback, 405, "{}");
        }
    }

    private static void send(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        Content.Sink.write(response, true, json, callback);
    }

    int count() {
        return projects.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
