package dev.bulwark.examples.demo;

import static dev.bulwark.examples.demo.DemoHttp.PASSWORD;
import static dev.bulwark.examples.demo.DemoHttp.assertProblem;
import static dev.bulwark.examples.demo.DemoHttp.login;
import static dev.bulwark.examples.demo.DemoHttp.verifiedUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.examples.demo.DemoHttp.Res;
import dev.bulwark.examples.demo.DemoHttp.User;
import dev.bulwark.testkit.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's negative paths that need their own instance: the login penalty box (its per-address count would
 * leak into other tests) and the body-read deadline (it needs an injected nano-time source).
 */
class DemoAbuseLimitsTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<String> console = new CopyOnWriteArrayList<>();
    private DemoServer demo;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void repeatedFailedLogins_hitThePenaltyBox_429LoginBlocked_withRetryAfterAndRateLimitHeaders() throws Exception {
        demo = DemoServer.config().port(0).clock(clock).console(console::add).start();
        User u = verifiedUser(demo, console, "penalty");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                // the per-account rate limit (5 a minute) refills; the penalty box keeps counting failures
                clock.advance(Duration.ofMinutes(1));
            }
            assertProblem(login(demo, u, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }

        // ten failures from one address on one account: locked out for a minute, even with the right password
        Res blocked = login(demo, u, PASSWORD);
        assertProblem(blocked, 429, "LOGIN_BLOCKED");
        assertThat(blocked.header("Retry-After")).isEqualTo("60");
        assertThat(blocked.header("RateLimit")).isEqualTo("\"login-account-ip-penalty\";r=0;t=60");
        assertThat(blocked.header("RateLimit-Policy")).isEqualTo("\"login-account-ip-penalty\";q=10;w=900");
        assertThat(blocked.raw().body()).doesNotContain(PASSWORD).doesNotContain(u.email());

        clock.advance(Duration.ofSeconds(30));
        Res stillBlocked = login(demo, u, PASSWORD);
        assertProblem(stillBlocked, 429, "LOGIN_BLOCKED");
        assertThat(stillBlocked.header("Retry-After")).isEqualTo("30");
        assertThat(stillBlocked.header("RateLimit")).isEqualTo("\"login-account-ip-penalty\";r=0;t=30");

        clock.advance(Duration.ofSeconds(31));
        JsonNode ok = login(demo, u);
        assertThat(ok.get("access_token").asText()).isNotEmpty();
    }

    @Test
    void slowRequestBody_isCutOffAtTheBodyReadDeadline_with408ProblemJson() throws Exception {
        // the injected nano-time source: every look at it finds 1.5 s more elapsed, i.e. the client stalls
        // longer than the 1 s deadline between the first chunk of its body and the next
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        long step = Duration.ofMillis(1500).toNanos();
        demo = DemoServer.config().port(0).clock(clock).console(console::add)
                .bodyReadTimeout(Duration.ofSeconds(1)).nanoTime(() -> nanos.getAndAdd(step)).start();

        String partialBody = "{\"email\":\"slow@example.com\",\"password\":\"corr";
        String request = "POST /auth/signup HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 200\r\n"
                + "\r\n"
                + partialBody;
        String response;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), demo.port())) {
            socket.setSoTimeout(60_000); // a safety net against a hung server, not a measured time
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the rest of the body never comes: block on the response
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 408 ");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").contains("connection: close")
                .contains("x-content-type-options: nosniff");
        JsonNode problem = DemoHttp.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("status").asInt()).isEqualTo(408);
        assertThat(problem.get("reason").asText()).isEqualTo("BODY_READ_TIMEOUT");
        assertThat(response).doesNotContain("slow@example.com");
        // nothing of the half-read request reached the application
        assertThat(console).noneMatch(l -> l.contains("slow@example.com"));
    }
}
