package dev.bulwark.tokens;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.internal.Audit;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.spi.TotpStateStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238, over HOTP of RFC 4226): SHA1/SHA256/SHA512, 6 to 8 digits,
 * 30-second steps by default, accepting the current step and one step either side by default.
 *
 * <p>{@link #verify} compares every candidate in constant time, <strong>rejects a code of an already accepted
 * time step</strong> ({@link TokenReason#TOTP_REPLAYED}: the store keeps the last accepted step per user),
 * and locks a user out after {@code maxFailures} failures within {@code lockout} ({@code TOTP_LOCKED}).
 * Recovery codes are 120-bit, shown once, stored as SHA-256 bound to the user, and single use.
 * Failures leave audit events. Thread-safe.
 */
public final class Totp {

    /** HMAC algorithms of RFC 6238. */
    public enum Algorithm {
        /** HMAC-SHA1 (the default every authenticator app supports). */
        SHA1("HmacSHA1", 20),
        /** HMAC-SHA256. */
        SHA256("HmacSHA256", 32),
        /** HMAC-SHA512. */
        SHA512("HmacSHA512", 64);

        private final String jca;
        private final int keyBytes;

        Algorithm(String jca, int keyBytes) {
            this.jca = jca;
            this.keyBytes = keyBytes;
        }

        /** {@return the recommended secret length in bytes (the hash size)} */
        public int keyBytes() {
            return keyBytes;
        }
    }

    /** 24 base32 characters = 120 bits. */
    private static final int RECOVERY_CODE_CHARS = 24;

    private static final int[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final Algorithm algorithm;
    private final int digits;
    private final long periodSeconds;
    private final int window;
    private final Clock clock;
    private final TotpStateStore store;
    private final int maxFailures;
    private final Duration lockout;
    private final String issuer;
    private final Audit audit;

    private Totp(Builder b) {
        this.algorithm = b.algorithm;
        this.digits = b.digits;
        this.periodSeconds = b.period.getSeconds();
        this.window = b.window;
        this.clock = b.clock;
        this.store = b.store;
        this.maxFailures = b.maxFailures;
        this.lockout = b.lockout;
        this.issuer = b.issuer;
        this.audit = new Audit(b.auditSink, b.clock);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HOTP value (RFC 4226) for a counter.
     *
     * @param secret the shared secret
     * @param counter the moving factor
     * @param algorithm the HMAC
     * @param digits 6 to 8
     * @return the zero-padded code
     */
    public static String hotp(Secret secret, long counter, Algorithm algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8, was " + digits);
        }
        byte[] key = secret.bytes();
        try {
            Mac mac = Mac.getInstance(algorithm.jca);
            mac.init(new SecretKeySpec(key, algorithm.jca));
            byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
            int o = h[h.length - 1] & 0x0f;
            int bin = (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
            String s = Integer.toString(bin % POW10[digits]);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jca + " unavailable", e);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The TOTP value (RFC 6238, T0 = 0) at an instant.
     *
     * @param secret the shared secret
     * @param at the time
     * @param algorithm the HMAC
     * @param digits 6 to 8
     * @param periodSeconds the step length
     * @return the code
     */
    public static String code(Secret secret, Instant at, Algorithm algorithm, int digits, long periodSeconds) {
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("period must be at least 1 s");
        }
        return hotp(secret, Math.floorDiv(at.getEpochSecond(), periodSeconds), algorithm, digits);
    }

    /** {@return a new random secret of the algorithm's hash size (160 bits for SHA1)} */
    public Secret newSecret() {
        return Secret.ofBytes(RandomTokens.bytes(algorithm.keyBytes()));
    }

    /**
     * The enrolment URI for authenticator apps (Key Uri Format).
     *
     * @param secret the user's secret
     * @param account the account label (e.g. the email)
     * @return {@code otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=...&digits=...&period=...}
     */
    public String otpauthUri(Secret secret, String account) {
        String b32 = com.google.common.io.BaseEncoding.base32().omitPadding().encode(secret.bytes());
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + b32 + "&issuer=" + enc(issuer) + "&algorithm="
                + algorithm.name() + "&digits=" + digits + "&period=" + periodSeconds;
    }

    /**
     * The current code (for tests and tooling).
     *
     * @param secret the secret
     * @return the code for the clock's current step
     */
    public String currentCode(Secret secret) {
        return code(secret, clock.instant(), algorithm, digits, periodSeconds);
    }

    /**
     * Verifies a code for a user.
     *
     * @param userId the user
     * @param secret the user's secret
     * @param code the presented code
     * @throws TokenException {@code TOTP_LOCKED}, {@code TOTP_INVALID} or {@code TOTP_REPLAYED}
     */
    public void verify(String userId, Secret secret, String code) {
        Instant now = clock.instant();
        if (store.failures(userId, now, lockout) >= maxFailures) {
            audit.emit("totp_verify", AuditOutcome.DENIED, userId, null, null, TokenReason.TOTP_LOCKED);
            throw new TokenException(TokenReason.TOTP_LOCKED, "too many failed codes; try again later");
        }
        byte[] presented = normalizedDigits(code);
        long step = Math.floorDiv(now.getEpochSecond(), periodSeconds);
        long matched = Long.MIN_VALUE;
        for (long s = step - window; s <= step + window; s++) {
            byte[] expected = hotp(secret, s, algorithm, digits).getBytes(StandardCharsets.US_ASCII);
            if (dev.bulwark.core.ConstantTime.equals(expected, presented) && matched == Long.MIN_VALUE) {
                matched = s;
            }
        }
        if (matched == Long.MIN_VALUE) {
            throw failure(userId, now, TokenReason.TOTP_INVALID, "code is not valid");
        }
        if (!store.acceptStep(userId, matched)) {
            throw failure(userId, now, TokenReason.TOTP_REPLAYED, "code of an already used time step");
        }
        store.clearFailures(userId);
        audit.emit("totp_verify", AuditOutcome.SUCCESS, userId, null, null, null);
    }

    /**
     * Generates new recovery codes for a user (replacing the old ones); show them once.
     *
     * @param userId the user
     * @param count 1 to 20
     * @return the codes: 24 base32 characters (120 bits, above the 112 bits OWASP ASVS 5.0 V6.5.2 asks of codes
     *         stored with a plain hash) in four hyphenated groups, e.g. {@code 7KQ2MZ-XD4RTA-PW3HQC-JL5VNE}
     */
    public List<String> newRecoveryCodes(String userId, int count) {
        if (count < 1 || count > 20) {
            throw new IllegalArgumentException("recovery code count must be 1 to 20, was " + count);
        }
        List<String> codes = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < count; i++) {
            // 16 random bytes are 26 base32 characters; the first 24 carry 120 uniformly random bits
            String raw = RandomTokens.base32(16).substring(0, RECOVERY_CODE_CHARS);
            String shown = raw.substring(0, 6) + "-" + raw.substring(6, 12) + "-" + raw.substring(12, 18) + "-"
                    + raw.substring(18);
            codes.add(shown);
            hashes.add(recoveryHash(userId, raw));
        }
        store.replaceRecoveryCodes(userId, hashes);
        audit.emit("recovery_codes_created", AuditOutcome.SUCCESS, userId, null, null, null);
        return codes;
    }

    /**
     * Spends a recovery code.
     *
     * @param userId the user
     * @param code the presented code (case, dashes and spaces ignored)
     * @throws TokenException {@code TOTP_LOCKED} or {@code RECOVERY_CODE_INVALID}
     */
    public void useRecoveryCode(String userId, String code) {
        Instant now = clock.instant();
        if (store.failures(userId, now, lockout) >= maxFailures) {
            throw new TokenException(TokenReason.TOTP_LOCKED, "too many failed codes; try again later");
        }
        String norm = code == null ? "" : code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (norm.length() != RECOVERY_CODE_CHARS || !store.consumeRecoveryCode(userId, recoveryHash(userId, norm))) {
            throw failure(userId, now, TokenReason.RECOVERY_CODE_INVALID, "recovery code is unknown or already used");
        }
        store.clearFailures(userId);
        audit.emit("recovery_code_used", AuditOutcome.SUCCESS, userId, null, null, null);
    }

    private TokenException failure(String userId, Instant now, TokenReason reason, String message) {
        store.recordFailure(userId, now, lockout);
        audit.emit("totp_verify", AuditOutcome.FAILURE, userId, null, null, reason);
        return new TokenException(reason, message);
    }

    private byte[] normalizedDigits(String code) {
        if (code == null || code.length() != digits) {
            return new byte[digits + 1];
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return new byte[digits + 1];
            }
        }
        return code.getBytes(StandardCharsets.US_ASCII);
    }

    private static String recoveryHash(String userId, String normalized) {
        return Hashes.sha256B64(userId.length() + ":" + userId + ":" + normalized);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builds {@link Totp}. Not thread-safe. */
    public static final class Builder {
        private Algorithm algorithm = Algorithm.SHA1;
        private int digits = 6;
        private Duration period = Duration.ofSeconds(30);
        private int window = 1;
        private Clock clock;
        private TotpStateStore store;
        private int maxFailures = 5;
        private Duration lockout = Duration.ofMinutes(15);
        private String issuer;
        private AuditSink auditSink;

        private Builder() {
        }

        /** @param a HMAC (default SHA1) @return this */
        public Builder algorithm(Algorithm a) {
            this.algorithm = a;
            return this;
        }

        /** @param d 6 to 8 (default 6) @return this */
        public Builder digits(int d) {
            this.digits = d;
            return this;
        }

        /** @param p step length, whole seconds 15 to 120 (default 30 s) @return this */
        public Builder period(Duration p) {
            this.period = p;
            return this;
        }

        /** @param w steps accepted either side, 0 or 1 (default 1) @return this */
        public Builder window(int w) {
            this.window = w;
            return this;
        }

        /** @param clock time source (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param store replay guard, failures and recovery codes (required) @return this */
        public Builder store(TotpStateStore store) {
            this.store = store;
            return this;
        }

        /** @param n failures allowed per lockout window, 1 to 100 (default 5) @return this */
        public Builder maxFailures(int n) {
            this.maxFailures = n;
            return this;
        }

        /** @param d lockout window, 1 min to 24 h (default 15 min) @return this */
        public Builder lockout(Duration d) {
            this.lockout = d;
            return this;
        }

        /** @param issuer the issuer name shown by authenticator apps (required) @return this */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** @param sink audit sink (default none) @return this */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /**
         * @return the component
         * @throws ConfigurationException when a setting is missing or out of range
         */
        public Totp build() {
            ConfigurationException.requireSet(algorithm, "algorithm");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.requireSet(store, "TOTP state store");
            ConfigurationException.check(issuer != null && !issuer.isBlank() && !issuer.contains(":"),
                    "issuer must be set and must not contain ':'");
            ConfigurationException.check(digits >= 6 && digits <= 8, "digits must be 6 to 8, was " + digits);
            ConfigurationException.check(period != null && period.getNano() == 0 && period.getSeconds() >= 15
                    && period.getSeconds() <= 120, "period must be whole seconds from 15 to 120, was " + period);
            ConfigurationException.check(window == 0 || window == 1, "window must be 0 or 1, was " + window);
            ConfigurationException.check(maxFailures >= 1 && maxFailures <= 100, "maxFailures must be 1 to 100, was " + maxFailures);
            ConfigurationException.check(lockout != null && lockout.compareTo(Duration.ofMinutes(1)) >= 0
                    && lockout.compareTo(Duration.ofHours(24)) <= 0, "lockout must be 1 min to 24 h, was " + lockout);
            return new Totp(this);
        }
    }
}
