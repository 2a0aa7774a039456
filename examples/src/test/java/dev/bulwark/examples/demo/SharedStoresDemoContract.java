package dev.bulwark.examples.demo;

import static dev.bulwark.examples.demo.DemoHttp.PASSWORD;
import static dev.bulwark.examples.demo.DemoHttp.assertProblem;
import static dev.bulwark.examples.demo.DemoHttp.login;
import static dev.bulwark.examples.demo.DemoHttp.refreshBody;
import static dev.bulwark.examples.demo.DemoHttp.send;
import static dev.bulwark.examples.demo.DemoHttp.verifiedUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.examples.demo.DemoHttp.Res;
import dev.bulwark.examples.demo.DemoHttp.User;
import dev.bulwark.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End-to-end over real HTTP against TWO demo instances sharing one backend (each with its own access-token
 * signing key, its own in-process accounts): what one instance writes, the other must see. Subclasses say
 * which backend; this class holds the checks both must pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedStoresDemoContract {

    static final String STRIPE_SECRET = "whsec_test_shared_demo_0123456789";

    final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    final List<String> console = new CopyOnWriteArrayList<>();
    DemoServer a;
    DemoServer b;

    /** Opens the backend's namespace (or aborts the class when the service is down). */
    abstract void openBackend() throws Exception;

    /** @return the settings that point an instance at the backend */
    abstract DemoServer.Config backend(DemoServer.Config base);

    abstract void closeBackend() throws Exception;

    DemoServer startInstance() throws Exception {
        return backend(DemoServer.config().port(0).clock(clock).console(console::add)
                .webhookSecrets(Map.of("stripe", STRIPE_SECRET))).start();
    }

    @BeforeAll
    void startTwoInstances() throws Exception {
        openBackend();
        a = startInstance();
        b = startInstance();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            closeBackend();
        }
    }

    @BeforeEach
    void refillLoginLimits() {
        clock.advance(Duration.ofMinutes(2));
    }

    static String access(JsonNode tokens) {
        return tokens.get("access_token").asText();
    }

    static String refresh(JsonNode tokens) {
        return tokens.get("refresh_token").asText();
    }

    @Test
    void banner_namesTheBackendOfEachStore() {
        assertThat(a.walkthrough()).contains("--redis").contains("--postgres").contains("sessions");
        assertThat(a.storePlacement()).containsKeys("sessions", "refresh-token families", "one-time tokens",
                "login rate limits", "webhook replay guard", "API keys", "memberships", "audit log");
    }

    @Test
    void fullFlow_signupVerifyLoginRefreshReuseLogout_apiKeys_rateLimit() throws Exception {
        User u = verifiedUser(a, console, "flow");
        JsonNode first = login(a, u);
        String sid = first.get("session_id").asText();
        Res who = send(a, "GET", "/api/whoami", access(first), null);
        assertThat(who.status()).as(who.raw().body()).isEqualTo(200);
        assertThat(who.text("org")).isEqualTo(u.org());

        // rotation, then reuse of the rotated token revokes the session
        Res rotated = send(a, "POST", "/auth/refresh", null, refreshBody(refresh(first)));
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        assertThat(rotated.text("session_id")).isEqualTo(sid);
        assertProblem(send(a, "POST", "/auth/refresh", null, refreshBody(refresh(first))), 401, "REFRESH_REUSED");
        assertProblem(send(a, "GET", "/api/whoami", access(rotated.body()), null), 401, "SESSION_REVOKED");

        // a new session; API key create, use, revoke; logout
        JsonNode second = login(a, u);
        Res created = send(a, "POST", "/api/keys", access(second), "{\"name\":\"ci\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String raw = created.text("key");
        Res exchanged = send(a, "POST", "/auth/token", raw, null);
        assertThat(exchanged.status()).as(exchanged.raw().body()).isEqualTo(200);
        Res asKey = send(a, "GET", "/api/whoami", access(exchanged.body()), null);
        assertThat(asKey.status()).as(asKey.raw().body()).isEqualTo(200);
        assertThat(asKey.text("org")).isEqualTo(u.org());
        assertThat(asKey.text("role")).isEqualTo("member");
        assertThat(send(a, "GET", "/api/projects", raw, null).status()).isEqualTo(200);
        assertThat(send(a, "DELETE", "/api/keys/" + created.text("id"), access(second), null).status())
                .isEqualTo(204);
        assertThat(send(a, "POST", "/auth/token", raw, null).status()).isEqualTo(401);
        assertThat(send(a, "POST", "/auth/logout", access(second), null).status()).isEqualTo(204);
        assertProblem(send(a, "GET", "/api/whoami", access(second), null), 401, "SESSION_REVOKED");
        assertThat(send(a, "POST", "/auth/refresh", null, refreshBody(refresh(second))).status()).isEqualTo(401);

        // login rate limit: 5 a minute per account
        Res last = null;
        for (int i = 0; i < 6; i++) {
            last = login(a, u, "wrong password " + i);
        }
        assertProblem(last, 429, "RATE_LIMITED");
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.header("RateLimit")).startsWith("\"login-account\";r=0;");
        assertThat(last.header("RateLimit-Policy")).isEqualTo("\"login-account\";q=5;w=60");
    }

    @Test
    void sessionRevokedThroughOneInstance_isRejectedByTheOther() throws Exception {
        User u = verifiedUser(a, console, "revoke");
        JsonNode onA = login(a, u);
        // B knows nothing of the user in memory: it finds the refresh family and the session in the store
        Res onB = send(b, "POST", "/auth/refresh", null, refreshBody(refresh(onA)));
        assertThat(onB.status()).as(onB.raw().body()).isEqualTo(200);
        assertThat(onB.text("session_id")).isEqualTo(onA.get("session_id").asText());
        // B's access token is signed with B's key: A cannot verify it, B can
        assertThat(send(a, "GET", "/api/whoami", access(onB.body()), null).status()).isEqualTo(401);

        assertThat(send(a, "POST", "/auth/logout", access(onA), null).status()).isEqualTo(204);

        assertProblem(send(b, "GET", "/api/whoami", access(onB.body()), null), 401, "SESSION_REVOKED");
        Res again = send(b, "POST", "/auth/refresh", null, refreshBody(onB.text("refresh_token")));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(401);
    }

    @Test
    void refreshTokenReusedOnTheOtherInstance_isDetected_andRevokesTheSessionEverywhere() throws Exception {
        User u = verifiedUser(a, console, "reuse");
        JsonNode onA = login(a, u);
        Res rotatedOnA = send(a, "POST", "/auth/refresh", null, refreshBody(refresh(onA)));
        assertThat(rotatedOnA.status()).isEqualTo(200);

        assertProblem(send(b, "POST", "/auth/refresh", null, refreshBody(refresh(onA))), 401, "REFRESH_REUSED");

        assertProblem(send(a, "GET", "/api/whoami", access(rotatedOnA.body()), null), 401, "SESSION_REVOKED");
        assertThat(send(a, "POST", "/auth/refresh", null, refreshBody(rotatedOnA.text("refresh_token"))).status())
                .isEqualTo(401);
    }

    @Test
    void wrongPassword_sameAnswerOnBothInstances() throws Exception {
        User u = verifiedUser(a, console, "wrong");
        Res onA = login(a, u, "not the password");
        Res onB = login(b, u, PASSWORD); // B has no such account in memory
        assertProblem(onA, 401, "INVALID_CREDENTIALS");
        assertProblem(onB, 401, "INVALID_CREDENTIALS");
        assertThat(onA.body().get("detail")).isEqualTo(onB.body().get("detail"));
    }
}
