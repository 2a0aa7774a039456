package dev.bulwark.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.examples.demo.DemoHttp.Res;
import dev.bulwark.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.WebhookSigner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End-to-end over real HTTP against the demo's composition, with a test clock. */
class DemoServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MutableClock CLOCK = MutableClock.at("2026-01-01T00:00:00Z");
    private static final List<String> CONSOLE = new CopyOnWriteArrayList<>();
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final String STRIPE_SECRET = "whsec_test_demo_secret_0123456789";
    private static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(0, List.of("http://localhost:3000"),
                Map.of("github", GITHUB_SECRET, "stripe", STRIPE_SECRET), CLOCK, CONSOLE::add,
                Map.of("/api/fault", new Faulty(), "/debug/fault", new Faulty()));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @BeforeEach
    void refillLoginLimits() {
        CLOCK.advance(Duration.ofMinutes(2));
    }

    // ---- HTTP helpers ----

    private static Res send(String method, String path, String token, String json, String... headers)
            throws Exception {
        // DemoHttp uses a fresh client per request: Jetty closes a connection whose request body a filter rejected unread
        return DemoHttp.send(demo, method, path, token, json, headers);
    }

    private static String credentials(String email, String password) {
        return DemoHttp.credentials(email, password);
    }

    /** A signed-up, verified user. */
    record User(String email, String id, String org) {
    }

    private static User signup() throws Exception {
        String email = "user" + USERS.incrementAndGet() + "@example.com";
        Res r = send("POST", "/auth/signup", null, credentials(email, PASSWORD));
        assertThat(r.status()).isEqualTo(201);
        String link = CONSOLE.stream().filter(l -> l.contains(email)).reduce((a, b) -> b).orElseThrow();
        assertThat(link).contains(demo.url() + "/auth/verify?token=");
        Matcher m = Pattern.compile("/auth/verify\\?token=([A-Za-z0-9_-]+)").matcher(link);
        assertThat(m.find()).isTrue();
        Res v = send("GET", "/auth/verify?token=" + m.group(1), null, null);
        assertThat(v.status()).isEqualTo(200);
        return new User(email, r.body().get("user").asText(), r.body().get("org").asText());
    }

    private static JsonNode login(User u) throws Exception {
        Res r = send("POST", "/auth/login", null, credentials(u.email(), PASSWORD));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    private static String access(JsonNode login) {
        return login.get("access_token").asText();
    }

    private static void assertProblem(Res r, int status, String reason) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.reason()).isEqualTo(reason);
    }

    // ---- step 1: sign-up, verify, login, refresh, logout, whoami ----

    @Test
    void health_ok_withSecurityHeaders() throws Exception {
        Res r = send("GET", "/health", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("ok");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).isNotNull();
        assertThat(r.header("Server")).isNull();
    }

    @Test
    void signup_verify_login_whoami_refresh_logout() throws Exception {
        User u = signup();
        JsonNode login = login(u);
        assertThat(login.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.get("expires_in").asLong()).isEqualTo(900);
        assertThat(login.get("refresh_token").asText()).startsWith("rt_");
        String sid = login.get("session_id").asText();

        Res who = send("GET", "/api/whoami", access(login), null);
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.body().get("user").asText()).isEqualTo(u.id());
        assertThat(who.body().get("org").asText()).isEqualTo(u.org());
        assertThat(who.body().get("role").asText()).isEqualTo("owner");
        assertThat(who.body().get("session_id").asText()).isEqualTo(sid);
        assertThat(who.header("Cache-Control")).isEqualTo("no-store");

        Res refreshed = send("POST", "/auth/refresh", null,
                JSON.createObjectNode().put("refresh_token", login.get("refresh_token").asText()).toString());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().get("session_id").asText()).isEqualTo(sid);
        assertThat(refreshed.body().get("refresh_token").asText()).isNotEqualTo(login.get("refresh_token").asText());
        String next = access(refreshed.body());
        assertThat(send("GET", "/api/whoami", next, null).status()).isEqualTo(200);

        Res out = send("POST", "/auth/logout", next, null);
        assertThat(out.status()).isEqualTo(204);
        Res after = send("GET", "/api/whoami", next, null);
        assertProblem(after, 401, "SESSION_REVOKED");
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(after.raw().body()).doesNotContain(next);
        assertProblem(send("GET", "/api/whoami", access(login), null), 401, "SESSION_REVOKED");
    }

    @Test
    void verificationLink_isSingleUse_andUnverifiedCannotLogIn() throws Exception {
        String email = "unverified" + USERS.incrementAndGet() + "@example.com";
        assertThat(send("POST", "/auth/signup", null, credentials(email, PASSWORD)).status()).isEqualTo(201);
        assertProblem(send("POST", "/auth/login", null, credentials(email, PASSWORD)), 403, "EMAIL_NOT_VERIFIED");
        String line = CONSOLE.stream().filter(l -> l.contains(email)).findFirst().orElseThrow();
        String token = line.substring(line.indexOf("token=") + 6);
        assertThat(send("GET", "/auth/verify?token=" + token, null, null).status()).isEqualTo(200);
        assertProblem(send("GET", "/auth/verify?token=" + token, null, null), 401, "ONE_TIME_TOKEN_INVALID");
        assertProblem(send("POST", "/auth/signup", null, credentials(email, PASSWORD)), 409, "EMAIL_TAKEN");
    }

    @Test
    void badInput_getsProblemJson() throws Exception {
        assertProblem(send("POST", "/auth/signup", null, "{not json"), 400, "MALFORMED_JSON");
        assertProblem(send("POST", "/auth/signup", null, credentials("nobody", PASSWORD)), 400, "INVALID_EMAIL");
        assertProblem(send("POST", "/auth/signup", null, credentials("a@example.com", "short")), 400,
                "WEAK_PASSWORD");
        assertProblem(send("GET", "/nope", null, null), 404, "NOT_FOUND");
        assertProblem(send("GET", "/api/whoami", null, null), 401, send("GET", "/api/whoami", null, null).reason());
        assertProblem(send("GET", "/api/whoami", "eyJhbGciOiJub25lIn0.e30.", null), 401,
                send("GET", "/api/whoami", "eyJhbGciOiJub25lIn0.e30.", null).reason());
    }

    @Test
    void wrongPassword_isRejected_withoutSayingWhichPartWasWrong() throws Exception {
        User u = signup();
        Res wrong = send("POST", "/auth/login", null, credentials(u.email(), "not the password"));
        Res unknown = send("POST", "/auth/login", null, credentials("ghost@example.com", "not the password"));
        assertProblem(wrong, 401, "INVALID_CREDENTIALS");
        assertProblem(unknown, 401, "INVALID_CREDENTIALS");
        assertThat(wrong.body().get("detail")).isEqualTo(unknown.body().get("detail"));
    }

    @Test
    void reusedRefreshToken_revokesTheWholeSession() throws Exception {
        User u = signup();
        JsonNode login = login(u);
        String rt = JSON.createObjectNode().put("refresh_token", login.get("refresh_token").asText()).toString();
        Res first = send("POST", "/auth/refresh", null, rt);
        assertThat(first.status()).isEqualTo(200);
        assertProblem(send("POST", "/auth/refresh", null, rt), 401, "REFRESH_REUSED");
        assertProblem(send("GET", "/api/whoami", access(first.body()), null), 401, "SESSION_REVOKED");
        String rotated = JSON.createObjectNode().put("refresh_token", first.body().get("refresh_token").asText())
                .toString();
        assertThat(send("POST", "/auth/refresh", null, rotated).status()).isEqualTo(401);
    }

    @Test
    void login_isRateLimitedPerAccount_with429AndHeaders() throws Exception {
        User u = signup();
        Res last = null;
        for (int i = 0; i < 6; i++) {
            last = send("POST", "/auth/login", null, credentials(u.email(), "wrong password " + i));
        }
        assertProblem(last, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.header("RateLimit")).isNotNull();
        assertThat(last.header("RateLimit-Policy")).isNotNull();
        // the limit refills with the clock
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(send("POST", "/auth/login", null, credentials(u.email(), PASSWORD)).status()).isEqualTo(200);
    }

    // ---- step 2: sessions ----

    @Test
    void sessions_list_deleteOne_revokeOthers() throws Exception {
        User u = signup();
        JsonNode a = login(u);
        JsonNode b = login(u);
        JsonNode c = login(u);
        Res list = send("GET", "/api/sessions", access(a), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(3);
        JsonNode current = null;
        for (JsonNode s : list.body()) {
            assertThat(s.has("device") && s.has("created_at") && s.has("last_used_at")).isTrue();
            if (s.get("current").asBoolean()) {
                current = s;
            }
        }
        assertThat(current.get("id").asText()).isEqualTo(a.get("session_id").asText());

        assertThat(send("DELETE", "/api/sessions/" + b.get("session_id").asText(), access(a), null).status())
                .isEqualTo(204);
        assertProblem(send("GET", "/api/whoami", access(b), null), 401, "SESSION_REVOKED");
        assertProblem(send("DELETE", "/api/sessions/nope", access(a), null), 404, "SESSION_UNKNOWN");

        assertThat(send("POST", "/api/sessions/revoke-others", access(a), null).status()).isEqualTo(204);
        assertProblem(send("GET", "/api/whoami", access(c), null), 401, "SESSION_REVOKED");
        assertThat(send("GET", "/api/whoami", access(a), null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/sessions", access(a), null).body()).hasSize(1);
    }

    @Test
    void oneUserCannotRevokeAnothersSession() throws Exception {
        JsonNode alice = login(signup());
        JsonNode bob = login(signup());
        assertProblem(send("DELETE", "/api/sessions/" + bob.get("session_id").asText(), access(alice), null), 404,
                "SESSION_UNKNOWN");
        assertThat(send("GET", "/api/whoami", access(bob), null).status()).isEqualTo(200);
    }

    // ---- step 3: API keys ----

    @Test
    void apiKeys_createShownOnce_listMasked_exchange_revoke() throws Exception {
        User u = signup();
        String at = access(login(u));
        Res created = send("POST", "/api/keys", at, "{\"name\":\"ci\"}");
        assertThat(created.status()).isEqualTo(201);
        String raw = created.body().get("key").asText();
        assertThat(raw).matches("ak_live_[0-9a-f]{64}");
        String id = created.body().get("id").asText();

        Res list = send("GET", "/api/keys", at, null);
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).get("prefix").asText()).startsWith("ak_live_");
        assertThat(list.raw().body()).doesNotContain(raw).doesNotContain(raw.substring(8, 40));

        Res token = send("POST", "/auth/token", raw, null);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.body().get("expires_in").asLong()).isEqualTo(300);
        Res who = send("GET", "/api/whoami", token.body().get("access_token").asText(), null);
        assertThat(who.status()).as(who.raw().body()).isEqualTo(200);
        assertThat(who.body().get("org").asText()).isEqualTo(u.org());
        assertThat(who.body().get("role").asText()).isEqualTo("member");
        Res direct = send("GET", "/api/projects", raw, null);
        assertThat(direct.status()).as(direct.raw().body()).isEqualTo(200);

        assertThat(send("DELETE", "/api/keys/" + id, at, null).status()).isEqualTo(204);
        Res again = send("POST", "/auth/token", raw, null);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.raw().body()).doesNotContain(raw);
        Res revoked = send("GET", "/api/projects", raw, null);
        assertProblem(revoked, 401, revoked.reason());
        assertThat(revoked.body().get("detail").asText()).isEqualTo("Invalid or revoked API key");
        assertThat(send("GET", "/api/keys", at, null).body()).isEmpty();
    }

    @Test
    void apiKey_staysInItsOrg_andCannotManageUserSessions() throws Exception {
        User a = signup();
        User b = signup();
        String raw = send("POST", "/api/keys", access(login(a)), "{\"name\":\"ci\"}").body().get("key").asText();
        send("POST", "/api/projects", access(login(b)), "{\"name\":\"secret-project\"}");
        Res cross = send("GET", "/api/projects", raw, null, "X-Org-Id", b.org());
        assertThat(cross.status()).as(cross.raw().body()).isIn(403, 404);
        assertThat(cross.raw().body()).doesNotContain("secret-project");
        assertProblem(send("GET", "/api/sessions", raw, null), 403, "USER_TOKEN_REQUIRED");
    }

    // ---- step 4: orgs, members, RBAC ----

    @Test
    void projects_crud_rbac_and_orgSwitch() throws Exception {
        User owner = signup();
        User viewer = signup();
        User member = signup();
        User outsider = signup();
        String ot = access(login(owner));
        assertThat(send("POST", "/api/orgs/" + owner.org() + "/members", ot,
                "{\"email\":\"" + viewer.email() + "\",\"role\":\"viewer\"}").status()).isEqualTo(201);
        assertThat(send("POST", "/api/orgs/" + owner.org() + "/members", ot,
                "{\"email\":\"" + member.email() + "\",\"role\":\"member\"}").status()).isEqualTo(201);

        Res p = send("POST", "/api/projects", ot, "{\"name\":\"apollo\"}");
        assertThat(p.status()).isEqualTo(201);
        String pid = p.body().get("id").asText();

        String vt = access(login(viewer));
        String[] inOrg = {"X-Org-Id", owner.org()};
        Res vWho = send("GET", "/api/whoami", vt, null, inOrg);
        assertThat(vWho.body().get("org").asText()).isEqualTo(owner.org());
        assertThat(vWho.body().get("role").asText()).isEqualTo("viewer");
        assertThat(send("GET", "/api/projects", vt, null, inOrg).body()).hasSize(1);
        assertThat(send("GET", "/api/projects/" + pid, vt, null, inOrg).status()).isEqualTo(200);
        assertProblem(send("POST", "/api/projects", vt, "{\"name\":\"x\"}", inOrg), 403, "NO_GRANT");
        assertProblem(send("PUT", "/api/projects/" + pid, vt, "{\"name\":\"x\"}", inOrg), 403, "NO_GRANT");
        assertProblem(send("DELETE", "/api/projects/" + pid, vt, null, inOrg), 403, "NO_GRANT");
        assertProblem(send("POST", "/api/orgs/" + owner.org() + "/members", vt,
                "{\"email\":\"" + outsider.email() + "\",\"role\":\"admin\"}", inOrg), 403, "NO_GRANT");
        // the viewer's own org is separate
        assertThat(send("GET", "/api/projects", vt, null).body()).isEmpty();

        String mt = access(login(member));
        assertThat(send("PUT", "/api/projects/" + pid, mt, "{\"name\":\"apollo-2\"}", "X-Org-Id", owner.org())
                .body().get("name").asText()).isEqualTo("apollo-2");
        assertProblem(send("DELETE", "/api/projects/" + pid, mt, null, "X-Org-Id", owner.org()), 403, "NO_GRANT");

        String xt = access(login(outsider));
        assertProblem(send("GET", "/api/projects", xt, null, "X-Org-Id", owner.org()), 403,
                send("GET", "/api/projects", xt, null, "X-Org-Id", owner.org()).reason());
        assertThat(send("GET", "/api/projects", xt, null, "X-Org-Id", "org_doesnotexist").status()).isEqualTo(404);
        // the outsider's project ids do not reach into another org
        assertProblem(send("GET", "/api/projects/" + pid, xt, null), 404, "NOT_FOUND");

        assertThat(send("DELETE", "/api/projects/" + pid, ot, null).status()).isEqualTo(204);
        assertThat(send("GET", "/api/projects", ot, null).body()).isEmpty();
    }

    /** A servlet that fails with internals in its message, mounted behind the demo's filters. */
    static final class Faulty extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(jakarta.servlet.http.HttpServletRequest req,
                jakarta.servlet.http.HttpServletResponse resp) {
            throw new IllegalStateException("db password=hunter2 at jdbc:postgresql://10.0.0.5/prod");
        }
    }

    @Test
    void errorBoundary_hidesInternals_andUnmappedApiRoutesAreDenied() throws Exception {
        String at = access(login(signup()));
        // /api/fault has no permission mapped: denied by default before it runs
        assertProblem(send("GET", "/api/fault", at, null), 403, "ROUTE_NOT_MAPPED");
        // without a token the authentication filter answers first
        assertThat(send("GET", "/api/fault", null, null).status()).isEqualTo(401);

        Res r = send("GET", "/debug/fault?q=secret-input-echo", null, null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.raw().body()).doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("postgresql").doesNotContain("secret-input-echo").doesNotContain("at dev.");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.raw().body()).contains(r.header("X-Request-Id"));
    }

    @Test
    void oversizedBody_is413() throws Exception {
        String big = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(70_000) + "\"}";
        Res r = send("POST", "/auth/signup", null, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    // ---- step 7: TOTP ----

    @Test
    void totp_enrol_confirm_thenLoginNeedsACode_andReplayIsRefused() throws Exception {
        User u = signup();
        String at = access(login(u));
        Res enrol = send("POST", "/api/mfa/totp", at, null);
        assertThat(enrol.status()).isEqualTo(200);
        String secret = enrol.body().get("secret").asText();
        assertThat(enrol.body().get("otpauth_uri").asText()).startsWith("otpauth://totp/").contains(secret);
        Secret key = Secret.ofBase32(secret);
        assertProblem(send("POST", "/api/mfa/totp/confirm", at, "{\"code\":\"000000\"}".replace("000000",
                wrongCode(key))), 401, "TOTP_INVALID");
        CLOCK.advance(Duration.ofSeconds(30));
        Res confirm = send("POST", "/api/mfa/totp/confirm", at, "{\"code\":\"" + code(key) + "\"}");
        assertThat(confirm.status()).as(confirm.raw().body()).isEqualTo(200);
        assertThat(confirm.body().get("recovery_codes")).hasSize(8);

        assertProblem(send("POST", "/auth/login", null, credentials(u.email(), PASSWORD)), 401, "TOTP_REQUIRED");
        CLOCK.advance(Duration.ofSeconds(30));
        String code = code(key);
        String withCode = JSON.createObjectNode().put("email", u.email()).put("password", PASSWORD)
                .put("totp", code).toString();
        assertThat(send("POST", "/auth/login", null, withCode).status()).isEqualTo(200);
        assertProblem(send("POST", "/auth/login", null, withCode), 401, "TOTP_REPLAYED");
    }

    private static String code(Secret key) {
        return dev.bulwark.tokens.Totp.code(key, CLOCK.instant(), dev.bulwark.tokens.Totp.Algorithm.SHA1, 6, 30);
    }

    private static String wrongCode(Secret key) {
        String right = code(key);
        return right.equals("000000") ? "111111" : "000000";
    }

    // ---- step 6: notes ----

    @Test
    void notes_emailSealedAndBlindIndexed_textMasked_orgScoped() throws Exception {
        User u = signup();
        String at = access(login(u));
        Res created = send("POST", "/api/notes", at,
                "{\"email\":\"Carol@Example.com\",\"text\":\"card 4242 4242 4242 4242, mail carol@example.com\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().get("text").asText()).doesNotContain("4242 4242 4242 4242")
                .doesNotContain("carol@example.com");
        send("POST", "/api/notes", at, "{\"email\":\"dave@example.com\",\"text\":\"hello\"}");

        Res found = send("GET", "/api/notes?email=%20CAROL@example.com", at, null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).hasSize(1);
        assertThat(found.body().get(0).get("email").asText()).isEqualTo("carol@example.com");
        assertThat(send("GET", "/api/notes?email=nobody@example.com", at, null).body()).isEmpty();
        assertThat(send("GET", "/api/notes", at, null).body()).hasSize(2);

        String other = access(login(signup()));
        assertThat(send("GET", "/api/notes?email=carol@example.com", other, null).body()).isEmpty();
    }

    // ---- step 5: webhooks ----

    private static String hmacHex(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void webhooks_github_verified_tampered_unsigned() throws Exception {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        String sig = "sha256=" + hmacHex(GITHUB_SECRET, body);
        Res ok = send("POST", "/webhooks/github", null, body, "X-Hub-Signature-256", sig, "X-GitHub-Delivery", "d-1");
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(204);
        Res tampered = send("POST", "/webhooks/github", null, body.replace("awesome", "awful"),
                "X-Hub-Signature-256", sig, "X-GitHub-Delivery", "d-2");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tampered.raw().body()).doesNotContain(sig.substring(7));
        assertThat(send("POST", "/webhooks/github", null, body).status()).isIn(400, 401);
        assertThat(send("POST", "/webhooks/nope", null, body).status()).isEqualTo(404);
    }

    @Test
    void webhooks_stripe_verified_replayed_stale() throws Exception {
        long t = CLOCK.instant().getEpochSecond();
        String body = "{\"id\":\"evt_demo_" + t + "\",\"type\":\"invoice.paid\"}";
        String header = "t=" + t + ",v1=" + hmacHex(STRIPE_SECRET, t + "." + body);
        assertThat(send("POST", "/webhooks/stripe", null, body, "Stripe-Signature", header).status()).isEqualTo(204);
        assertThat(send("POST", "/webhooks/stripe", null, body, "Stripe-Signature", header).status()).isEqualTo(401);
        long old = t - 3600;
        String staleBody = "{\"id\":\"evt_stale_" + t + "\"}";
        assertThat(send("POST", "/webhooks/stripe", null, staleBody, "Stripe-Signature",
                "t=" + old + ",v1=" + hmacHex(STRIPE_SECRET, old + "." + staleBody)).status()).isEqualTo(401);
    }

    @Test
    void webhooks_standard_withGeneratedSecret() throws Exception {
        String secret = demo.webhookSecrets().get("standard");
        assertThat(secret).startsWith("whsec_");
        assertThat(demo.webhookSecrets()).containsEntry("github", GITHUB_SECRET);
        WebhookSigner signer = WebhookSigner.builder().secret(Secret.ofUtf8(secret)).clock(CLOCK).build();
        byte[] body = "{\"type\":\"user.created\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.SignedWebhook signed = signer.sign(WebhookSigner.newMessageId(), body);
        List<String> headers = new java.util.ArrayList<>();
        signed.headers().forEach((k, v) -> {
            headers.add(k);
            headers.add(v);
        });
        Res ok = send("POST", "/webhooks/standard", null, new String(body, StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(204);
        assertThat(CONSOLE).anyMatch(l -> l.startsWith("Verified standard webhook"));
        Res tampered = send("POST", "/webhooks/standard", null, "{\"type\":\"user.deleted\"}",
                headers.toArray(String[]::new));
        assertThat(tampered.status()).isEqualTo(401);
    }

    @Test
    void unknownWebhookScheme_failsAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoServer.start(0, List.of(),
                Map.of("slack", "x"), CLOCK, l -> { })).isInstanceOf(dev.bulwark.core.ConfigurationException.class);
    }

    @Test
    void walkthrough_namesTheUrlAndCurlLines() {
        String w = demo.walkthrough();
        assertThat(w).contains(demo.url()).contains("curl -i " + demo.url() + "/auth/signup")
                .contains("/auth/login").contains("/api/sessions").contains("/api/keys").contains("/api/projects")
                .contains("/auth/logout").contains("--redis").contains("--postgres");
        assertThat(demo.storePlacement()).isNotEmpty()
                .allSatisfy((store, where) -> assertThat(where).as(store).doesNotContain("redis").doesNotContain("postgres"));
        assertThat(w).contains("sessions").contains("memory (this process only)");
    }
}
