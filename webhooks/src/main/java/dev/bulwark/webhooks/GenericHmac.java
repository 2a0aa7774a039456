package dev.bulwark.webhooks;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.webhooks.internal.GenericScheme;
import dev.bulwark.webhooks.internal.HmacKey;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the {@code generic} HMAC scheme, for providers not covered by a named scheme:
 * which header carries the signature, the hash function, the encoding, an optional prefix such as
 * {@code sha256=}, and what is signed (the body, or {@code timestamp + separator + body} when a timestamp
 * header is named). The key is the secret's bytes as given.
 *
 * <p>Defaults: header {@code X-Signature}, {@link Algorithm#SHA256}, {@link Encoding#HEX}, no prefix, body
 * only, no id header, tolerance 5 minutes (only with a timestamp header).
 *
 * <pre>{@code
 * WebhookScheme acme = GenericHmac.builder().header("X-Acme-Signature").prefix("sha256=")
 *         .timestampHeader("X-Acme-Timestamp", ".").build();
 * }</pre>
 */
public final class GenericHmac {

    /** The HMAC hash function. */
    public enum Algorithm {
        /** HMAC-SHA1 (legacy providers only). */
        SHA1,
        /** HMAC-SHA256. */
        SHA256,
        /** HMAC-SHA512. */
        SHA512
    }

    /** How the MAC is written in the header. */
    public enum Encoding {
        /** Hexadecimal, either case. */
        HEX,
        /** Standard base64 with padding. */
        BASE64
    }

    private GenericHmac() {
    }

    /** {@return a builder with the defaults above} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a generic {@link WebhookScheme}. Not thread-safe. */
    public static final class Builder {
        private String header = "X-Signature";
        private Algorithm algorithm = Algorithm.SHA256;
        private Encoding encoding = Encoding.HEX;
        private String prefix = "";
        private String timestampHeader;
        private String separator = ".";
        private String idHeader;
        private Duration tolerance = Duration.ofMinutes(5);

        private Builder() {
        }

        /** @param header the signature header (default {@code X-Signature}) @return this */
        public Builder header(String header) {
            this.header = header;
            return this;
        }

        /** @param algorithm the hash function (default SHA-256) @return this */
        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** @param encoding how the MAC is written (default hex) @return this */
        public Builder encoding(Encoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /** @param prefix text before the MAC, e.g. {@code sha256=} (default none) @return this */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Signs {@code timestamp + separator + body} with the timestamp taken from a header (seconds, or
         * milliseconds when it has 12 digits or more), checked against the tolerance.
         *
         * @param timestampHeader the header carrying the timestamp
         * @param separator what comes between the timestamp and the body, e.g. {@code "."}
         * @return this
         */
        public Builder timestampHeader(String timestampHeader, String separator) {
            this.timestampHeader = timestampHeader;
            this.separator = separator;
            return this;
        }

        /** @param idHeader a header carrying the delivery id (reported, not signed) @return this */
        public Builder idHeader(String idHeader) {
            this.idHeader = idHeader;
            return this;
        }

        /** @param tolerance default tolerance for the timestamp (default 5 minutes) @return this */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * @return the scheme
         * @throws ConfigurationException when the header name is blank or a setting is null
         */
        public WebhookScheme build() {
            ConfigurationException.check(header != null && !header.isBlank(), "generic: header must be set");
            ConfigurationException.check(algorithm != null, "generic: algorithm must be set");
            ConfigurationException.check(encoding != null, "generic: encoding must be set");
            ConfigurationException.check(prefix != null, "generic: prefix must not be null (use \"\")");
            ConfigurationException.check(separator != null, "generic: separator must not be null");
            ConfigurationException.check(timestampHeader == null || !timestampHeader.isBlank(),
                    "generic: timestamp header must not be blank");
            ConfigurationException.check(tolerance != null, "generic: tolerance must be set");
            Objects.requireNonNull(algorithm);
            return new WebhookScheme(new GenericScheme(HmacKey.Algorithm.valueOf(algorithm.name()), header.strip(),
                    encoding == Encoding.BASE64, prefix, timestampHeader == null ? null : timestampHeader.strip(),
                    separator, idHeader, tolerance));
        }
    }
}
