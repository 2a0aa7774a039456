package dev.bulwark.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.authz.AuthenticatedPrincipal;
import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.authz.OrgContext;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.crypto.BlindIndex;
import dev.bulwark.crypto.EncryptionContext;
import dev.bulwark.crypto.EnvelopeEncryptor;
import dev.bulwark.crypto.PasswordHasher;
import dev.bulwark.pii.Masker;
import dev.bulwark.ratelimit.KeyedRateLimiter;
import dev.bulwark.ratelimit.LoginThrottle;
import dev.bulwark.ratelimit.PenaltyBox;
import dev.bulwark.ratelimit.RateDecision;
import dev.bulwark.servlet.AuthenticationFilter;
import dev.bulwark.servlet.OrgContextFilter;
import dev.bulwark.servlet.WebhookFilter;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.ApiKeys;
import dev.bulwark.tokens.IssuedToken;
import dev.bulwark.tokens.OneTimeTokens;
import dev.bulwark.tokens.RefreshTokens;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenPair;
import dev.bulwark.tokens.Totp;
import dev.bulwark.tokens.VerifiedToken;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.SessionRecord;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The demo's routes; security decisions come from the filters and the modules' public API. */
final class DemoApi extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[A-Za-z]{2,24}");
    private static final String VERIFY_PURPOSE = "email_verification";
    private static final int MAX_USERS = 100_000;
    private static final int MAX_PROJECTS = 100_000;

    /** The composed components. */
    record Components(Clock clock, AuditSink audit, Sessions sessions, AccessTokens accessTokens,
            RefreshTokens refreshTokens, OneTimeTokens oneTime, ApiKeys apiKeys, Memberships memberships,
            DemoBackends.MembershipWriter membershipWriter, Authorizer authorizer, PasswordHasher hasher,
            KeyedRateLimiter loginPerIp, KeyedRateLimiter loginPerAccount, LoginPenalty penalty,
            EnvelopeEncryptor encryptor, BlindIndex emailIndex, Masker masker, Totp totp, Consumer<String> console) {
    }

    /**
     * The login penalty box ({@link LoginThrottle}'s profile, with its boxes kept so that a block can be
     * described in {@code RateLimit} headers): per address, 20 failures in 15 minutes block it; per account and
     * address, 10; per account, never (friction only). Lockouts start at 1 minute and double.
     */
    record LoginPenalty(LoginThrottle throttle, PenaltyBox perIp, PenaltyBox perAccountIp) {
        static final int IP_BLOCK = 20;
        static final int ACCOUNT_IP_BLOCK = 10;
        static final Duration WINDOW = Duration.ofMinutes(15);

        static LoginPenalty create(Clock clock, AuditSink audit) {
            PenaltyBox perIp = PenaltyBox.builder().clock(clock).audit(audit).name("login-ip")
                    .thresholds(5, 10, IP_BLOCK).window(WINDOW).build();
            PenaltyBox perAccountIp = PenaltyBox.builder().clock(clock).audit(audit).name("login-account-ip")
                    .thresholds(3, 5, ACCOUNT_IP_BLOCK).window(WINDOW).build();
            PenaltyBox perAccount = PenaltyBox.builder().clock(clock).audit(audit).name("login-account")
                    .thresholds(5, 10, Integer.MAX_VALUE).window(WINDOW).build();
            return new LoginPenalty(LoginThrottle.of(perIp, perAccountIp, perAccount), perIp, perAccountIp);
        }
    }

    /** A user account. */
    private static final class User {
        final String id;
        final String email;
        final String org;
        volatile String passwordHash;
        volatile boolean verified;
        volatile Secret pendingTotp;
        volatile Secret totp;

        User(String id, String email, String org, String passwordHash) {
            this.id = id;
            this.email = email;
            this.org = org;
            this.passwordHash = passwordHash;
        }
    }

    /** A project of an org. */
    private record Project(String id, String org, String name, String createdBy, Instant createdAt) {
    }

    /** A note: the email sealed and blind-indexed, the text masked. */
    private record Note(String id, String org, byte[] sealedEmail, String emailIndex, String text, String createdBy,
            Instant createdAt) {
    }

    private final transient Map<String, Note> notes = new ConcurrentHashMap<>();
    private final transient Components c;
    private final transient Map<String, User> usersByEmail = new ConcurrentHashMap<>();
    private final transient Map<String, User> usersById = new ConcurrentHashMap<>();
    private final transient Map<String, Project> projects = new ConcurrentHashMap<>();

    DemoApi(Components components) {
        this.c = components;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String m = req.getMethod();
        try {
            route(m, path, req, resp);
        } catch (StoreUnavailableException e) {
            problem(resp, 503, "Service Unavailable", e.reason().name(), "A backing store is unavailable; try again.");
        } catch (TokenException e) {
            problem(resp, 401, "Unauthorized", e.reason().name(), safeMessage(e));
        } catch (BulwarkException e) {
            problem(resp, 400, "Bad Request", e.reason().name(), safeMessage(e));
        } catch (BadRequest e) {
            problem(resp, e.status, e.title, e.reason, e.getMessage());
        }
    }

    private void route(String m, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] seg = path.split("/", -1);
        switch (m + " " + path) {
            case "GET /health" -> json(resp, 200, Map.of("status", "ok"));
            case "POST /auth/signup" -> signup(req, resp);
            case "GET /auth/verify" -> verify(req, resp);
            case "POST /auth/login" -> login(req, resp);
            case "POST /auth/refresh" -> refresh(req, resp);
            case "POST /auth/logout" -> logout(req, resp);
            case "POST /auth/token" -> exchange(req, resp);
            case "GET /api/whoami" -> whoami(req, resp);
            case "GET /api/sessions" -> listSessions(req, resp);
            case "POST /api/sessions/revoke-others" -> revokeOthers(req, resp);
            case "POST /api/keys" -> createKey(req, resp);
            case "GET /api/keys" -> listKeys(req, resp);
            case "GET /api/projects" -> listProjects(req, resp);
            case "POST /api/notes" -> createNote(req, resp);
            case "POST /api/mfa/totp" -> enrolTotp(req, resp);
            case "POST /api/mfa/totp/confirm" -> confirmTotp(req, resp);
            case "GET /api/notes" -> findNotes(req, resp);
            case "POST /api/projects" -> createProject(req, resp);
            case "POST /webhooks/stripe", "POST /webhooks/github", "POST /webhooks/standard" -> webhook(req, resp);
            default -> {
                if (m.equals("DELETE") && seg.length == 4 && path.startsWith("/api/sessions/")) {
                    deleteSession(req, resp, seg[3]);
                } else if (m.equals("DELETE") && seg.length == 4 && path.startsWith("/api/keys/")) {
                    deleteKey(req, resp, seg[3]);
                } else if (m.equals("POST") && seg.length == 5 && path.startsWith("/api/orgs/")
                        && seg[4].equals("members")) {
                    addMember(req, resp, seg[3]);
                } else if (seg.length == 4 && path.startsWith("/api/projects/")) {
                    project(m, req, resp, seg[3]);
                } else {
                    throw new BadRequest(404, "Not Found", "NOT_FOUND", "No such route.");
                }
            }
        }
    }

    // ---- auth ----

    private void signup(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = body(req);
        String email = email(text(body, "email"));
        String password = text(body, "password");
        if (password.length() < 10 || password.length() > 256) {
            throw new BadRequest(400, "Bad Request", "WEAK_PASSWORD", "The password must have 10 to 256 characters.");
        }
        if (usersByEmail.size() >= MAX_USERS) {
            throw new BadRequest(503, "Service Unavailable", "STORE_FULL", "The demo holds no more users.");
        }
        String id = "u_" + RandomTokens.hex(16).substring(0, 16);
        String org = "org_" + RandomTokens.hex(16).substring(0, 16);
        User user = new User(id, email, org, c.hasher().hash(Secret.ofUtf8(password)));
        if (usersByEmail.putIfAbsent(email, user) != null) {
            throw new BadRequest(409, "Conflict", "EMAIL_TAKEN", "An account with this email exists.");
        }
        usersById.put(id, user);
        c.membershipWriter().addPersonalOrg(id, org, "owner");
        OneTimeTokens.Issued link = c.oneTime().issue(VERIFY_PURPOSE, id);
        c.console().accept("Verification link for " + email + ": " + link.link());
        json(resp, 201, Map.of("user", id, "org", org, "verified", false));
    }

    private void verify(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = req.getParameter("token");
        if (token == null || token.isEmpty()) {
            throw new BadRequest(400, "Bad Request", "MISSING_TOKEN", "The token query parameter is required.");
        }
        OneTimeTokens.Consumed consumed = c.oneTime().consume(token, VERIFY_PURPOSE);
        User user = usersById.get(consumed.subject());
        if (user == null) {
            throw new BadRequest(400, "Bad Request", "ONE_TIME_TOKEN_INVALID", "The link is not valid.");
        }
        user.verified = true;
        json(resp, 200, Map.of("user", user.id, "verified", true));
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = body(req);
        String email = email(text(body, "email"));
        String password = text(body, "password");
        String ip = req.getRemoteAddr();
        LoginThrottle.Verdict verdict = c.penalty().throttle().check(email, ip);
        if (verdict.blocked()) {
            // the same headers a RateLimitFilter refusal carries: the blocking box is the deciding policy,
            // with nothing remaining until the lockout ends
            long seconds = Math.max(1, ceilSeconds(verdict.retryAfter()));
            boolean byIp = c.penalty().perIp().status(ip).blocked();
            String policy = byIp ? "login-ip-penalty" : "login-account-ip-penalty";
            int quota = byIp ? LoginPenalty.IP_BLOCK : LoginPenalty.ACCOUNT_IP_BLOCK;
            resp.setHeader("Retry-After", Long.toString(seconds));
            resp.setHeader("RateLimit", "\"" + policy + "\";r=0;t=" + seconds);
            resp.setHeader("RateLimit-Policy",
                    "\"" + policy + "\";q=" + quota + ";w=" + LoginPenalty.WINDOW.toSeconds());
            throw new BadRequest(429, "Too Many Requests", "LOGIN_BLOCKED",
                    "Too many failed logins from this address; try again later.");
        }
        limit(resp, c.loginPerIp().tryAcquire("ip:" + ip, 1));
        limit(resp, c.loginPerAccount().tryAcquire("account:" + email, 1));
        User user = usersByEmail.get(email);
        boolean ok;
        if (user == null) {
            ok = false;
            try {
                c.hasher().verifyDummy(Secret.ofUtf8(password));
            } catch (BulwarkException expected) {
                // same cost as a real check
            }
        } else {
            try {
                c.hasher().verify(Secret.ofUtf8(password), user.passwordHash);
                ok = true;
            } catch (BulwarkException mismatch) {
                ok = false;
            }
        }
        if (!ok) {
            c.penalty().throttle().onFailure(email, ip);
            throw new BadRequest(401, "Unauthorized", "INVALID_CREDENTIALS", "Wrong email or password.");
        }
        if (!user.verified) {
            throw new BadRequest(403, "Forbidden", "EMAIL_NOT_VERIFIED", "Open the verification link first.");
        }
        Secret totpSecret = user.totp;
        if (totpSecret != null) {
            JsonNode code = body.get("totp");
            if (code == null || !code.isTextual() || code.asText().isEmpty()) {
                throw new BadRequest(401, "Unauthorized", "TOTP_REQUIRED", "This account needs a TOTP code (totp).");
            }
            c.totp().verify(user.id, totpSecret, code.asText());
        }
        c.penalty().throttle().onSuccess(email, ip);
        String device = req.getHeader("User-Agent");
        TokenPair pair = c.refreshTokens().login(user.id, user.org, device == null ? "unknown" : truncate(device),
                Set.of(), Set.of());
        tokenResponse(resp, pair);
    }

    private void refresh(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        tokenResponse(resp, c.refreshTokens().refresh(text(body(req), "refresh_token")));
    }

    private void logout(HttpServletRequest req, HttpServletResponse resp) {
        VerifiedToken token = c.accessTokens().verify(bearer(req));
        c.sessions().revokeBySessionId(token.sessionId());
        resp.setStatus(204);
    }

    private void exchange(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        IssuedToken token = c.apiKeys().exchange(bearer(req));
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("access_token", token.token());
        out.put("token_type", "Bearer");
        out.put("expires_in", token.expiresInSeconds());
        json(resp, 200, out);
    }

    private void webhook(HttpServletRequest req, HttpServletResponse resp) {
        if (!(req.getAttribute(WebhookFilter.VERIFIED_ATTRIBUTE) instanceof VerifiedWebhook hook)) {
            throw new BadRequest(401, "Unauthorized", "NOT_VERIFIED", "The webhook was not verified.");
        }
        c.console().accept("Verified " + hook.scheme() + " webhook" + hook.eventId().map(id -> " " + id).orElse("")
                + " (" + hook.body().length + " bytes)");
        resp.setStatus(204);
    }

    // ---- api ----

    private void whoami(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("user", ctx.userId());
        out.put("org", ctx.orgId());
        out.put("role", ctx.roles().isEmpty() ? null : ctx.roles().get(0));
        VerifiedToken token = token(req);
        out.put("session_id", token == null ? null : Sessions.handleOf(token.sessionId()));
        json(resp, 200, out);
    }

    private void listSessions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        VerifiedToken token = requireUserToken(req);
        String current = Sessions.handleOf(token.sessionId());
        ArrayNode out = DemoServer.JSON.createArrayNode();
        for (SessionRecord s : c.sessions().list(token.subject())) {
            ObjectNode o = out.addObject();
            o.put("id", s.handle());
            o.put("device", s.device());
            o.put("created_at", s.createdAt().toString());
            o.put("last_used_at", s.lastUsedAt() == null ? null : s.lastUsedAt().toString());
            o.put("current", s.handle().equals(current));
        }
        json(resp, 200, out);
    }

    private void deleteSession(HttpServletRequest req, HttpServletResponse resp, String id) {
        VerifiedToken token = requireUserToken(req);
        if (!c.sessions().revoke(token.subject(), id)) {
            throw new BadRequest(404, "Not Found", "SESSION_UNKNOWN", "No such session of yours.");
        }
        resp.setStatus(204);
    }

    private void revokeOthers(HttpServletRequest req, HttpServletResponse resp) {
        VerifiedToken token = requireUserToken(req);
        c.sessions().revokeOthers(token.subject(), token.sessionId());
        resp.setStatus(204);
    }

    private void createKey(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        JsonNode body = optionalBody(req);
        String name = body.path("name").asText("key");
        if (name.isEmpty() || name.length() > 64) {
            throw new BadRequest(400, "Bad Request", "INVALID_NAME", "The key name has 1 to 64 characters.");
        }
        ApiKeys.CreatedApiKey created = c.apiKeys().create(ctx.orgId(), name, Set.of(), null);
        // the key acts in its org as a member (its principal and its exchanged tokens are "apikey:<id>")
        // (its personal org is the key's own org: see DemoBackends)
        String keyUser = DemoBackends.API_KEY_USER_PREFIX + created.info().keyId();
        c.membershipWriter().add(keyUser, ctx.orgId(), "member");
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("id", created.info().keyId());
        out.put("key", created.rawKey());
        out.put("prefix", created.info().displayPrefix());
        out.put("name", created.info().name());
        json(resp, 201, out);
    }

    private void listKeys(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        ArrayNode out = DemoServer.JSON.createArrayNode();
        for (ApiKeyRecord k : c.apiKeys().list(ctx.orgId())) {
            if (k.revokedAt() != null) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("id", k.keyId());
            o.put("prefix", k.displayPrefix());
            o.put("name", k.name());
            o.put("created_at", k.createdAt().toString());
            o.put("last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
        }
        json(resp, 200, out);
    }

    private void deleteKey(HttpServletRequest req, HttpServletResponse resp, String id) {
        OrgContext ctx = org(req);
        if (!c.apiKeys().revoke(ctx.orgId(), id)) {
            throw new BadRequest(404, "Not Found", "API_KEY_UNKNOWN", "No such key in this org.");
        }
        c.membershipWriter().removeMember(DemoBackends.API_KEY_USER_PREFIX + id, ctx.orgId());
        resp.setStatus(204);
    }

    private void addMember(HttpServletRequest req, HttpServletResponse resp, String org) throws IOException {
        OrgContext ctx = org(req);
        if (!ctx.orgId().equals(org)) {
            throw new BadRequest(403, "Forbidden", "ORG_MISMATCH",
                    "Switch to this org with X-Org-Id before managing its members.");
        }
        JsonNode body = body(req);
        String role = text(body, "role");
        if (!Set.of("owner", "admin", "member", "viewer").contains(role)) {
            throw new BadRequest(400, "Bad Request", "INVALID_ROLE", "role is one of owner, admin, member, viewer.");
        }
        if (role.equals("owner") && !ctx.roles().contains("owner")) {
            throw new BadRequest(403, "Forbidden", "ROLE_CHANGE_DENIED", "Only an owner may appoint an owner.");
        }
        User user = usersByEmail.get(email(text(body, "email")));
        if (user == null) {
            throw new BadRequest(404, "Not Found", "USER_UNKNOWN", "No account with this email.");
        }
        c.membershipWriter().setRole(user.id, org, role);
        json(resp, 201, Map.of("user", user.id, "org", org, "role", role));
    }

    private void listProjects(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        ArrayNode out = DemoServer.JSON.createArrayNode();
        projects.values().stream().filter(p -> p.org().equals(ctx.orgId()))
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .forEach(p -> out.add(projectJson(p)));
        json(resp, 200, out);
    }

    private void createProject(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        String name = projectName(body(req));
        if (projects.size() >= MAX_PROJECTS) {
            throw new BadRequest(503, "Service Unavailable", "STORE_FULL", "The demo holds no more projects.");
        }
        Project p = new Project("p_" + RandomTokens.hex(16).substring(0, 16), ctx.orgId(), name, ctx.userId(), c.clock().instant());
        projects.put(p.id(), p);
        json(resp, 201, projectJson(p));
    }

    private void project(String m, HttpServletRequest req, HttpServletResponse resp, String id) throws IOException {
        OrgContext ctx = org(req);
        Project p = projects.get(id);
        if (p == null || !p.org().equals(ctx.orgId())) {
            throw new BadRequest(404, "Not Found", "NOT_FOUND", "No such project in this org.");
        }
        switch (m) {
            case "GET" -> json(resp, 200, projectJson(p));
            case "PUT" -> {
                Project updated = new Project(p.id(), p.org(), projectName(body(req)), p.createdBy(), p.createdAt());
                projects.put(id, updated);
                json(resp, 200, projectJson(updated));
            }
            case "DELETE" -> {
                projects.remove(id);
                resp.setStatus(204);
            }
            default -> throw new BadRequest(405, "Method Not Allowed", "METHOD_NOT_ALLOWED", "Not supported.");
        }
    }

    private static EncryptionContext noteContext(String org, String id) {
        return EncryptionContext.of("tenant", org, "table", "notes", "column", "email", "row", id);
    }

    private void createNote(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        JsonNode body = body(req);
        String email = email(text(body, "email"));
        String text = text(body, "text");
        if (text.length() > 5_000) {
            throw new BadRequest(400, "Bad Request", "TEXT_TOO_LONG", "A note has at most 5,000 characters.");
        }
        if (notes.size() >= MAX_PROJECTS) {
            throw new BadRequest(503, "Service Unavailable", "STORE_FULL", "The demo holds no more notes.");
        }
        String id = "n_" + RandomTokens.hex(16).substring(0, 16);
        byte[] sealed = c.encryptor().encrypt(email.getBytes(StandardCharsets.UTF_8), noteContext(ctx.orgId(), id));
        Note n = new Note(id, ctx.orgId(), sealed, c.emailIndex().compute(email), c.masker().mask(text),
                ctx.userId(), c.clock().instant());
        notes.put(id, n);
        json(resp, 201, noteJson(n, email));
    }

    private void findNotes(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OrgContext ctx = org(req);
        String email = req.getParameter("email");
        String index = email == null ? null : c.emailIndex().compute(email(email));
        ArrayNode out = DemoServer.JSON.createArrayNode();
        notes.values().stream()
                .filter(n -> n.org().equals(ctx.orgId()) && (index == null || index.equals(n.emailIndex())))
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .forEach(n -> out.add(noteJson(n, new String(c.encryptor().decrypt(n.sealedEmail(),
                        noteContext(n.org(), n.id())), StandardCharsets.UTF_8))));
        json(resp, 200, out);
    }

    private static ObjectNode noteJson(Note n, String email) {
        ObjectNode o = DemoServer.JSON.createObjectNode();
        o.put("id", n.id());
        o.put("email", email);
        o.put("text", n.text());
        o.put("created_by", n.createdBy());
        o.put("created_at", n.createdAt().toString());
        return o;
    }

    private User currentUser(HttpServletRequest req) {
        VerifiedToken token = requireUserToken(req);
        User user = usersById.get(token.subject());
        if (user == null) {
            throw new BadRequest(403, "Forbidden", "USER_TOKEN_REQUIRED", "MFA belongs to user accounts.");
        }
        return user;
    }

    private void enrolTotp(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        User user = currentUser(req);
        if (user.totp != null) {
            throw new BadRequest(409, "Conflict", "TOTP_ALREADY_ENABLED", "TOTP is already enabled.");
        }
        String base32 = RandomTokens.base32(20);
        Secret secret = Secret.ofBase32(base32);
        user.pendingTotp = secret;
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("secret", base32);
        out.put("otpauth_uri", c.totp().otpauthUri(secret, user.email));
        json(resp, 200, out);
    }

    private void confirmTotp(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        User user = currentUser(req);
        Secret pending = user.pendingTotp;
        if (pending == null) {
            throw new BadRequest(409, "Conflict", "TOTP_NOT_ENROLLED", "Start with POST /api/mfa/totp.");
        }
        c.totp().verify(user.id, pending, text(body(req), "code"));
        user.totp = pending;
        user.pendingTotp = null;
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("enabled", true);
        ArrayNode codes = out.putArray("recovery_codes");
        c.totp().newRecoveryCodes(user.id, 8).forEach(codes::add);
        json(resp, 200, out);
    }

    // ---- helpers ----

    private static ObjectNode projectJson(Project p) {
        ObjectNode o = DemoServer.JSON.createObjectNode();
        o.put("id", p.id());
        o.put("org", p.org());
        o.put("name", p.name());
        o.put("created_by", p.createdBy());
        o.put("created_at", p.createdAt().toString());
        return o;
    }

    private static String projectName(JsonNode body) {
        String name = text(body, "name");
        if (name.length() > 100) {
            throw new BadRequest(400, "Bad Request", "INVALID_NAME", "A project name has 1 to 100 characters.");
        }
        return name;
    }

    private static void tokenResponse(HttpServletResponse resp, TokenPair pair) throws IOException {
        ObjectNode out = DemoServer.JSON.createObjectNode();
        out.put("access_token", pair.accessToken().token());
        out.put("refresh_token", pair.refreshToken());
        out.put("token_type", "Bearer");
        out.put("expires_in", pair.expiresIn());
        out.put("session_id", pair.sessionHandle());
        json(resp, 200, out);
    }

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    private static void limit(HttpServletResponse resp, RateDecision d) {
        d.rateLimitHeader().ifPresent(v -> resp.setHeader("RateLimit", v));
        d.rateLimitPolicyHeader().ifPresent(v -> resp.setHeader("RateLimit-Policy", v));
        if (!d.allowed()) {
            d.retryAfterHeader().ifPresent(v -> resp.setHeader("Retry-After", v));
            throw new BadRequest(429, "Too Many Requests", "RATE_LIMITED", "Too many login attempts; slow down.");
        }
    }

    private static OrgContext org(HttpServletRequest req) {
        if (req.getAttribute(OrgContextFilter.ORG_CONTEXT_ATTRIBUTE) instanceof OrgContext ctx) {
            return ctx;
        }
        throw new BadRequest(401, "Unauthorized", "UNAUTHENTICATED", "A bearer token is required.");
    }

    private static VerifiedToken token(HttpServletRequest req) {
        return req.getAttribute(AuthenticationFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken t ? t : null;
    }

    private static VerifiedToken requireUserToken(HttpServletRequest req) {
        VerifiedToken t = token(req);
        if (t == null || !(req.getAttribute(AuthenticationFilter.PRINCIPAL_ATTRIBUTE)
                instanceof AuthenticatedPrincipal)) {
            throw new BadRequest(403, "Forbidden", "USER_TOKEN_REQUIRED", "Sessions belong to users, not API keys.");
        }
        return t;
    }

    private static String bearer(HttpServletRequest req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() == 7) {
            throw new BadRequest(401, "Unauthorized", "MISSING_CREDENTIALS", "Authorization: Bearer is required.");
        }
        return h.substring(7).trim();
    }

    private static JsonNode body(HttpServletRequest req) throws IOException {
        JsonNode node;
        try {
            node = DemoServer.JSON.readTree(req.getInputStream());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadRequest(400, "Bad Request", "MALFORMED_JSON", "The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(400, "Bad Request", "MALFORMED_JSON", "The body must be a JSON object.");
        }
        return node;
    }

    private static JsonNode optionalBody(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() == 0) {
            return DemoServer.JSON.createObjectNode();
        }
        return body(req);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new BadRequest(400, "Bad Request", "MISSING_FIELD", "The field '" + field + "' is required.");
        }
        return v.asText();
    }

    private static String email(String raw) {
        String e = raw.trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(e).matches()) {
            throw new BadRequest(400, "Bad Request", "INVALID_EMAIL", "The email address is not valid.");
        }
        return e;
    }

    private static String truncate(String s) {
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    private static String safeMessage(BulwarkException e) {
        String msg = e.getMessage();
        return msg == null ? e.reason().name() : msg;
    }

    static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        DemoServer.JSON.writeValue(resp.getOutputStream(), body);
    }

    static void problem(HttpServletResponse resp, int status, String title, String reason, String detail)
            throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding("UTF-8");
        ObjectNode o = DemoServer.JSON.createObjectNode();
        o.put("type", "about:blank");
        o.put("title", title);
        o.put("status", status);
        o.put("detail", detail);
        o.put("reason", reason);
        DemoServer.JSON.writeValue(resp.getOutputStream(), o);
    }

    /** A rejected request with its HTTP answer. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String title;
        final String reason;

        BadRequest(int status, String title, String reason, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.reason = reason;
        }
    }
}
