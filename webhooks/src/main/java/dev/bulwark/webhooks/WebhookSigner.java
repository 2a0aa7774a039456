package dev.bulwark.webhooks;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.internal.HmacKey;
import dev.bulwark.webhooks.internal.StandardScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outbound webhooks per the Standard Webhooks specification: headers {@code webhook-id},
 * {@code webhook-timestamp} (seconds, from the injected clock) and {@code webhook-signature}, one
 * {@code v1,<base64 HMAC-SHA256(id.timestamp.body)>} entry per active secret, separated by spaces, so that
 * receivers holding either the new or the old secret verify during a rotation.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.builder().secret(Secret.ofUtf8("whsec_...")).clock(clock).build();
 * SignedWebhook signed = signer.sign("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", body);
 * signed.headers().forEach(httpRequest::header);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookSigner {

    /** Smallest random secret {@link #generateSecret(int)} makes, in bytes (the specification's minimum). */
    public static final int MIN_SECRET_BYTES = 24;
    /** Largest random secret {@link #generateSecret(int)} makes, in bytes (the specification's maximum). */
    public static final int MAX_SECRET_BYTES = 64;

    private final List<HmacKey> keys;
    private final Clock clock;

    private WebhookSigner(List<HmacKey> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new secret: {@code whsec_} + base64 of 32 random bytes.
     *
     * @return the secret text, as a {@link Secret} (read it once with {@link Secret#utf8()} to show the user)
     */
    public static Secret generateSecret() {
        return generateSecret(32);
    }

    /**
     * @param bytes key size, {@value #MIN_SECRET_BYTES} to {@value #MAX_SECRET_BYTES}
     * @return {@code whsec_} + base64 of that many random bytes
     * @throws ConfigurationException when {@code bytes} is out of range
     */
    public static Secret generateSecret(int bytes) {
        ConfigurationException.check(bytes >= MIN_SECRET_BYTES && bytes <= MAX_SECRET_BYTES,
                "webhook secrets have 24 to 64 bytes, asked for " + bytes);
        byte[] key = RandomTokens.bytes(bytes);
        try {
            return Secret.ofUtf8("whsec_" + Base64.getEncoder().encodeToString(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@return a new unique message id, {@code msg_} + 128 random bits in base64url} */
    public static String newMessageId() {
        return "msg_" + RandomTokens.base64Url(16);
    }

    /**
     * Signs a message at the clock's current second.
     *
     * @param messageId the unique message id (receivers deduplicate on it); printable ASCII, no spaces
     * @param body the exact body bytes that will be sent
     * @return the signature headers
     * @throws InvalidInputException when the id is empty or has spaces, control or non-ASCII characters
     */
    public SignedWebhook sign(String messageId, byte[] body) {
        return sign(messageId, clock.instant().getEpochSecond(), body);
    }

    private SignedWebhook sign(String messageId, long timestamp, byte[] body) {
        Objects.requireNonNull(body, "body");
        checkId(messageId);
        String ts = Long.toString(timestamp);
        byte[] prefix = (messageId + "." + ts + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder sig = new StringBuilder(keys.size() * 48);
        for (HmacKey key : keys) {
            if (sig.length() > 0) {
                sig.append(' ');
            }
            sig.append("v1,").append(Base64.getEncoder().encodeToString(key.compute(prefix, body)));
        }
        return new SignedWebhook(messageId, timestamp, sig.toString());
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                    "webhook message id must have 1 to 256 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                        "webhook message id must be printable ASCII without spaces");
            }
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[standard, " + keys.size() + " secret(s)]";
    }

    /** The headers of a signed message. Immutable. */
    public static final class SignedWebhook {
        private final String id;
        private final long timestamp;
        private final String signature;

        SignedWebhook(String id, long timestamp, String signature) {
            this.id = id;
            this.timestamp = timestamp;
            this.signature = signature;
        }

        /** {@return the {@code webhook-id} value} */
        public String id() {
            return id;
        }

        /** {@return the {@code webhook-timestamp} value, epoch seconds} */
        public long timestamp() {
            return timestamp;
        }

        /** {@return the {@code webhook-signature} value: space-separated {@code v1,<base64>} entries} */
        public String signature() {
            return signature;
        }

        /** {@return the three headers in order: webhook-id, webhook-timestamp, webhook-signature} */
        public Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("webhook-id", id);
            h.put("webhook-timestamp", Long.toString(timestamp));
            h.put("webhook-signature", signature);
            return java.util.Collections.unmodifiableMap(h);
        }

        /** {@return id and timestamp; the signature is not secret but is left out of logs} */
        @Override
        public String toString() {
            return "SignedWebhook[id=" + id + ", timestamp=" + timestamp + "]";
        }
    }

    /** Configures a {@link WebhookSigner}. Not thread-safe. */
    public static final class Builder {
        private final List<Secret> secrets = new ArrayList<>(2);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Adds an active secret, {@code whsec_<base64>} (prefix optional). Add the new and the old secret
         * during a rotation: the message carries one signature per secret.
         *
         * @param whsec the secret text
         * @return this
         */
        public Builder secret(Secret whsec) {
            secrets.add(whsec);
            return this;
        }

        /** @param clock the time source of {@code webhook-timestamp} (default system UTC) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the signer
         * @throws ConfigurationException when there is no secret, a secret is empty or not base64, or the
         *     clock is null
         */
        public WebhookSigner build() {
            ConfigurationException.check(!secrets.isEmpty(), "webhook signer needs at least one secret");
            ConfigurationException.check(clock != null, "clock must be set");
            List<HmacKey> keys = new ArrayList<>();
            for (Secret s : secrets) {
                ConfigurationException.check(s != null && !s.isEmpty(), "webhook signer secret must not be empty");
                byte[] k = StandardScheme.decodeSecret(s);
                try {
                    keys.add(new HmacKey(HmacKey.Algorithm.SHA256, k));
                } finally {
                    Arrays.fill(k, (byte) 0);
                }
            }
            return new WebhookSigner(List.copyOf(keys), clock);
        }
    }
}
