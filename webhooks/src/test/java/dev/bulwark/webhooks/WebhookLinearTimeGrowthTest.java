package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear-time guarantee (issue 11, item 4) for every webhook scheme's verify: each signature/timestamp header
 * gets adversarial values of 16 KiB, 128 KiB and 1 MiB (runs of ',', '=', digits, repeated {@code v1,} and
 * {@code t=} items, spaces); the CPU time of size 8n must stay below 32 times that of size n. Every request is
 * rejected with a {@link WebhookVerificationException}.
 */
class WebhookLinearTimeGrowthTest {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {16 * 1024, 128 * 1024, 1024 * 1024};
    private static final double MAX_RATIO = 8 * 4;
    private static final TestClock CLOCK = new TestClock(Instant.ofEpochSecond(1_700_000_000L));

    private static WebhookVerifier verifier(WebhookScheme scheme) {
        return WebhookVerifier.builder(scheme).secret(Secret.ofUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .clock(CLOCK).auditSink(AuditSinks.noop()).replayGuard(InMemoryReplayGuard.create(1000, CLOCK))
                .eventIdExtractor(EventIdExtractor.jsonField("id")).build();
    }

    private static final List<String> VALUES = List.of(",", "=", "1", " ", "v1,", "t=1,", "v1=", "sha256=", "ts=1,",
            "v1,AAAA ", "h1=", ";");

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        add(all, "standard", verifier(WebhookSchemes.standard()), "webhook-signature", "webhook-timestamp",
                "webhook-id");
        add(all, "stripe", verifier(WebhookSchemes.stripe()), "Stripe-Signature");
        add(all, "github", verifier(WebhookSchemes.github()), "X-Hub-Signature-256", "X-GitHub-Delivery");
        add(all, "meta", verifier(WebhookSchemes.meta()), "X-Hub-Signature-256");
        add(all, "slack", verifier(WebhookSchemes.slack()), "X-Slack-Signature", "X-Slack-Request-Timestamp");
        add(all, "shopify", verifier(WebhookSchemes.shopify()), "X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id");
        add(all, "twilio", verifier(WebhookSchemes.twilio()), "X-Twilio-Signature");
        add(all, "paddle", verifier(WebhookSchemes.paddle()), "Paddle-Signature");
        add(all, "mercadopago", verifier(WebhookSchemes.mercadoPago()), "x-signature", "x-request-id");
        add(all, "generic", verifier(GenericHmac.builder().prefix("sha256=").timestampHeader("X-Timestamp", ".")
                .build()), "X-Signature", "X-Timestamp");
        return all.stream();
    }

    private static void add(List<Arguments> all, String name, WebhookVerifier v, String... headers) {
        for (String h : headers) {
            for (String unit : List.of(VALUES.get(0), VALUES.get(1), VALUES.get(2), VALUES.get(4), VALUES.get(5),
                    VALUES.get(7), VALUES.get(9), VALUES.get(10), VALUES.get(11))) {
                all.add(Arguments.of(name + " " + h + " = '" + unit + "'*", v, h, unit));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyIsLinearInHeaderLength(String name, WebhookVerifier v, String header, String unit) {
        String url = "https://example.com/hooks?data.id=1";
        assertLinear(name, n -> repeat(unit, n), value -> {
            WebhookRequest.Builder b = WebhookRequest.builder().url(url).body("{\"id\":\"evt_1\"}");
            for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Stripe-Signature",
                    "X-Hub-Signature-256", "X-GitHub-Delivery", "X-Slack-Signature", "X-Slack-Request-Timestamp",
                    "X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", "X-Twilio-Signature", "Paddle-Signature",
                    "x-signature", "x-request-id", "X-Signature", "X-Timestamp")) {
                if (!h.equalsIgnoreCase(header)) {
                    b.header(h, h.toLowerCase().contains("timestamp") ? "1700000000" : "v1,AAAA");
                }
            }
            try {
                b.header(header, value);
                v.verify(b.build());
                throw new AssertionError("accepted a forged request: " + name);
            } catch (WebhookVerificationException expected) {
                // rejection is the expected outcome; its cost is what is measured
            }
        });
    }

    private static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.toString();
    }

    /**
     * Measures the CPU time per call at each size (minimum of 5 runs; small inputs repeated up to about 2 MiB
     * or 20 ms of CPU per run) and fails at the first step whose ratio reaches the bound.
     */
    static void assertLinear(String what, IntFunction<String> input, Consumer<String> op) {
        op.accept(input.apply(SIZES[0])); // warm-up
        double previous = 0;
        for (int i = 0; i < SIZES.length; i++) {
            String s = input.apply(SIZES[i]);
            long first = MX.getCurrentThreadCpuTime();
            op.accept(s);
            long one = Math.max(1, MX.getCurrentThreadCpuTime() - first);
            int iterations = (int) Math.max(1, Math.min(2L * SIZES[SIZES.length - 1] / SIZES[i], 20_000_000L / one));
            double perCall = one;
            for (int run = 0; run < (one > 100_000_000L ? 0 : 5); run++) { // a slow call is measured once
                long start = MX.getCurrentThreadCpuTime();
                for (int k = 0; k < iterations; k++) {
                    op.accept(s);
                }
                perCall = Math.min(perCall, Math.max(1.0, MX.getCurrentThreadCpuTime() - start) / iterations);
            }
            if (i > 0) {
                double ratio = perCall / previous;
                assertThat(ratio).as("%s: CPU time ratio of %d vs %d chars (%.0f ns vs %.0f ns per call)", what,
                        SIZES[i], SIZES[i - 1], perCall, previous).isLessThan(MAX_RATIO);
            }
            previous = perCall;
        }
    }
}
