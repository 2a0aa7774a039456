package dev.bulwark.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.OrgContextResolver;
import dev.bulwark.authz.Policy;
import dev.bulwark.authz.Role;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.BlindIndex;
import dev.bulwark.crypto.EnvelopeEncryptor;
import dev.bulwark.crypto.Hkdf;
import dev.bulwark.crypto.Kek;
import dev.bulwark.crypto.KekState;
import dev.bulwark.crypto.KeyRing;
import dev.bulwark.crypto.PasswordHasher;
import dev.bulwark.pii.Masker;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.servlet.AuthenticationFilter;
import dev.bulwark.servlet.AuthorizationFilter;
import dev.bulwark.servlet.BulwarkFilters;
import dev.bulwark.servlet.CorsFilter;
import dev.bulwark.servlet.OrgContextFilter;
import dev.bulwark.servlet.RequestLimitsFilter;
import dev.bulwark.servlet.WebhookFilter;
import dev.bulwark.webhooks.EventIdExtractor;
import dev.bulwark.webhooks.ReplayGuard;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookVerifier;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.ApiKeys;
import dev.bulwark.tokens.OneTimeTokens;
import dev.bulwark.tokens.RefreshTokens;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.Totp;
import dev.bulwark.tokens.spi.TotpStateStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo service: the reference composition of Bulwark's public API on embedded Jetty, bound to
 * 127.0.0.1, with an injected clock and its stores in memory, Redis and/or PostgreSQL ({@link Config#redis},
 * {@link Config#postgres}; which store lives where is listed on {@code DemoBackends} and printed at start).
 * Every route uses only the modules' public API; the
 * filters are installed by {@link BulwarkFilters} (error boundary, headers, CORS, request limits,
 * authentication, org context, authorization).
 *
 * <p>Routes: {@code GET /health}; {@code POST /auth/signup}, {@code GET /auth/verify}, {@code POST /auth/login},
 * {@code POST /auth/refresh}, {@code POST /auth/logout}, {@code POST /auth/token}; {@code GET /api/whoami};
 * {@code GET /api/sessions}, {@code DELETE /api/sessions/{id}}, {@code POST /api/sessions/revoke-others};
 * {@code POST|GET /api/keys}, {@code DELETE /api/keys/{id}}; {@code POST /api/orgs/{org}/members};
 * {@code GET|POST /api/projects}, {@code GET|PUT|DELETE /api/projects/{id}}.
 */
public final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("bulwark.demo");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final ServerConnector connector;

    /** The webhook schemes the demo receives at {@code POST /webhooks/{scheme}}. */
    public static final List<String> WEBHOOK_SCHEMES = List.of("stripe", "github", "standard");

    private final Map<String, String> webhookSecrets;

    private final DemoBackends backends;

    private DemoServer(Config cfg, DemoBackends backends) throws IOException {
        this.backends = backends;
        int port = cfg.port;
        Clock clock = cfg.clock;
        Consumer<String> console = cfg.console;
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        String base = "http://127.0.0.1:" + port;
        AuditSink audit = backends.audit;
        Sessions sessions = Sessions.builder().store(backends.sessions).clock(clock).auditSink(audit).build();
        AccessTokens accessTokens = AccessTokens.builder()
                .signingKeys(SigningKeys.of(SigningKey.hmac("demo-" + RandomTokens.hex(16).substring(0, 8),
                        Secret.ofBytes(RandomTokens.bytes(32)))))
                .issuer(base).audience(base + "/api").ttl(Duration.ofMinutes(15)).clock(clock).sessions(sessions)
                .auditSink(audit).build();
        RefreshTokens refreshTokens = RefreshTokens.builder().store(backends.refreshTokens)
                .sessions(sessions).accessTokens(accessTokens).clock(clock).auditSink(audit).build();
        OneTimeTokens oneTime = OneTimeTokens.builder().store(backends.oneTimeTokens).clock(clock)
                .baseUrl(base + "/auth/verify").auditSink(audit).build();
        ApiKeys apiKeys = ApiKeys.builder().store(backends.apiKeys).clock(clock)
                .accessTokens(accessTokens).sessions(sessions).auditSink(audit).build();
        Memberships memberships = backends.memberships;
        Authorizer authorizer = Authorizer.builder().policy(policy()).memberships(memberships).auditSink(audit)
                .clock(clock).build();
        PasswordHasher hasher = PasswordHasher.argon2id().build();
        TimeSource time = TimeSource.of(clock);
        KeyedRateLimiter loginPerIp = limiter("login-ip", 20, time, backends);
        KeyedRateLimiter loginPerAccount = limiter("login-account", 5, time, backends);
        DemoApi.LoginPenalty penalty = DemoApi.LoginPenalty.create(clock, audit);

        // notes: the email column is envelope-encrypted under a generated key ring and blind-indexed with a key
        // derived from a separate generated master secret; note text is PII-masked before it is stored
        KeyRing ring = KeyRing.of(Kek.local("demo-kek-1", KekState.PRIMARY, clock.instant(),
                Secret.ofBytes(RandomTokens.bytes(32))));
        EnvelopeEncryptor encryptor = EnvelopeEncryptor.builder().keyRing(ring).clock(clock).auditSink(audit).build();
        BlindIndex emailIndex = BlindIndex.builder("notes.email")
                .key(Hkdf.sha256().derive(Secret.ofBytes(RandomTokens.bytes(32)), null,
                        "bulwark/blind-index/notes.email", 32))
                .normalizer(BlindIndex.Normalization.EMAIL).build();

        DemoApi api = new DemoApi(new DemoApi.Components(clock, audit, sessions, accessTokens, refreshTokens,
                oneTime, apiKeys, memberships, backends.membershipWriter, authorizer, hasher, loginPerIp,
                loginPerAccount, penalty,
                encryptor, emailIndex, Masker.ofDefaults(),
                Totp.builder().clock(clock).store(TotpStateStore.inMemory(100_000)).issuer("Bulwark demo")
                        .auditSink(audit).build(),
                line -> {
                    LOG.info(line);
                    console.accept(line);
                }));

        Map<String, String> hookSecrets = new LinkedHashMap<>();
        for (String scheme : WEBHOOK_SCHEMES) {
            hookSecrets.put(scheme, cfg.webhookSecrets.containsKey(scheme) ? cfg.webhookSecrets.get(scheme)
                    : generateWebhookSecret(scheme));
        }
        this.webhookSecrets = java.util.Collections.unmodifiableMap(hookSecrets);
        BulwarkFilters.Builder builder = BulwarkFilters.builder();
        for (String scheme : WEBHOOK_SCHEMES) {
            builder.webhook("/webhooks/" + scheme, WebhookFilter.builder()
                    .verifier(webhookVerifier(scheme, hookSecrets.get(scheme), clock, audit,
                            backends.replayGuards.get())).maxBodyBytes(256 * 1024)
                    .build());
        }
        BulwarkFilters filters = builder
                .cors(CorsFilter.builder().allowedOrigins(cfg.corsOrigins.toArray(String[]::new)).allowCredentials(true)
                        .build())
                .requestLimits(RequestLimitsFilter.builder().maxBodyBytes(64 * 1024)
                        .bodyReadTimeout(cfg.bodyReadTimeout).nanoTime(cfg.nanoTime).build())
                .authentication(AuthenticationFilter.builder().accessTokens(accessTokens).apiKeys(apiKeys).build())
                .orgContext(OrgContextFilter.create(OrgContextResolver.create(memberships, audit, clock)))
                .authorization(AuthorizationFilter.builder(authorizer)
                        .route("GET", "/api/whoami", "self.read")
                        .route("*", "/api/sessions/**", "self.manage")
                        .route("*", "/api/mfa/**", "self.manage")
                        .route("GET", "/api/keys", "api_keys.read")
                        .route("POST", "/api/keys", "api_keys.create")
                        .route("DELETE", "/api/keys/*", "api_keys.delete")
                        .route("POST", "/api/orgs/*/members", "members.create")
                        .route("GET", "/api/projects", "projects.read")
                        .route("POST", "/api/projects", "projects.create")
                        .route("GET", "/api/projects/*", "projects.read")
                        .route("PUT", "/api/projects/*", "projects.update")
                        .route("DELETE", "/api/projects/*", "projects.delete")
                        .route("GET", "/api/notes", "notes.read")
                        .route("POST", "/api/notes", "notes.create")
                        .build())
                .build();

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
        for (BulwarkFilters.Registration r : filters.filters()) {
            for (String pattern : r.urlPatterns()) {
                context.addFilter(new FilterHolder(r.filter()), pattern, request);
            }
        }
        context.addServlet(new ServletHolder(api), "/");
        cfg.extraServlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
    }

    private static String generateWebhookSecret(String scheme) {
        return switch (scheme) {
            case "standard" -> "whsec_" + Base64.getEncoder().encodeToString(RandomTokens.bytes(24));
            case "stripe" -> "whsec_" + RandomTokens.base64Url(24);
            default -> RandomTokens.hex(20);
        };
    }

    private static KeyedRateLimiter limiter(String name, int perMinute, TimeSource time, DemoBackends backends) {
        KeyedRateLimiter.Builder b = KeyedRateLimiter.builder().name(name)
                .addLimit(Bandwidth.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).withId(name))
                .maxKeys(100_000).timeSource(time);
        RateLimitStore shared = backends.rateLimits.create(name);
        if (shared != null) {
            b.store(shared);
        }
        return b.build();
    }

    private static WebhookVerifier webhookVerifier(String scheme, String secret, Clock clock, AuditSink audit,
            ReplayGuard replayGuard) {
        WebhookVerifier.Builder b;
        switch (scheme) {
            case "standard" -> b = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(secret));
            case "stripe" -> b = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8(secret))
                    .eventIdExtractor(EventIdExtractor.jsonField("id"));
            case "github" -> b = WebhookVerifier.builder(WebhookSchemes.github()).secret(Secret.ofUtf8(secret));
            default -> throw new ConfigurationException("the demo receives stripe, github and standard webhooks, not "
                    + scheme);
        }
        return b.replayGuard(replayGuard).clock(clock).auditSink(audit).build();
    }

    /**
     * The webhook secrets in use, one per scheme: given with {@code --webhook-secret} or generated at start.
     * They are shown to the person running the demo (they sign test deliveries with them).
     *
     * @return scheme → secret text
     */
    public Map<String, String> webhookSecrets() {
        return webhookSecrets;
    }

    /**
     * The demo's role matrix: {@code viewer} reads, {@code member} creates and edits projects and notes,
     * {@code admin} manages projects, members and API keys, {@code owner} may do everything. Every role may
     * manage its own sessions and MFA ({@code self.*}).
     *
     * @return the compiled policy
     */
    static Policy policy() {
        return Policy.builder()
                .role(Role.builder("viewer").level(10).grants("self.*", "projects.read", "notes.read").build())
                .role(Role.builder("member").level(20).inherits("viewer")
                        .grants("projects.create", "projects.update", "notes.create").build())
                .role(Role.builder("admin").level(30).inherits("member")
                        .grants("projects.*", "members.*", "api_keys.*", "notes.*").build())
                .role(Role.builder("owner").level(40).inherits("admin").grants("*.*").build())
                .build();
    }

    /**
     * Starts the demo on the system clock, logging to SLF4J only.
     *
     * @param port the port on 127.0.0.1, or 0 for any free port
     * @param corsOrigins browser origins allowed to call the API with credentials
     * @return the running server
     * @throws Exception when Jetty cannot start (for example the port is taken)
     */
    public static DemoServer start(int port, List<String> corsOrigins) throws Exception {
        return start(port, corsOrigins, Map.of(), Clock.systemUTC(), line -> { });
    }

    /**
     * Starts the demo.
     *
     * @param port the port on 127.0.0.1, or 0 for any free port
     * @param corsOrigins browser origins allowed to call the API with credentials
     * @param webhookSecrets scheme ({@code stripe}, {@code github}, {@code standard}) → secret; a missing
     *     scheme gets a generated secret
     * @param clock the time source of every component
     * @param console receives the lines the demo logs for the user (verification links)
     * @return the running server
     * @throws ConfigurationException for an unknown scheme or an unusable secret
     * @throws Exception when Jetty cannot start (for example the port is taken)
     */
    public static DemoServer start(int port, List<String> corsOrigins, Map<String, String> webhookSecrets,
            Clock clock, Consumer<String> console) throws Exception {
        return start(port, corsOrigins, webhookSecrets, clock, console, Map.of());
    }

    /**
     * Starts the demo with additional servlets behind the same filters (tests mount a failing servlet to show
     * the error boundary).
     */
    static DemoServer start(int port, List<String> corsOrigins, Map<String, String> webhookSecrets,
            Clock clock, Consumer<String> console, Map<String, HttpServlet> extraServlets) throws Exception {
        return config().port(port).corsOrigins(corsOrigins).webhookSecrets(webhookSecrets).clock(clock)
                .console(console).extraServlets(extraServlets).start();
    }

    /**
     * {@return a configuration with the defaults: port 8080, CORS origin {@code http://localhost:3000}, in-memory
     * stores, the system clock}
     */
    public static Config config() {
        return new Config();
    }

    /**
     * The demo's settings. Not thread-safe; {@link #start()} may be called more than once (each call starts
     * another instance, e.g. two instances on one Redis).
     */
    public static final class Config {
        private int port = 8080;
        private List<String> corsOrigins = List.of("http://localhost:3000");
        private Map<String, String> webhookSecrets = Map.of();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> console = line -> { };
        private Map<String, HttpServlet> extraServlets = Map.of();
        private String redisUri;
        private String redisKeyPrefix = "bulwark-demo";
        private String postgresUrl;
        private Duration bodyReadTimeout = Duration.ofSeconds(30);
        private java.util.function.LongSupplier nanoTime = System::nanoTime;

        private Config() {
        }

        /** @param port the port on 127.0.0.1, or 0 for any free port (default 8080) @return this */
        public Config port(int port) {
            ConfigurationException.check(port >= 0 && port <= 65_535, "port must be 0..65535, was " + port);
            this.port = port;
            return this;
        }

        /** @param origins browser origins allowed to call the API with credentials @return this */
        public Config corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * @param secrets scheme ({@code stripe}, {@code github}, {@code standard}) → secret; a missing scheme
         *     gets a generated secret
         * @return this
         * @throws ConfigurationException for another scheme
         */
        public Config webhookSecrets(Map<String, String> secrets) {
            for (String scheme : secrets.keySet()) {
                ConfigurationException.check(WEBHOOK_SCHEMES.contains(scheme),
                        "the demo receives stripe, github and standard webhooks, not " + scheme);
            }
            this.webhookSecrets = Map.copyOf(secrets);
            return this;
        }

        /** @param clock the time source of every component @return this */
        public Config clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param console receives the lines the demo logs for the user (verification links) @return this */
        public Config console(Consumer<String> console) {
            this.console = Objects.requireNonNull(console, "console");
            return this;
        }

        /**
         * Keeps sessions, refresh-token families, one-time tokens, the login rate limits and the webhook
         * replay guard in Redis (see {@link DemoBackends} for the split with PostgreSQL).
         *
         * @param uri {@code redis://[:password@]host:port[/db]}, or null for memory
         * @return this
         */
        public Config redis(String uri) {
            this.redisUri = uri;
            return this;
        }

        /**
         * @param prefix the first segment of every Redis key, {@code [a-z][a-z0-9_-]{0,31}} (default
         *     {@code bulwark-demo}); tests give each run its own
         * @return this
         */
        public Config redisKeyPrefix(String prefix) {
            this.redisKeyPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Keeps API keys, memberships and the audit log (and, without Redis, sessions, refresh-token families
         * and one-time tokens) in PostgreSQL; the schema is created at start if missing.
         *
         * @param url {@code jdbc:postgresql://host:port/db[?user=...&password=...&currentSchema=...]} (user
         *     {@code postgres} when absent), or null for memory
         * @return this
         */
        public Config postgres(String url) {
            this.postgresUrl = url;
            return this;
        }

        /**
         * @param timeout how long reading one request body may take (default 30 s; see
         *     {@link RequestLimitsFilter.Builder#bodyReadTimeout})
         * @return this
         */
        public Config bodyReadTimeout(Duration timeout) {
            this.bodyReadTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param source the nano-time source of the body-read deadline (default {@code System::nanoTime});
         *     tests inject their own
         * @return this
         */
        public Config nanoTime(java.util.function.LongSupplier source) {
            this.nanoTime = Objects.requireNonNull(source, "source");
            return this;
        }

        Config extraServlets(Map<String, HttpServlet> servlets) {
            this.extraServlets = Map.copyOf(servlets);
            return this;
        }

        /**
         * Connects the backends and starts the server.
         *
         * @return the running demo
         * @throws ConfigurationException for a malformed setting or backend URI
         * @throws dev.bulwark.core.StoreUnavailableException when Redis or PostgreSQL cannot be reached (the
         *     demo never falls back to memory)
         * @throws Exception when Jetty cannot start (for example the port is taken)
         */
        public DemoServer start() throws Exception {
            DemoBackends backends = DemoBackends.open(redisUri, redisKeyPrefix, postgresUrl, clock);
            DemoServer demo;
            try {
                demo = new DemoServer(this, backends);
                demo.server.start();
            } catch (Exception | Error e) {
                backends.close();
                throw e;
            }
            return demo;
        }
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

    /**
     * Stops the server, then flushes the audit log and closes the Redis connection; failures to stop are
     * reported as {@link IllegalStateException}.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            backends.close();
            throw new IllegalStateException("demo server did not stop cleanly", e);
        }
        backends.close();
    }

    /** {@return store → where it lives (memory, Redis or PostgreSQL), in the order the banner prints them} */
    public Map<String, String> storePlacement() {
        return backends.placement;
    }

    /** {@return the walkthrough printed at start} */
    public String walkthrough() {
        String u = url();
        String j = "-H 'Content-Type: application/json'";
        return String.join(System.lineSeparator(),
                "Bulwark demo listening on " + u,
                "Walkthrough (copy the values the previous step printed):",
                "  # 1. sign up; the verification link appears in this console",
                "  curl -i " + u + "/auth/signup " + j + " -d '{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}'",
                "  curl -i '" + u + "/auth/verify?token=TOKEN_FROM_THE_LINK'",
                "  # 2. log in (Argon2id); note access_token and refresh_token",
                "  curl -s " + u + "/auth/login " + j + " -d '{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}'",
                "  curl -s " + u + "/api/whoami -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  curl -s " + u + "/auth/refresh " + j + " -d '{\"refresh_token\":\"REFRESH_TOKEN\"}'   # rotation; reuse revokes the session",
                "  # 3. sessions",
                "  curl -s " + u + "/api/sessions -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  curl -i -X POST " + u + "/api/sessions/revoke-others -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  # 4. API keys (the raw key is shown once) and their 5-minute token",
                "  curl -s -X POST " + u + "/api/keys -H 'Authorization: Bearer ACCESS_TOKEN' " + j + " -d '{\"name\":\"ci\"}'",
                "  curl -s " + u + "/api/keys -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  curl -s -X POST " + u + "/auth/token -H 'Authorization: Bearer ak_live_RAW_KEY'",
                "  # 5. RBAC: projects and members (owner|admin|member|viewer)",
                "  curl -s -X POST " + u + "/api/projects -H 'Authorization: Bearer ACCESS_TOKEN' " + j + " -d '{\"name\":\"apollo\"}'",
                "  curl -s " + u + "/api/projects -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  curl -i -X POST " + u + "/api/orgs/ORG_ID/members -H 'Authorization: Bearer ACCESS_TOKEN' " + j + " -d '{\"email\":\"bob@example.com\",\"role\":\"viewer\"}'",
                "  curl -s " + u + "/api/projects -H 'Authorization: Bearer BOBS_TOKEN' -H 'X-Org-Id: ORG_ID'   # switch org",
                "  # 6. TOTP: enrol, confirm with a code from your authenticator app (or: bulwark totp code --secret S)",
                "  curl -s -X POST " + u + "/api/mfa/totp -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  curl -s -X POST " + u + "/api/mfa/totp/confirm -H 'Authorization: Bearer ACCESS_TOKEN' " + j + " -d '{\"code\":\"123456\"}'",
                "  curl -s " + u + "/auth/login " + j + " -d '{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\",\"totp\":\"123456\"}'",
                "  # 7. notes: the email is stored envelope-encrypted and found through a blind index; text is masked",
                "  curl -s -X POST " + u + "/api/notes -H 'Authorization: Bearer ACCESS_TOKEN' " + j + " -d '{\"email\":\"Carol@Example.com\",\"text\":\"call 555-010-9999, card 4242 4242 4242 4242\"}'",
                "  curl -s '" + u + "/api/notes?email=carol@example.com' -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  # 8. webhooks (secrets printed below; tampered or unsigned deliveries get 400/401)",
                "  curl -i -X POST " + u + "/webhooks/github -H 'X-Hub-Signature-256: sha256=0000' -d '{}'   # 401",
                "  # 9. log out; the access token stops working at once",
                "  curl -i -X POST " + u + "/auth/logout -H 'Authorization: Bearer ACCESS_TOKEN'",
                "  # too many wrong passwords: 429 with Retry-After and RateLimit headers",
                "Stores (run with --redis redis://127.0.0.1:6379 and/or"
                        + " --postgres jdbc:postgresql://127.0.0.1:5432/test to share them between instances):",
                stores(),
                "Stop with Ctrl-C.");
    }

    private String stores() {
        StringBuilder b = new StringBuilder();
        backends.placement.forEach((store, where) -> {
            if (b.length() > 0) {
                b.append(System.lineSeparator());
            }
            b.append("  ").append(String.format("%-32s", store)).append(where);
        });
        return b.toString();
    }
}
