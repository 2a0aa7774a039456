package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A blind index: a keyed, truncated hash of a normalised value, stored beside an encrypted column so that
 * equality lookups ("find the user with this email") work without decrypting every row (CipherSweet's
 * blind index; the "email lookup hash").
 *
 * <pre>{@code
 * BlindIndex emailIndex = BlindIndex.builder("users.email")
 *     .key(Hkdf.sha256().derive(master, null, "bulwark/blind-index/users.email", 32))
 *     .normalizer(BlindIndex.Normalization.EMAIL).outputBytes(16).build();
 * String lookup = emailIndex.compute(" Ada@Example.COM ");   // equals compute("ada@example.com")
 * }</pre>
 *
 * <p>Construction: {@code HMAC-SHA-256(key, "bulwark-blind-index-v1" || 0x00 || name || 0x00 ||
 * normalised value (UTF-8))}, truncated to {@code outputBytes} (4..32, default 16), rendered as base64url
 * without padding. The index name separates indexes that share a key. Shorter output means more
 * collisions (a lookup returns a few candidate rows to decrypt and compare) and less to learn from the index
 * alone; 16 bytes is collision-free in practice.
 *
 * <p>Normalisation {@link Normalization#EMAIL}: Unicode NFKC, then trim, then lower-case ({@link Locale#ROOT});
 * {@link Normalization#TRIM_LOWERCASE}, {@link Normalization#EXACT} and a host-supplied function are the
 * others.
 *
 * <p><strong>Unkeyed mode.</strong> {@link Builder#unkeyedSha256AcceptingDictionaryAttacks()} computes a plain
 * SHA-256 instead. An unkeyed hash of an email, phone number or national id is reversible by anyone who
 * can enumerate candidates (every email in a breach corpus, every phone number), so this mode exists only
 * for interoperating with a legacy column and must be chosen explicitly; a keyed index is otherwise
 * mandatory (key of at least 32 bytes).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BlindIndex {

    /** How values are normalised before hashing. */
    public enum Normalization implements UnaryOperator<String> {
        /** NFKC, trim, lower-case: for emails. */
        EMAIL {
            @Override
            public String apply(String v) {
                return Normalizer.normalize(v, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            }
        },
        /** Trim and lower-case (no Unicode folding). */
        TRIM_LOWERCASE {
            @Override
            public String apply(String v) {
                return v.strip().toLowerCase(Locale.ROOT);
            }
        },
        /** The value as given. */
        EXACT {
            @Override
            public String apply(String v) {
                return v;
            }
        }
    }

    private static final byte[] LABEL = "bulwark-blind-index-v1".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final SecretKeySpec key;
    private final UnaryOperator<String> normalizer;
    private final int outputBytes;
    private final byte[] prefix;

    private BlindIndex(Builder b) {
        this.name = b.name;
        this.normalizer = b.normalizer;
        this.outputBytes = b.outputBytes;
        if (b.key != null) {
            byte[] k = b.key.bytes();
            this.key = new SecretKeySpec(k, "HmacSHA256");
            Arrays.fill(k, (byte) 0);
        } else {
            this.key = null;
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        prefix = new byte[LABEL.length + 1 + n.length + 1];
        System.arraycopy(LABEL, 0, prefix, 0, LABEL.length);
        System.arraycopy(n, 0, prefix, LABEL.length + 1, n.length);
    }

    /**
     * Starts a builder.
     *
     * @param name the index's name, e.g. {@code "users.email"} (domain separation between indexes)
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The index value of {@code value}.
     *
     * @param value the plaintext value, not {@code null}
     * @return base64url (no padding) of the truncated hash
     */
    public String compute(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(computeBytes(value));
    }

    /**
     * The index value of {@code value}, as bytes.
     *
     * @param value the plaintext value, not {@code null}
     * @return the truncated hash ({@code outputBytes} long)
     */
    public byte[] computeBytes(String value) {
        Objects.requireNonNull(value, "value");
        byte[] v = normalizer.apply(value).getBytes(StandardCharsets.UTF_8);
        byte[] full;
        try {
            if (key == null) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                full = md.digest(v);
            } else {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                mac.update(prefix);
                full = mac.doFinal(v);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute SHA-256 / HmacSHA256", e);
        }
        return Arrays.copyOf(full, outputBytes);
    }

    /** {@return whether this index is keyed (false only for the explicit unkeyed mode)} */
    public boolean keyed() {
        return key != null;
    }

    @Override
    public String toString() {
        return "BlindIndex[" + name + ", " + outputBytes + " bytes, " + (key == null ? "UNKEYED" : "key=***") + "]";
    }

    /** Configures a {@link BlindIndex}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private Secret key;
        private boolean unkeyed;
        private UnaryOperator<String> normalizer = Normalization.EXACT;
        private int outputBytes = 16;

        private Builder(String name) {
            this.name = name;
        }

        /** @param key the index key, at least 32 bytes (derive one per index with {@link Hkdf}) @return this */
        public Builder key(Secret key) {
            this.key = key;
            return this;
        }

        /** @param normalizer how values are normalised (default {@link Normalization#EXACT}) @return this */
        public Builder normalizer(UnaryOperator<String> normalizer) {
            this.normalizer = normalizer;
            return this;
        }

        /** @param outputBytes truncated length, 4 to 32 (default 16) @return this */
        public Builder outputBytes(int outputBytes) {
            this.outputBytes = outputBytes;
            return this;
        }

        /**
         * Chooses the unkeyed SHA-256 mode: values are recoverable by dictionary; use only to match a legacy
         * column. See the class documentation.
         *
         * @return this
         */
        public Builder unkeyedSha256AcceptingDictionaryAttacks() {
            this.unkeyed = true;
            return this;
        }

        /**
         * @return the index
         * @throws ConfigurationException without a name, without a key (unless unkeyed was chosen), with a key
         *     under 32 bytes, with both a key and unkeyed mode, or with an output length out of range
         */
        public BlindIndex build() {
            ConfigurationException.check(name != null && !name.isBlank(), "blind index name must be set");
            ConfigurationException.requireSet(normalizer, "normalizer");
            ConfigurationException.check(outputBytes >= 4 && outputBytes <= 32,
                    "blind index outputBytes must be between 4 and 32, was " + outputBytes);
            if (unkeyed) {
                ConfigurationException.check(key == null, "blind index: choose a key or unkeyed mode, not both");
            } else {
                ConfigurationException.check(key != null,
                        "blind index key must be set (an unkeyed hash of an email is reversible by dictionary)");
                ConfigurationException.check(key.length() >= 32,
                        "blind index key must be at least 32 bytes, was " + key.length());
            }
            return new BlindIndex(this);
        }
    }
}
