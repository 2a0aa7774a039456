package dev.bulwark.webhooks.internal;

import dev.bulwark.core.ConstantTime;
import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio: {@code X-Twilio-Signature: <base64>}, HMAC-SHA1 with the auth token over the full URL followed by
 * every POST parameter as {@code name + value}, sorted by name (values of a repeated name sorted too). When
 * the URL carries a {@code bodySHA256} query parameter (JSON bodies), the URL alone is signed and the
 * parameter must equal the hex SHA-256 of the body. As Twilio's SDKs do, the URL is tried as given, without
 * its port and with the scheme's default port. The idempotency token {@code I-Twilio-Idempotency-Token} is
 * reported as the event id (not signed). No signed timestamp.
 */
public final class TwilioScheme implements SchemeImpl {

    /** The shared instance. */
    public static final TwilioScheme INSTANCE = new TwilioScheme();

    static final String HEADER = "X-Twilio-Signature";

    private TwilioScheme() {
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA1;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        return Schemes.optional(request, "I-Twilio-Idempotency-Token");
    }

    @Override
    public Duration defaultTolerance() {
        return null;
    }

    /**
     * @param url the full URL
     * @param params the POST parameters
     * @return the string Twilio signs
     */
    public static String signedContent(String url, Map<String, List<String>> params) {
        StringBuilder sb = new StringBuilder(url.length() + 64 * params.size()).append(url);
        List<String> names = new ArrayList<>(params.keySet());
        Collections.sort(names);
        for (String name : names) {
            List<String> values = new ArrayList<>(params.get(name));
            Collections.sort(values);
            for (String v : values) {
                sb.append(name).append(v);
            }
        }
        return sb.toString();
    }

    /**
     * @param url a URL
     * @return the URL as given, without an explicit port, and with the scheme's default port (distinct)
     */
    public static List<String> urlVariants(String url) {
        Set<String> out = new LinkedHashSet<>(3);
        out.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd > 0) {
            String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
            int authStart = schemeEnd + 3;
            int authEnd = authStart;
            while (authEnd < url.length() && "/?#".indexOf(url.charAt(authEnd)) < 0) {
                authEnd++;
            }
            String authority = url.substring(authStart, authEnd);
            int hostStart = authority.lastIndexOf('@') + 1;
            int bracket = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon >= hostStart && colon > bracket;
            String withoutPort = hasPort ? authority.substring(0, colon) : authority;
            out.add(url.substring(0, authStart) + withoutPort + url.substring(authEnd));
            String port = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : null;
            if (!hasPort && port != null) {
                out.add(url.substring(0, authStart) + authority + ":" + port + url.substring(authEnd));
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        byte[] candidate = Schemes.requiredBase64(request, HEADER);
        String url = request.url();
        if (url == null || url.isEmpty()) {
            throw new WebhookVerificationException(WebhookReason.MALFORMED_REQUEST,
                    "twilio signs the full URL: the request needs the URL Twilio called");
        }
        String bodySha = request.queryParam("bodySHA256");
        Map<String, List<String>> params = bodySha != null ? Map.of() : request.formParams();
        List<String> variants = urlVariants(url);
        List<byte[]> contents = new ArrayList<>(variants.size());
        for (String variant : variants) {
            contents.add(Codecs.utf8(signedContent(variant, params)));
        }
        byte[] hit = SignatureMatcher.matchAny(name(), keys, Collections.singletonList(candidate), contents);
        if (bodySha != null) {
            byte[] claimed = Codecs.hexOrNull(bodySha);
            if (!ConstantTime.equals(sha256(body), claimed)) {
                throw new WebhookVerificationException(WebhookReason.NO_MATCHING_SIGNATURE,
                        "twilio bodySHA256 does not match the SHA-256 of the body");
            }
        }
        return new SchemeResult(Schemes.optional(request, "I-Twilio-Idempotency-Token"), false,
                SchemeResult.NO_TIMESTAMP, hit);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
