package dev.bulwark.examples.demo;

import static dev.bulwark.examples.demo.DemoHttp.assertProblem;
import static dev.bulwark.examples.demo.DemoHttp.login;
import static dev.bulwark.examples.demo.DemoHttp.send;
import static dev.bulwark.examples.demo.DemoHttp.signup;
import static dev.bulwark.examples.demo.DemoHttp.verificationToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.demo.DemoHttp.Res;
import dev.bulwark.examples.demo.DemoHttp.User;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code --redis}: sessions, refresh-token families, one-time tokens, the login rate limits and
 * the webhook replay guard live in Redis, shared by two instances.
 */
class RedisDemoTest extends SharedStoresDemoContract {

    private DemoServices.RedisNamespace redis;

    @Override
    void openBackend() {
        redis = DemoServices.RedisNamespace.create();
    }

    @Override
    DemoServer.Config backend(DemoServer.Config base) {
        return base.redis(DemoServices.REDIS_URL).redisKeyPrefix(redis.prefix);
    }

    @Override
    void closeBackend() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void storePlacement_namesRedisForTheHotState_andMemoryForTheRest() {
        assertThat(a.storePlacement().get("sessions")).startsWith("redis (").contains(redis.prefix);
        assertThat(a.storePlacement().get("login rate limits")).startsWith("redis (");
        assertThat(a.storePlacement().get("webhook replay guard")).startsWith("redis (");
        assertThat(a.storePlacement().get("API keys")).startsWith("memory");
        assertThat(a.walkthrough()).contains("redis (" + DemoServices.REDIS_URL);
    }

    @Test
    void loginRateLimit_isCountedAcrossInstances() throws Exception {
        User u = signup(a, console, "limit");
        for (int i = 0; i < 3; i++) {
            assertProblem(login(a, u, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        for (int i = 3; i < 5; i++) {
            assertProblem(login(b, u, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        // the sixth attempt in the minute, on either instance: the bucket in Redis is empty
        Res onB = login(b, u, "wrong password 5");
        assertProblem(onB, 429, "RATE_LIMITED");
        assertThat(onB.header("RateLimit")).startsWith("\"login-account\";r=0;");
        assertThat(Long.parseLong(onB.header("Retry-After"))).isPositive();
        assertProblem(login(a, u, "wrong password 6"), 429, "RATE_LIMITED");
    }

    @Test
    void webhookDeliveredToOneInstance_isAReplayOnTheOther() throws Exception {
        long t = clock.instant().getEpochSecond();
        String body = "{\"id\":\"evt_shared_" + t + "\",\"type\":\"invoice.paid\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = "t=" + t + ",v1="
                + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        Res first = send(a, "POST", "/webhooks/stripe", null, body, "Stripe-Signature", header);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(204);
        Res replay = send(b, "POST", "/webhooks/stripe", null, body, "Stripe-Signature", header);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.raw().body()).contains("REPLAY");
    }

    @Test
    void verificationLink_isKeptInRedis_untilConsumed() throws Exception {
        int before = redis.keys("one-time").size();
        User u = signup(a, console, "link");
        assertThat(redis.keys("one-time")).hasSize(before + 1);
        assertThat(send(a, "GET", "/auth/verify?token=" + verificationToken(console, u), null, null).status())
                .isEqualTo(200);
        assertThat(redis.keys("one-time")).hasSize(before);
        // no email, user id or token in any key name
        assertThat(String.join(" ", redis.keys(""))).doesNotContain(u.email()).doesNotContain(u.id());
    }
}
