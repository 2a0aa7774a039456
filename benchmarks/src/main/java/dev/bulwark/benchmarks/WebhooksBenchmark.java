package dev.bulwark.benchmarks;

import com.svix.Webhook;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookSigner;
import dev.bulwark.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook verification: Bulwark's {@code WebhookVerifier} against the providers' official Java SDKs on
 * identical payloads and headers — Stripe ({@code com.stripe:stripe-java}, {@code Webhook.Signature.verifyHeader})
 * and Standard Webhooks ({@code com.svix:svix}, {@code Webhook.verify}) — and a raw JCA floor ({@code jca_}).
 *
 * <p><strong>The floor</strong> is the least work any verifier of these schemes must do, written directly
 * against JCA: this thread's already initialised {@code Mac} from a {@code ThreadLocal} (as a thread-safe
 * verifier must hold it), fed the <em>same bytes</em> our verifier MACs, in the same parts, through
 * {@code Mac.update} — Standard Webhooks: {@code id}, {@code '.'}, {@code timestamp}, {@code '.'}, body; Stripe:
 * {@code timestamp}, {@code '.'}, body — then {@code doFinal()} and a constant-time
 * {@code MessageDigest.isEqual} against the signature. It deliberately does not MAC a pre-concatenated buffer
 * (a verifier receives the parts separately and would have to copy the body to concatenate them), and it does
 * none of the per-request work a real verifier cannot skip: header lookup and parsing, timestamp parsing
 * and tolerance check, signature decoding (the floor's header bytes and expected MAC are prepared in
 * {@code setUp}). So {@code bulwark_}/{@code jca_} is exactly the price of that request handling on top of
 * the HMAC itself.
 *
 * <p>All verifications succeed (the common case). The payload is JSON-like ASCII of {@code payloadBytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhooksBenchmark {

    @Param({"4096"})
    public int payloadBytes;

    private static final String STRIPE_SECRET = "whsec_test_secret_0123456789abcdef";
    private static final String STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private String payload;
    private byte[] payloadUtf8;
    private long ts;
    private Clock clock;

    private String stripeHeader;
    private WebhookVerifier bulwarkStripe;
    private WebhookRequest stripeRequest;
    private ThreadLocal<Mac> jcaStripeMac;
    private byte[] stripeTs;
    private byte[] stripeExpected;

    private String msgId;
    private String stdSignature;
    private WebhookVerifier bulwarkStandard;
    private WebhookRequest standardRequest;
    private Webhook svix;
    private Map<String, List<String>> svixHeaders;
    private ThreadLocal<Mac> jcaStandardMac;
    private byte[] stdId;
    private byte[] stdTs;
    private byte[] stdExpected;

    @Setup
    public void setUp() throws Exception {
        StringBuilder sb = new StringBuilder("{\"id\":\"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\"object\":\"event\",\"data\":\"");
        java.util.Random r = new java.util.Random(7);
        while (sb.length() < payloadBytes - 2) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        payload = sb.append("\"}").toString();
        payloadUtf8 = payload.getBytes(StandardCharsets.UTF_8);
        // svix checks against the system clock: sign "now" (the run is far shorter than the 5-minute tolerance)
        ts = System.currentTimeMillis() / 1000;
        clock = Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC);

        stripeHeader = com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, STRIPE_SECRET, ts);
        bulwarkStripe = WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8(STRIPE_SECRET))
                .clock(clock).auditSink(AuditSinks.noop()).build();
        stripeRequest = WebhookRequest.builder().header("Stripe-Signature", stripeHeader).body(payloadUtf8).build();
        jcaStripeMac = threadLocalMac(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8));
        stripeTs = Long.toString(ts).getBytes(StandardCharsets.US_ASCII);
        stripeExpected = HexFormat.of().parseHex(stripeHeader.substring(stripeHeader.indexOf("v1=") + 3));

        msgId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        stdSignature = WebhookSigner.builder().secret(Secret.ofUtf8(STD_SECRET)).clock(clock).build()
                .sign(msgId, payloadUtf8).signature();
        bulwarkStandard = WebhookVerifier.builder(WebhookSchemes.standard()).secret(Secret.ofUtf8(STD_SECRET))
                .clock(clock).auditSink(AuditSinks.noop()).build();
        standardRequest = WebhookRequest.builder().header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", stdSignature)
                .body(payloadUtf8).build();
        svix = new Webhook(STD_SECRET);
        // the Map overload: the HttpHeaders one lives in svix's Java 11 multi-release layer, which the shaded
        // benchmarks jar does not expose
        svixHeaders = Map.of("webhook-id", List.of(msgId), "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(stdSignature));
        jcaStandardMac = threadLocalMac(Base64.getDecoder().decode(STD_SECRET.substring(6)));
        stdId = msgId.getBytes(StandardCharsets.UTF_8);
        stdTs = Long.toString(ts).getBytes(StandardCharsets.US_ASCII);
        stdExpected = Base64.getDecoder().decode(stdSignature.substring(3));

        // every variant must accept its input before we time it
        bulwark_verifyStripe();
        stripe_verifyStripe();
        if (!jca_verifyStripe() || !jca_verifyStandard()) {
            throw new IllegalStateException("floor does not verify");
        }
        bulwark_verifyStandard();
        svix_verifyStandard();
    }

    private static ThreadLocal<Mac> threadLocalMac(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        return ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Benchmark
    public VerifiedWebhook bulwark_verifyStripe() {
        return bulwarkStripe.verify(stripeRequest);
    }

    @Benchmark
    public boolean stripe_verifyStripe() throws Exception {
        return com.stripe.net.Webhook.Signature.verifyHeader(payload, stripeHeader, STRIPE_SECRET, 300, clock);
    }

    @Benchmark
    public boolean jca_verifyStripe() {
        Mac m = jcaStripeMac.get();
        m.update(stripeTs);
        m.update((byte) '.');
        m.update(payloadUtf8);
        return MessageDigest.isEqual(m.doFinal(), stripeExpected);
    }

    @Benchmark
    public VerifiedWebhook bulwark_verifyStandard() {
        return bulwarkStandard.verify(standardRequest);
    }

    @Benchmark
    public String svix_verifyStandard() throws Exception {
        svix.verify(payload, svixHeaders);
        return msgId;
    }

    @Benchmark
    public boolean jca_verifyStandard() {
        Mac m = jcaStandardMac.get();
        m.update(stdId);
        m.update((byte) '.');
        m.update(stdTs);
        m.update((byte) '.');
        m.update(payloadUtf8);
        return MessageDigest.isEqual(m.doFinal(), stdExpected);
    }
}
