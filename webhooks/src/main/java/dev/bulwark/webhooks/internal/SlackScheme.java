package dev.bulwark.webhooks.internal;

import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>}, HMAC-SHA256 over {@code v0:timestamp:body} with
 * {@code X-Slack-Request-Timestamp}; key = the signing secret as UTF-8 text; tolerance 5 minutes.
 */
public final class SlackScheme implements SchemeImpl {

    /** The shared instance. */
    public static final SlackScheme INSTANCE = new SlackScheme();

    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final byte[] V0 = "v0:".getBytes(StandardCharsets.US_ASCII);

    private SlackScheme() {
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public byte[] deriveKey(Secret providerSecret) {
        return providerSecret.bytes();
    }

    @Override
    public Duration defaultTolerance() {
        return Duration.ofMinutes(5);
    }

    /**
     * @param value the {@code X-Slack-Signature} value
     * @return the decoded signature, or {@code null} when the hex is invalid
     */
    public static byte[] parse(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw Schemes.malformed(SIGNATURE, "expected v0=<hex>");
        }
        if (eq != 2 || !value.startsWith("v0")) {
            throw Schemes.unsupported(SIGNATURE, "version is not v0");
        }
        return Codecs.hexOrNull(value, 3, value.length());
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        String ts = Schemes.required(request, TIMESTAMP);
        byte[] candidate = parse(Schemes.required(request, SIGNATURE));
        long seconds = Schemes.epochSeconds(ts, TIMESTAMP, false);
        byte[] tsBytes = ts.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> candidates = Collections.singletonList(candidate);
        byte[] hit = null;
        for (HmacKey key : keys) {
            Mac m = key.mac();
            m.update(V0);
            m.update(tsBytes);
            m.update((byte) ':');
            m.update(body);
            byte[] expected = m.doFinal();
            if (hit == null) {
                hit = Schemes.firstMatch(expected, candidates);
            }
        }
        if (hit == null) {
            throw Schemes.noMatch(name(), 1, keys.size());
        }
        return new SchemeResult(null, false, seconds, hit);
    }
}
