package dev.bulwark.webhooks.internal;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (and Svix, whose {@code svix-*} headers are accepted when the {@code webhook-*} ones are
 * absent): HMAC-SHA256 over {@code id.timestamp.body}, {@code v1,<base64>} signatures separated by spaces,
 * key = base64 decoding of the secret after {@code whsec_}.
 */
public final class StandardScheme implements SchemeImpl {

    /** The shared instance. */
    public static final StandardScheme INSTANCE = new StandardScheme();

    private static final byte DOT = '.';

    /** The header names of one family ({@code webhook-*} or {@code svix-*}), built once. */
    private record Names(String id, String timestamp, String signature) {
        static Names of(String prefix) {
            return new Names(prefix + "id", prefix + "timestamp", prefix + "signature");
        }
    }

    private static final Names WEBHOOK = Names.of("webhook-");
    private static final Names SVIX = Names.of("svix-");

    private StandardScheme() {
    }

    @Override
    public String name() {
        return "standard";
    }

    @Override
    public HmacKey.Algorithm algorithm() {
        return HmacKey.Algorithm.SHA256;
    }

    @Override
    public byte[] deriveKey(Secret providerSecret) {
        return decodeSecret(providerSecret);
    }

    /**
     * @param whsec {@code whsec_<base64>} (prefix optional)
     * @return the decoded key
     * @throws ConfigurationException when it is not base64 or decodes to nothing
     */
    public static byte[] decodeSecret(Secret whsec) {
        String s = whsec.utf8().strip();
        if (s.startsWith("whsec_")) {
            s = s.substring(6);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("a Standard Webhooks secret must be whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new ConfigurationException("a Standard Webhooks secret must not be empty");
        }
        return key;
    }

    @Override
    public String claimedEventId(WebhookRequest request) {
        String id = Schemes.optional(request, "webhook-id");
        return id != null ? id : Schemes.optional(request, "svix-id");
    }

    @Override
    public Duration defaultTolerance() {
        return Duration.ofMinutes(5);
    }

    @Override
    public SchemeResult verify(WebhookRequest request, byte[] body, List<HmacKey> keys) {
        // the webhook-* family unless only svix-signature is present; each header is looked up once
        Names names = WEBHOOK;
        String sigValue = request.header(WEBHOOK.signature());
        if (sigValue == null) {
            String svix = request.header(SVIX.signature());
            if (svix != null) {
                names = SVIX;
                sigValue = svix;
            }
        }
        String id = Schemes.required(request, names.id());
        String ts = Schemes.required(request, names.timestamp());
        String sigHeader = Schemes.required(sigValue, names.signature());
        long seconds = Schemes.epochSeconds(ts, names.timestamp(), false);
        List<byte[]> candidates = parseSignatures(sigHeader, names.signature());

        SignedHead head = SignedHead.begin().utf8(id).put(DOT).utf8(ts).put(DOT);
        byte[] hit = SignatureMatcher.match(name(), keys, candidates, head, body);
        return new SchemeResult(id, true, seconds, hit);
    }

    /**
     * Parses a space-separated list of {@code version,base64} entries.
     *
     * @param header the header value
     * @param name the header name, for messages
     * @return the decoded {@code v1} signatures ({@code null} entries for undecodable ones)
     * @throws dev.bulwark.webhooks.WebhookVerificationException {@code UNSUPPORTED_VERSION} when there are
     *     entries but none is {@code v1}, {@code MALFORMED_HEADER} when there are no entries
     */
    public static List<byte[]> parseSignatures(String header, String name) {
        List<byte[]> out = new ArrayList<>(2);
        int versioned = 0;
        // the space-separated entries, walked in place (the same entries as header.split(" "), empty ones
        // skipped) so that no substring is made
        int n = header.length();
        int start = 0;
        while (start < n) {
            int end = header.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            int comma = header.indexOf(',', start);
            if (comma > start && comma < end) {
                versioned++;
                if (comma == start + 2 && header.startsWith("v1", start)) {
                    out.add(Codecs.base64OrNull(header, comma + 1, end));
                }
            }
            start = end + 1;
        }
        if (out.isEmpty()) {
            if (versioned > 0) {
                throw Schemes.unsupported(name, "no v1 signature among " + versioned + " entries");
            }
            throw Schemes.malformed(name, "expected space-separated v1,<base64> entries");
        }
        return out;
    }
}
