package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A configurable HMAC scheme: one header holding {@code prefix + encoded MAC} (several comma- or
 * space-separated entries allowed), signing the body, or {@code timestamp + separator + body} when a
 * timestamp header is configured.
 */
public final class GenericScheme implements SchemeImpl {

    private final HmacKey.Algorithm algorithm;
    private final String header;
    private final boolean base64;
    private final String prefix;
    private final String timestampHeader;
    private final byte[] separator;
    private final String idHeader;
    private final Duration tolerance;

    /**
     * @param algorithm hash function
     * @param header the signature header
     * @param base64 base64 (else hex)
     * @param prefix text before the encoded MAC, possibly empty
     * @param timestampHeader the signed-timestamp header, or {@code null}
     * @param separator between timestamp and body
     * @param idHeader the event id header, or {@code null}
     * @param tolerance the default tolerance when there is a timestamp
     */
    public GenericScheme(HmacKey.Algorithm algorithm, String header, boolean base64, String prefix,
            String timestampHeader, String separator, String idHeader, Duration tolerance) {
        this.algorithm = algorithm;
        this.header = header;
        this.base64 = base64;
        this.prefix = prefix;
        this.timestampHeader = timestampHeader;
        this.separator = separator.getBytes(StandardCharsets.UTF_8);
        this.idHeader = idHeader;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        return idHeader == null ? null : Schemes.optional(request, idHeader);
    }

    @Override
    public Duration defaultTolerance() {
        return timestampHeader == null ? null : tolerance;
    }

    /**
     * @param value the header value
     * @return decoded signatures ({@code null} entries for undecodable ones)
     */
    public List<byte[]> parse(String value) {
        List<byte[]> out = new ArrayList<>(1);
        int wrongPrefix = 0;
        // the entries separated by ',' or ' ' (as value.split("[, ]"), empty ones skipped), walked in place
        int n = value.length();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && value.charAt(end) != ',' && value.charAt(end) != ' ') {
                end++;
            }
            if (end > start) {
                if (end - start < prefix.length() || !value.startsWith(prefix, start)) {
                    wrongPrefix++;
                } else {
                    int from = start + prefix.length();
                    out.add(base64 ? Codecs.base64OrNull(value, from, end) : Codecs.hexOrNull(value, from, end));
                }
            }
            start = end + 1;
        }
        if (out.isEmpty()) {
            if (wrongPrefix > 0) {
                throw Schemes.unsupported(header, "no entry starts with the configured prefix");
            }
            throw Schemes.malformed(header, "no signature");
        }
        return out;
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        List<byte[]> candidates = parse(Schemes.required(request, header));
        long seconds = SchemeResult.NO_TIMESTAMP;
        byte[] hit;
        if (timestampHeader != null) {
            String ts = Schemes.required(request, timestampHeader);
            seconds = Schemes.epochSeconds(ts, timestampHeader, true);
            SignedHead head = SignedHead.begin().utf8(ts).bytes(separator);
            hit = SignatureMatcher.match(name(), keys, candidates, head, body);
        } else {
            hit = SignatureMatcher.match(name(), keys, candidates, body);
        }
        return new SchemeResult(idHeader == null ? null : Schemes.optional(request, idHeader), false, seconds, hit);
    }
}
