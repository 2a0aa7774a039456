package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>}, HMAC-SHA256 over {@code v0:timestamp:body} with
 * {@code X-Slack-Request-Timestamp}; key = the signing secret as UTF-8 text; tolerance 5 minutes.
 */
public final class SlackScheme implements SchemeImpl {

    /** The shared instance. */
    public static final SlackScheme INSTANCE = new SlackScheme();

    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final byte[] V0 = Codecs.ascii("v0:");
    private static final byte[] COLON = {':'};

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
    public Duration defaultTolerance() {
        return Duration.ofMinutes(5);
    }

    /**
     * @param value the {@code X-Slack-Signature} value
     * @return the decoded signature, or {@code null} when the hex is invalid
     */
    public static byte[] parse(String value) {
        return Schemes.labelledHex(value, SIGNATURE, "v0", "version is not v0");
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        String ts = Schemes.required(request, TIMESTAMP);
        byte[] candidate = parse(Schemes.required(request, SIGNATURE));
        long seconds = Schemes.epochSeconds(ts, TIMESTAMP, false);
        SignedHead head = SignedHead.begin().bytes(V0).utf8(ts).bytes(COLON);
        byte[] hit = SignatureMatcher.match(name(), keys, Collections.singletonList(candidate), head, body);
        return new SchemeResult(null, false, seconds, hit);
    }
}
