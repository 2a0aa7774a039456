package dev.bulwark.crypto;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.ConstantTime;
import dev.bulwark.crypto.internal.AesGcm;
import dev.bulwark.crypto.internal.AesGcmAead;
import dev.bulwark.crypto.internal.EnvelopeFormat;
import dev.bulwark.crypto.internal.Nonces;
import dev.bulwark.crypto.spi.KekProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of records: each call draws a fresh 256-bit data key (DEK), seals the data with it
 * (AES-256-GCM) and wraps the DEK with the key ring's primary KEK. The {@link EncryptionContext} (tenant,
 * table, column, row, ...) is authenticated by both layers, so a ciphertext moved to another row or tenant
 * does not decrypt. Old KEKs keep decrypting; {@link #rewrap} moves a record to the current primary without
 * touching its data.
 *
 * <pre>{@code
 * EnvelopeEncryptor enc = EnvelopeEncryptor.builder()
 *     .kekProvider(KekProviders.localFile(Path.of("/run/secrets/keyring.json")))
 *     .clock(clock).auditSink(audit).build();
 * EncryptionContext ctx = EncryptionContext.of("tenant", "org-42", "table", "users", "column", "email", "row", "u-17");
 * byte[] sealed = enc.encrypt("ada@example.com".getBytes(UTF_8), ctx);
 * byte[] plain  = enc.decrypt(sealed, ctx);   // DecryptionException for any other context or any change
 * }</pre>
 *
 * <h2>Format (version 1), byte by byte</h2>
 * <pre>
 * offset        length  field
 * 0             1       version = 0x01
 * 1             1       k = KEK id length, 1..64
 * 2             k       KEK id, ASCII [A-Za-z0-9._:/-]
 * 2+k           2       w = wrapped DEK length, big-endian, 1..1024
 * 4+k           w       wrapped DEK = KEK.encrypt(DEK, AAD_wrap); for a local KEK w = 60:
 *                       nonce (12) || encrypted DEK (32) || tag (16)
 * 4+k+w         32      key commitment = SHA-256("bulwark-envelope-v1-commit" || DEK)
 * 36+k+w        12      nonce (random)
 * 48+k+w        n       ciphertext (n = plaintext length)
 * 48+k+w+n      16      GCM tag
 *
 * AAD_wrap = "bulwark-envelope-v1-dek" || 0x01 || k || KEK id || context
 * AAD_data = 0x01 || commitment || context          (context = EncryptionContext canonical encoding)
 * </pre>
 * A local KEK with an 12-character id adds 138 bytes to the plaintext. The header is parsed with bounds
 * checks before anything is allocated from its length fields. The <b>key commitment</b> makes a ciphertext
 * decrypt under one DEK only (GCM alone is not key-committing: one ciphertext can be built to authenticate
 * under two keys); the commitment is checked in constant time before the data is decrypted. The KEK id and
 * wrapped DEK are outside the data AAD, so {@link #rewrap} can replace them; they are authenticated by the
 * wrapping layer and, through the commitment, by the data layer.
 *
 * <h2>Errors</h2>
 * Decryption throws one {@link DecryptionException} type whose message is always generic; its reason tells
 * logs what happened: {@link CryptoReason#TRUNCATED}, {@link CryptoReason#UNSUPPORTED_VERSION},
 * {@link CryptoReason#MALFORMED_CIPHERTEXT}, {@link CryptoReason#UNKNOWN_KEK}, {@link CryptoReason#KEK_DESTROYED},
 * or {@link CryptoReason#AUTHENTICATION_FAILED} for every cryptographic failure (tampering, wrong context,
 * wrong key: indistinguishable by design). Each failure records an {@link AuditEvent} (category
 * {@code crypto}, action {@code envelope.decrypt}, outcome {@code FAILURE}, attribute {@code kek_id}).
 *
 * <h2>Key hygiene</h2>
 * DEK arrays are zeroed after use. This is best effort: the JCA copies key bytes into its own key and
 * cipher objects, which the JDK does not let us wipe, and the GC may have moved arrays. Each local KEK
 * counts its wraps and stops at {@link Aead#DEFAULT_MAX_ENCRYPTIONS} (rotate before).
 *
 * <p>This class is thread-safe.
 */
public final class EnvelopeEncryptor {

    /** Maximum wrapped-DEK size a KEK may produce. */
    public static final int MAX_WRAPPED_DEK_BYTES = EnvelopeFormat.MAX_WRAPPED;
    /** How many failed record ids a {@link RewrapReport} keeps. */
    public static final int MAX_REPORTED_FAILURES = 100;

    private final KekProvider provider;
    private final AuditSink audit;
    private final Clock clock;

    private EnvelopeEncryptor(Builder b) {
        this.provider = b.provider;
        this.audit = AuditSinks.failSafe(b.audit);
        this.clock = b.clock;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Seals {@code plaintext} under a fresh DEK wrapped by the primary KEK.
     *
     * @param plaintext the data, not {@code null} (may be empty)
     * @param context where the record belongs, bound to both layers
     * @return the sealed bytes, in the format above
     * @throws CryptoException with {@link CryptoReason#KEY_USAGE_LIMIT_REACHED} when the primary KEK is exhausted
     */
    public byte[] encrypt(byte[] plaintext, EncryptionContext context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        Kek kek = provider.keyRing().primary();
        byte[] ctx = context.encodedUnsafe();
        byte[] dek = RandomTokens.bytes(EnvelopeFormat.DEK_BYTES);
        byte[] rnd = new byte[2 * AesGcm.NONCE_BYTES];
        Nonces.next(rnd, 0);
        Nonces.next(rnd, AesGcm.NONCE_BYTES);
        try {
            byte[] wrapAad = EnvelopeFormat.wrapAad(kek.id(), ctx);
            byte[] out;
            int p;
            if (kek.aead() instanceof AesGcmAead) {
                int w = AesGcm.NONCE_BYTES + EnvelopeFormat.DEK_BYTES + AesGcm.TAG_BYTES;
                out = new byte[4 + kek.id().length() + w + EnvelopeFormat.COMMIT_BYTES + AesGcm.NONCE_BYTES
                        + plaintext.length + AesGcm.TAG_BYTES];
                out[0] = EnvelopeFormat.VERSION;
                out[1] = (byte) kek.id().length();
                for (int i = 0; i < kek.id().length(); i++) {
                    out[2 + i] = (byte) kek.id().charAt(i);
                }
                p = 2 + kek.id().length();
                out[p++] = 0;
                out[p++] = (byte) w;
                p += ((AesGcmAead) kek.aead()).sealWithNonce(rnd, AesGcm.NONCE_BYTES, dek,
                        wrapAad, out, p);
            } else {
                byte[] wrapped = kek.aead().encrypt(dek, wrapAad);
                if (wrapped.length < 1 || wrapped.length > MAX_WRAPPED_DEK_BYTES) {
                    throw new ConfigurationException("KEK " + kek.id() + " produced a wrapped DEK of " + wrapped.length
                            + " bytes; at most " + MAX_WRAPPED_DEK_BYTES + " are allowed");
                }
                out = new byte[4 + kek.id().length() + wrapped.length + EnvelopeFormat.COMMIT_BYTES
                        + AesGcm.NONCE_BYTES + plaintext.length + AesGcm.TAG_BYTES];
                p = EnvelopeFormat.writeKeyHeader(out, kek.id(), wrapped);
            }
            byte[] commit = EnvelopeFormat.commitment(dek);
            System.arraycopy(commit, 0, out, p, EnvelopeFormat.COMMIT_BYTES);
            int commitOff = p;
            p += EnvelopeFormat.COMMIT_BYTES;
            System.arraycopy(rnd, 0, out, p, AesGcm.NONCE_BYTES);
            byte[] dataAad = EnvelopeFormat.dataAad(out, commitOff, ctx);
            SecretKeySpec key = AesGcm.key(dek);
            AesGcm.seal(key, out, p, dataAad, 0, dataAad.length, plaintext, 0, plaintext.length, out,
                    p + AesGcm.NONCE_BYTES);
            return out;
        } finally {
            Arrays.fill(dek, (byte) 0);
            Arrays.fill(rnd, (byte) 0);
        }
    }

    /**
     * Authenticates and decrypts a record sealed by {@link #encrypt} (with any KEK of the ring).
     *
     * @param sealed the sealed bytes
     * @param context the same context as at encryption
     * @return the plaintext
     * @throws DecryptionException on any failure (see the class documentation for the reasons)
     */
    public byte[] decrypt(byte[] sealed, EncryptionContext context) {
        Objects.requireNonNull(context, "context");
        String kekId = null;
        byte[] dek = null;
        try {
            EnvelopeFormat.Header h = EnvelopeFormat.parse(sealed);
            kekId = h.kekId();
            byte[] ctx = context.encodedUnsafe();
            dek = unwrap(provider.keyRing(), sealed, h, ctx);
            byte[] dataAad = EnvelopeFormat.dataAad(sealed, h.commitOff(), ctx);
            return AesGcm.open(AesGcm.key(dek), sealed, h.nonceOff(), dataAad, 0, dataAad.length, sealed, h.ctOff(),
                    h.ctLen());
        } catch (DecryptionException e) {
            recordFailure("envelope.decrypt", e.reason(), kekId);
            throw e;
        } finally {
            if (dek != null) {
                Arrays.fill(dek, (byte) 0);
            }
        }
    }

    /**
     * Re-wraps a record's DEK under the current primary KEK, leaving nonce, ciphertext and tag untouched
     * (the data is neither decrypted nor re-encrypted). A record already under the primary is returned as is.
     * The DEK's commitment is checked, so a record whose key layer was tampered with is refused; a change to
     * the data layer is detected at the next {@link #decrypt}.
     *
     * @param sealed the sealed bytes
     * @param context the record's context
     * @return the record under the primary KEK
     * @throws DecryptionException when the old KEK cannot unwrap it
     */
    public byte[] rewrap(byte[] sealed, EncryptionContext context) {
        Objects.requireNonNull(context, "context");
        String kekId = null;
        byte[] dek = null;
        try {
            EnvelopeFormat.Header h = EnvelopeFormat.parse(sealed);
            kekId = h.kekId();
            KeyRing ring = provider.keyRing();
            Kek primary = ring.primary();
            byte[] ctx = context.encodedUnsafe();
            dek = unwrap(ring, sealed, h, ctx);
            if (primary.id().equals(h.kekId())) {
                return sealed.clone();
            }
            byte[] wrapped = primary.aead().encrypt(dek, EnvelopeFormat.wrapAad(primary.id(), ctx));
            if (wrapped.length > MAX_WRAPPED_DEK_BYTES) {
                throw new ConfigurationException("KEK " + primary.id() + " produced a wrapped DEK of " + wrapped.length
                        + " bytes; at most " + MAX_WRAPPED_DEK_BYTES + " are allowed");
            }
            int tail = sealed.length - h.commitOff();
            byte[] out = new byte[4 + primary.id().length() + wrapped.length + tail];
            int p = EnvelopeFormat.writeKeyHeader(out, primary.id(), wrapped);
            System.arraycopy(sealed, h.commitOff(), out, p, tail);
            return out;
        } catch (DecryptionException e) {
            recordFailure("envelope.rewrap", e.reason(), kekId);
            throw e;
        } finally {
            if (dek != null) {
                Arrays.fill(dek, (byte) 0);
            }
        }
    }

    /**
     * Whether {@code sealed} is wrapped under a KEK other than the current primary (a rewrap candidate).
     *
     * @param sealed sealed bytes
     * @return whether its KEK id differs from the primary's
     * @throws DecryptionException when the header does not parse
     */
    public boolean needsRewrap(byte[] sealed) {
        return !EnvelopeFormat.parse(sealed).kekId().equals(provider.keyRing().primary().id());
    }

    /**
     * The KEK id a sealed record names (read from the header, nothing is decrypted).
     *
     * @param sealed sealed bytes
     * @return the KEK id
     * @throws DecryptionException when the header does not parse
     */
    public static String kekIdOf(byte[] sealed) {
        return EnvelopeFormat.parse(sealed).kekId();
    }

    /**
     * Re-wraps a stream of records under the primary KEK, one by one; a record that fails is counted and
     * skipped (never written to {@code output}), the batch goes on.
     *
     * @param records the records to process, e.g. a JDBC cursor adapted to an {@code Iterable}
     * @param output receives every record that unwrapped (re-wrapped or already current), with the same id
     *     and context
     * @param progress receives a {@link RewrapReport} every {@code every} records and once at the end
     * @param every how often to report progress, at least 1
     * @return the final report
     */
    public RewrapReport rewrapAll(Iterable<SealedRecord> records, Consumer<SealedRecord> output,
            Consumer<RewrapReport> progress, int every) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(progress, "progress");
        ConfigurationException.check(every >= 1, "progress interval must be at least 1, was " + every);
        long processed = 0;
        long rewrapped = 0;
        long current = 0;
        long failed = 0;
        List<Map.Entry<String, CryptoReason>> failures = new ArrayList<>();
        for (SealedRecord r : records) {
            processed++;
            try {
                boolean stale = needsRewrap(r.sealed());
                byte[] next = stale ? rewrap(r.sealed(), r.context()) : unwrapCheck(r);
                output.accept(new SealedRecord(r.id(), next, r.context()));
                if (stale) {
                    rewrapped++;
                } else {
                    current++;
                }
            } catch (DecryptionException e) {
                failed++;
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    failures.add(Map.entry(r.id(), e.reason()));
                }
            }
            if (processed % every == 0) {
                progress.accept(new RewrapReport(processed, rewrapped, current, failed, failures));
            }
        }
        RewrapReport report = new RewrapReport(processed, rewrapped, current, failed, failures);
        progress.accept(report);
        audit.record(AuditEvent.builder("crypto", "envelope.rewrap_batch")
                .outcome(failed == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
                .attribute("kek_id", provider.keyRing().primary().id())
                .attribute("processed", Long.toString(processed))
                .attribute("rewrapped", Long.toString(rewrapped))
                .attribute("failed", Long.toString(failed))
                .build(clock));
        return report;
    }

    private byte[] unwrapCheck(SealedRecord r) {
        return rewrap(r.sealed(), r.context());
    }

    private static byte[] unwrap(KeyRing ring, byte[] sealed, EnvelopeFormat.Header h, byte[] ctx) {
        Kek kek = ring.find(h.kekId()).orElseThrow(
                () -> new DecryptionException(CryptoReason.UNKNOWN_KEK, "decryption failed: unknown key"));
        if (!kek.state().canDecrypt()) {
            throw new DecryptionException(CryptoReason.KEK_DESTROYED, "decryption failed: key destroyed");
        }
        byte[] wrapped = Arrays.copyOfRange(sealed, h.wrappedOff(), h.wrappedOff() + h.wrappedLen());
        byte[] dek = kek.aead().decrypt(wrapped, EnvelopeFormat.wrapAad(kek.id(), ctx));
        byte[] expected = Arrays.copyOfRange(sealed, h.commitOff(), h.commitOff() + EnvelopeFormat.COMMIT_BYTES);
        boolean ok = dek.length == EnvelopeFormat.DEK_BYTES
                && ConstantTime.equals(expected, EnvelopeFormat.commitment(dek));
        if (!ok) {
            Arrays.fill(dek, (byte) 0);
            throw new DecryptionException(CryptoReason.AUTHENTICATION_FAILED, "decryption failed");
        }
        return dek;
    }

    private void recordFailure(String action, CryptoReason reason, String kekId) {
        audit.record(AuditEvent.builder("crypto", action).outcome(AuditOutcome.FAILURE).reason(reason)
                .attribute("kek_id", kekId).build(clock));
    }

    /** Configures an {@link EnvelopeEncryptor}. Not thread-safe. */
    public static final class Builder {
        private KekProvider provider;
        private AuditSink audit = AuditSinks.slf4j();
        private Clock clock;

        private Builder() {
        }

        /** @param provider supplies the current key ring (required) @return this */
        public Builder kekProvider(KekProvider provider) {
            this.provider = provider;
            return this;
        }

        /** @param ring a fixed key ring (shorthand for {@code kekProvider(KekProviders.fixed(ring))}) @return this */
        public Builder keyRing(KeyRing ring) {
            this.provider = KekProviders.fixed(ring);
            return this;
        }

        /** @param audit where decryption failures and batch rewraps are recorded (default: SLF4J) @return this */
        public Builder auditSink(AuditSink audit) {
            this.audit = audit;
            return this;
        }

        /** @param clock the clock that timestamps audit events (required) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the encryptor
         * @throws ConfigurationException when the provider, clock or sink is missing, or the provider's ring is
         *     {@code null}
         */
        public EnvelopeEncryptor build() {
            ConfigurationException.requireSet(provider, "kekProvider");
            ConfigurationException.requireSet(clock, "clock");
            ConfigurationException.requireSet(audit, "auditSink");
            ConfigurationException.requireSet(provider.keyRing(), "kekProvider.keyRing()");
            return new EnvelopeEncryptor(this);
        }
    }
}
