package dev.bulwark.testkit;

import dev.bulwark.core.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks over real HTTP that one organisation (tenant) can neither read nor write another's data.
 *
 * <p>What {@link #run()} does, in order:
 * <ol>
 *   <li>org B creates a resource with the {@linkplain Builder#create create} endpoint (a 2xx is required) and
 *       the probe takes its id from the response (JSON field {@code id}, else the last segment of
 *       {@code Location}; or {@link Builder#idExtractor});</li>
 *   <li>controls, so that a passing probe means something: B can read the resource through every
 *       {@code GET} endpoint with {@code {id}} (2xx), and B's own lists contain the id;</li>
 *   <li>org A calls every endpoint: those whose path contains {@code {id}} must answer with a denied status
 *       ({@code 403} or {@code 404} unless {@link Builder#deniedStatuses} says otherwise), reads first, then
 *       writes, {@code DELETE} last; {@code GET} endpoints without {@code {id}} are lists, which must answer
 *       2xx (A's credentials work) and never contain the id;</li>
 *   <li>B reads the resource again: it must still be there and unchanged (byte-for-byte the same body as
 *       before A's attempts, so a write that was applied but answered 404 is caught);</li>
 *   <li>B deletes the resource through the {@code DELETE} endpoint, if one is listed (best effort).</li>
 * </ol>
 * Every failure is collected; {@link #assertIsolated()} throws one {@link AssertionError} listing them all.
 * Messages name methods, paths, statuses and the id, never credentials or response bodies. A request that
 * fails with an I/O error is sent once more (servers may close a pooled connection after refusing a body).
 *
 * <pre>{@code
 * TenantIsolationProbe.builder(URI.create("http://localhost:8080"))
 *         .orgA(TenantIsolationProbe.Credentials.bearer("org_a", tokenA))
 *         .orgB(TenantIsolationProbe.Credentials.bearer("org_b", tokenB))
 *         .create(TenantIsolationProbe.Endpoint.post("/api/projects", "{\"name\":\"probe\"}"))
 *         .endpoint(TenantIsolationProbe.Endpoint.get("/api/projects"))
 *         .endpoint(TenantIsolationProbe.Endpoint.get("/api/projects/{id}"))
 *         .endpoint(TenantIsolationProbe.Endpoint.put("/api/projects/{id}", "{\"name\":\"mine now\"}"))
 *         .endpoint(TenantIsolationProbe.Endpoint.delete("/api/projects/{id}"))
 *         .build()
 *         .assertIsolated();
 * }</pre>
 *
 * <p>A probe is immutable; {@link #run()} may be called repeatedly (each run creates a new resource).
 */
public final class TenantIsolationProbe {

    /** The placeholder replaced by the created resource's id (URL-encoded). */
    public static final String ID = "{id}";

    private final URI base;
    private final Credentials orgA;
    private final Credentials orgB;
    private final Endpoint create;
    private final List<Endpoint> endpoints;
    private final Set<Integer> denied;
    private final Function<HttpResponse<String>, String> idExtractor;
    private final HttpClient client;

    private TenantIsolationProbe(Builder b) {
        this.base = b.base;
        this.orgA = b.orgA;
        this.orgB = b.orgB;
        this.create = b.create;
        this.endpoints = List.copyOf(b.endpoints);
        this.denied = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(b.denied)); // stable messages
        this.idExtractor = b.idExtractor;
        this.client = b.client != null ? b.client : HttpClient.newHttpClient();
    }

    /**
     * @param baseUrl the service's base URL, e.g. {@code http://localhost:8080}; endpoint paths are appended
     * @return a builder
     */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /**
     * An organisation's identity: the headers sent with each of its requests (for example
     * {@code Authorization} and {@code X-Org-Id}). {@link #toString()} shows the name and the header names
     * only.
     *
     * @param name a label used in messages, e.g. the org id
     * @param headers the headers to send
     */
    public record Credentials(String name, Map<String, String> headers) {
        /** @throws NullPointerException when a component is null */
        public Credentials {
            Objects.requireNonNull(name, "name");
            headers = Map.copyOf(new LinkedHashMap<>(headers));
        }

        /**
         * {@code Authorization: Bearer <token>} and {@code X-Org-Id: <orgId>}.
         *
         * @param orgId the org id, also the label
         * @param bearerToken the access token or API key
         * @return the credentials
         */
        public static Credentials bearer(String orgId, String bearerToken) {
            return new Credentials(orgId, Map.of("Authorization", "Bearer " + bearerToken, "X-Org-Id", orgId));
        }

        /** {@return the label and header names; never the header values} */
        @Override
        public String toString() {
            return "Credentials[" + name + ", headers=" + headers.keySet() + "]";
        }
    }

    /**
     * One endpoint: method, path template (with {@value #ID} for the resource id) and optional JSON body.
     *
     * @param method the HTTP method, upper case
     * @param pathTemplate the path, starting with {@code /}, query string allowed
     * @param body the request body, or {@code null} for none
     */
    public record Endpoint(String method, String pathTemplate, String body) {
        /** @throws IllegalArgumentException when the method is blank or the path does not start with / */
        public Endpoint {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pathTemplate, "pathTemplate");
            method = method.strip().toUpperCase(Locale.ROOT);
            if (method.isEmpty() || !pathTemplate.startsWith("/")) {
                throw new IllegalArgumentException("an endpoint needs a method and a path starting with /");
            }
        }

        /** @param path the path template @return a GET endpoint */
        public static Endpoint get(String path) {
            return new Endpoint("GET", path, null);
        }

        /** @param path the path template @param body the JSON body @return a POST endpoint */
        public static Endpoint post(String path, String body) {
            return new Endpoint("POST", path, body);
        }

        /** @param path the path template @param body the JSON body @return a PUT endpoint */
        public static Endpoint put(String path, String body) {
            return new Endpoint("PUT", path, body);
        }

        /** @param path the path template @param body the JSON body @return a PATCH endpoint */
        public static Endpoint patch(String path, String body) {
            return new Endpoint("PATCH", path, body);
        }

        /** @param path the path template @return a DELETE endpoint */
        public static Endpoint delete(String path) {
            return new Endpoint("DELETE", path, null);
        }

        /** {@return whether the path addresses the created resource (contains {@value #ID})} */
        public boolean targetsResource() {
            return pathTemplate.contains(ID);
        }

        /** {@return method and path template} */
        @Override
        public String toString() {
            return method + " " + pathTemplate;
        }
    }

    /**
     * What one run found.
     *
     * @param resourceId the id of the resource org B created, or {@code null} when creation failed
     * @param checks every check performed, in order, each as one line
     * @param violations the failed checks, empty when isolation holds
     */
    public record Report(String resourceId, List<String> checks, List<String> violations) {
        /** Copies the lists. */
        public Report {
            checks = List.copyOf(checks);
            violations = List.copyOf(violations);
        }

        /** {@return whether no check failed} */
        public boolean isolated() {
            return violations.isEmpty();
        }
    }

    /**
     * Runs the probe and throws when isolation does not hold.
     *
     * @return the report, when every check passed
     * @throws AssertionError listing every violation
     */
    public Report assertIsolated() {
        Report r = run();
        if (!r.isolated()) {
            StringBuilder sb = new StringBuilder("tenant isolation violated: org ").append(orgA.name())
                    .append(" reached org ").append(orgB.name()).append("'s resource ").append(r.resourceId())
                    .append(" (").append(r.violations().size()).append(" violation")
                    .append(r.violations().size() == 1 ? "" : "s").append(')');
            r.violations().forEach(v -> sb.append("\n  - ").append(v));
            throw new AssertionError(sb.toString());
        }
        return r;
    }

    /**
     * Runs the probe (see the class description).
     *
     * @return the report; {@link Report#isolated()} tells whether isolation held
     * @throws IllegalStateException when the service cannot be reached
     */
    public Report run() {
        List<String> checks = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        HttpResponse<String> created = send(orgB, create, null);
        checks.add("org " + orgB.name() + " " + create + " -> " + created.statusCode());
        if (created.statusCode() / 100 != 2) {
            violations.add("setup: org " + orgB.name() + " could not create a resource: " + create + " returned "
                    + created.statusCode() + " (check org B's credentials and the create endpoint)");
            return new Report(null, checks, violations);
        }
        String id = idExtractor != null ? idExtractor.apply(created)
                : defaultId(created.body(), created.headers().firstValue("Location").orElse(null));
        if (id == null || id.isBlank()) {
            violations.add("setup: no id in the response of " + create
                    + " (no JSON field \"id\" and no Location header; configure idExtractor)");
            return new Report(null, checks, violations);
        }

        // controls: org B sees its own resource
        List<Endpoint> reads = endpoints.stream().filter(e -> e.method().equals("GET") && e.targetsResource())
                .toList();
        Map<Endpoint, String> before = new LinkedHashMap<>();
        for (Endpoint e : reads) {
            HttpResponse<String> r = send(orgB, e, id);
            checks.add("control: org " + orgB.name() + " " + describe(e, id) + " -> " + r.statusCode());
            if (r.statusCode() / 100 != 2) {
                violations.add("control: org " + orgB.name() + " cannot read its own resource: " + describe(e, id)
                        + " returned " + r.statusCode() + " (the probe would prove nothing)");
            } else {
                before.put(e, r.body());
            }
        }
        for (Endpoint e : lists()) {
            HttpResponse<String> r = send(orgB, e, id);
            checks.add("control: org " + orgB.name() + " " + describe(e, id) + " -> " + r.statusCode());
            if (r.statusCode() / 100 != 2 || !containsToken(r.body(), id)) {
                violations.add("control: org " + orgB.name() + "'s own " + describe(e, id) + " (status "
                        + r.statusCode() + ") does not list " + id + " (the list check would prove nothing)");
            }
        }

        // org A: lists, then reads, then writes, DELETE last
        for (Endpoint e : lists()) {
            HttpResponse<String> r = send(orgA, e, id);
            checks.add("org " + orgA.name() + " " + describe(e, id) + " -> " + r.statusCode());
            if (r.statusCode() / 100 != 2) {
                violations.add("control: org " + orgA.name() + "'s " + describe(e, id) + " returned "
                        + r.statusCode() + " (org A's credentials must work for the probe to mean anything)");
            } else if (containsToken(r.body(), id)) {
                violations.add("org " + orgA.name() + " " + describe(e, id) + " lists org " + orgB.name()
                        + "'s resource " + id);
            }
        }
        List<Endpoint> targeted = new ArrayList<>(endpoints.stream().filter(Endpoint::targetsResource).toList());
        targeted.sort(Comparator.comparingInt(TenantIsolationProbe::order));
        for (Endpoint e : targeted) {
            HttpResponse<String> r = send(orgA, e, id);
            checks.add("org " + orgA.name() + " " + describe(e, id) + " -> " + r.statusCode());
            if (!denied.contains(r.statusCode())) {
                violations.add("org " + orgA.name() + " " + describe(e, id) + " on org " + orgB.name()
                        + "'s resource returned " + r.statusCode() + ", expected one of " + denied);
            }
        }

        // org B's resource is still there and unchanged
        for (Map.Entry<Endpoint, String> e : before.entrySet()) {
            HttpResponse<String> r = send(orgB, e.getKey(), id);
            checks.add("after: org " + orgB.name() + " " + describe(e.getKey(), id) + " -> " + r.statusCode());
            if (r.statusCode() / 100 != 2) {
                violations.add("after org " + orgA.name() + "'s attempts, org " + orgB.name() + "'s "
                        + describe(e.getKey(), id) + " returned " + r.statusCode() + ": the resource was removed");
            } else if (!r.body().equals(e.getValue())) {
                violations.add("after org " + orgA.name() + "'s attempts, org " + orgB.name() + "'s "
                        + describe(e.getKey(), id) + " returns a different body: the resource was modified");
            }
        }

        // cleanup, best effort
        endpoints.stream().filter(e -> e.method().equals("DELETE") && e.targetsResource()).findFirst()
                .ifPresent(e -> checks.add("cleanup: org " + orgB.name() + " " + describe(e, id) + " -> "
                        + send(orgB, e, id).statusCode()));
        return new Report(id, checks, violations);
    }

    private List<Endpoint> lists() {
        return endpoints.stream().filter(e -> e.method().equals("GET") && !e.targetsResource()).toList();
    }

    private static int order(Endpoint e) {
        switch (e.method()) {
            case "GET":
            case "HEAD":
                return 0;
            case "DELETE":
                return 2;
            default:
                return 1;
        }
    }

    private static String describe(Endpoint e, String id) {
        return e.method() + " " + path(e, id);
    }

    private static String path(Endpoint e, String id) {
        return id == null ? e.pathTemplate()
                : e.pathTemplate().replace(ID, URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private HttpResponse<String> send(Credentials who, Endpoint e, String id) {
        HttpRequest.BodyPublisher body = e.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(e.body(), StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(trimSlash(base.toString()) + path(e, id)))
                .method(e.method(), body);
        if (e.body() != null) {
            b.header("Content-Type", "application/json");
        }
        who.headers().forEach(b::header);
        HttpRequest request = b.build();
        try {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException first) {
                // once more on a fresh connection: servers close pooled connections after a rejected body
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException ex) {
            throw new IllegalStateException("cannot reach " + base + " for " + describe(e, id) + ": "
                    + ex.getClass().getSimpleName(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + describe(e, id), ex);
        }
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The JSON field {@code "id"} (string or number) of the body, else the last Location segment. */
    static String defaultId(String responseBody, String location) {
        String body = responseBody == null ? "" : responseBody;
        int k = body.indexOf("\"id\"");
        if (k >= 0) {
            int i = k + 4;
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i < body.length() && body.charAt(i) == ':') {
                i++;
                while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
                if (i < body.length() && body.charAt(i) == '"') {
                    int end = body.indexOf('"', i + 1);
                    if (end > i + 1) {
                        return body.substring(i + 1, end);
                    }
                } else {
                    int end = i;
                    while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end))
                            || body.charAt(end) == '-' || body.charAt(end) == '_')) {
                        end++;
                    }
                    if (end > i) {
                        return body.substring(i, end);
                    }
                }
            }
        }
        if (location == null) {
            return null;
        }
        String p = trimSlash(location.contains("?") ? location.substring(0, location.indexOf('?')) : location);
        String last = p.substring(p.lastIndexOf('/') + 1);
        return last.isEmpty() ? null : last;
    }

    /** Whether {@code id} occurs in {@code body} as a whole token (not inside a longer id). */
    static boolean containsToken(String body, String id) {
        if (body == null) {
            return false;
        }
        int from = 0;
        while (true) {
            int i = body.indexOf(id, from);
            if (i < 0) {
                return false;
            }
            int end = i + id.length();
            boolean startOk = i == 0 || !isIdChar(body.charAt(i - 1));
            boolean endOk = end == body.length() || !isIdChar(body.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isIdChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Configures a {@link TenantIsolationProbe}. Not thread-safe. */
    public static final class Builder {
        private final URI base;
        private Credentials orgA;
        private Credentials orgB;
        private Endpoint create;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private Set<Integer> denied = Set.of(403, 404);
        private Function<HttpResponse<String>, String> idExtractor;
        private HttpClient client;

        private Builder(URI base) {
            this.base = base;
        }

        /** @param credentials the org that must not reach B's data (the attacker) @return this */
        public Builder orgA(Credentials credentials) {
            this.orgA = credentials;
            return this;
        }

        /** @param credentials the org that owns the resource (the victim) @return this */
        public Builder orgB(Credentials credentials) {
            this.orgB = credentials;
            return this;
        }

        /** @param endpoint how org B creates a resource (no {@value #ID} in the path) @return this */
        public Builder create(Endpoint endpoint) {
            this.create = endpoint;
            return this;
        }

        /** @param endpoint an endpoint org A is probed with @return this */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** @param all endpoints org A is probed with @return this */
        public Builder endpoints(List<Endpoint> all) {
            all.forEach(this::endpoint);
            return this;
        }

        /** @param statuses the statuses that count as denied (default 403 and 404) @return this */
        public Builder deniedStatuses(Set<Integer> statuses) {
            this.denied = Set.copyOf(statuses);
            return this;
        }

        /** @param extractor reads the created resource's id from the create response @return this */
        public Builder idExtractor(Function<HttpResponse<String>, String> extractor) {
            this.idExtractor = extractor;
            return this;
        }

        /** @param client the HTTP client (default {@code HttpClient.newHttpClient()}) @return this */
        public Builder httpClient(HttpClient client) {
            this.client = client;
            return this;
        }

        /**
         * @return the probe
         * @throws ConfigurationException when the base URL, an org, the create endpoint or the endpoints are
         *     missing, a write endpoint does not target the resource, or a denied status is a 2xx
         */
        public TenantIsolationProbe build() {
            if (base == null || base.getScheme() == null || base.getHost() == null) {
                throw new ConfigurationException("base URL must be absolute, e.g. http://localhost:8080");
            }
            if (orgA == null || orgB == null) {
                throw new ConfigurationException("both orgA and orgB credentials are required");
            }
            if (orgA.equals(orgB)) {
                throw new ConfigurationException("orgA and orgB must be different credentials");
            }
            if (create == null || create.targetsResource()) {
                throw new ConfigurationException("a create endpoint without " + ID + " is required");
            }
            if (endpoints.stream().noneMatch(Endpoint::targetsResource)) {
                throw new ConfigurationException("at least one endpoint must address the resource with " + ID);
            }
            for (Endpoint e : endpoints) {
                if (!e.targetsResource() && !e.method().equals("GET")) {
                    throw new ConfigurationException(e + ": only GET (list) endpoints may omit " + ID);
                }
            }
            if (denied.isEmpty() || denied.stream().anyMatch(s -> s / 100 == 2)) {
                throw new ConfigurationException("denied statuses must be non-empty and contain no 2xx");
            }
            return new TenantIsolationProbe(this);
        }
    }
}
