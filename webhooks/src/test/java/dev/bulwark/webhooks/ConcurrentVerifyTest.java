package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One verifier shared by many threads (its per-thread MACs) gives the same answers as one thread. */
class ConcurrentVerifyTest {

    @Test
    void sharedVerifier_manyThreads_validAcceptedTamperedRejected_replayExactlyOnce() throws Exception {
        TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        WebhookVerifier v = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(secret))
                .clock(clock).auditSink(AuditSinks.noop()).replayGuard(InMemoryReplayGuard.create(clock)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                tasks.add(() -> {
                    String id = "msg_" + (n % 200); // every id delivered twice
                    byte[] body = ("{\"n\":" + (n % 200) + "}").getBytes(StandardCharsets.UTF_8);
                    String sig = ProviderSigning.standard(secret, id, 1_700_000_000L, body);
                    byte[] sent = n % 7 == 0 ? ("{\"n\":-1}").getBytes(StandardCharsets.UTF_8) : body;
                    try {
                        v.verify(WebhookRequest.builder().header("webhook-id", id)
                                .header("webhook-timestamp", "1700000000").header("webhook-signature", sig)
                                .body(sent).build());
                        return n % 7 == 0 ? "FORGED_ACCEPTED" : "OK";
                    } catch (WebhookVerificationException e) {
                        return e.reason() == WebhookReason.NO_MATCHING_SIGNATURE && n % 7 == 0 ? "TAMPER_REJECTED"
                                : e.reason().name();
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            assertThat(results).doesNotContain("FORGED_ACCEPTED");
            long tampered = results.stream().filter("TAMPER_REJECTED"::equals).count();
            assertThat(tampered).isEqualTo(400 / 7 + 1);
            // of the untampered deliveries, each id is accepted exactly once, the rest are REPLAYED
            long ok = results.stream().filter("OK"::equals).count();
            long replayed = results.stream().filter("REPLAYED"::equals).count();
            assertThat(ok + replayed + tampered).isEqualTo(400);
            long idsWithAnUntamperedDelivery = java.util.stream.IntStream.range(0, 200)
                    .filter(k -> k % 7 != 0 || (k + 200) % 7 != 0).count();
            assertThat(ok).isEqualTo(idsWithAnUntamperedDelivery);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
