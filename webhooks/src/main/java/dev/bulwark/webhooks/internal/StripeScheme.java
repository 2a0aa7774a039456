package dev.bulwark.webhooks.internal;

import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over {@code t.body},
 * key = the whole {@code whsec_...} string as UTF-8 bytes, tolerance 300 s.
 */
public final class StripeScheme implements SchemeImpl {

    /** The shared instance. */
    public static final StripeScheme INSTANCE = new StripeScheme();

    static final String HEADER = "Stripe-Signature";
    private static final byte DOT = '.';

    private StripeScheme() {
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public Duration defaultTolerance() {
        return Duration.ofSeconds(300);
    }

    /** A parsed {@code Stripe-Signature} (or Paddle/Mercado Pago) header. */
    public record Parsed(String timestamp, List<byte[]> signatures) {
    }

    /**
     * Parses {@code t=...,v1=...} style headers.
     *
     * @param header the value
     * @param name the header name
     * @param separator the pair separator ({@code ','} for Stripe and Mercado Pago, {@code ';'} for Paddle)
     * @param tsKey the timestamp key ({@code t} or {@code ts})
     * @param sigKey the trusted signature key ({@code v1} or {@code h1})
     * @return the timestamp text and decoded hex signatures ({@code null} for undecodable ones)
     */
    public static Parsed parse(String header, String name, char separator, String tsKey, String sigKey) {
        String ts = null;
        List<byte[]> sigs = new ArrayList<>(2);
        int others = 0;
        int start = 0;
        int n = header.length();
        while (start <= n) {
            int end = header.indexOf(separator, start);
            if (end < 0) {
                end = n;
            }
            int eq = header.indexOf('=', start);
            if (eq < 0 || eq >= end) {
                if (!header.substring(start, end).isBlank()) {
                    throw Schemes.malformed(name, "expected key=value pairs");
                }
            } else {
                // the key, compared in place: the same as header.substring(start, eq).strip().equals(...)
                int ks = start;
                int ke = eq;
                while (ks < ke && Character.isWhitespace(header.charAt(ks))) {
                    ks++;
                }
                while (ke > ks && Character.isWhitespace(header.charAt(ke - 1))) {
                    ke--;
                }
                if (isKey(header, ks, ke, tsKey)) {
                    if (ts != null) {
                        throw Schemes.malformed(name, "more than one " + tsKey + "=");
                    }
                    ts = header.substring(eq + 1, end).strip();
                } else if (isKey(header, ks, ke, sigKey)) {
                    int s = eq + 1;
                    int e = end;
                    while (s < e && header.charAt(s) == ' ') {
                        s++;
                    }
                    while (e > s && header.charAt(e - 1) == ' ') {
                        e--;
                    }
                    sigs.add(Codecs.hexOrNull(header, s, e));
                } else {
                    others++;
                }
            }
            start = end + 1;
        }
        if (ts == null) {
            throw Schemes.malformed(name, "no " + tsKey + "= timestamp");
        }
        if (sigs.isEmpty()) {
            if (others > 0) {
                throw Schemes.unsupported(name, "no " + sigKey + "= signature among " + others + " other entries");
            }
            throw Schemes.malformed(name, "no " + sigKey + "= signature");
        }
        return new Parsed(ts, sigs);
    }

    private static boolean isKey(String header, int start, int end, String key) {
        return end - start == key.length() && header.startsWith(key, start);
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        Parsed p = parse(Schemes.required(request, HEADER), HEADER, ',', "t", "v1");
        long seconds = Schemes.epochSeconds(p.timestamp(), HEADER, false);
        SignedHead head = SignedHead.begin().utf8(p.timestamp()).put(DOT);
        byte[] hit = SignatureMatcher.match(name(), keys, p.signatures(), head, body);
        return new SchemeResult(null, false, seconds, hit);
    }
}
