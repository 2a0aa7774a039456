package dev.bulwark.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.Aead;
import dev.bulwark.crypto.Argon2Params;
import dev.bulwark.crypto.EncryptionContext;
import dev.bulwark.crypto.EnvelopeEncryptor;
import dev.bulwark.crypto.KeyRings;
import dev.bulwark.crypto.PasswordHasher;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-256-GCM and envelope encryption: Bulwark against Google Tink 1.24 (the peer) and raw JCE
 * {@code AES/GCM/NoPadding} with a cached cipher, a fresh random nonce from the same per-thread DRBG and
 * 16 KiB update chunks (the floor).
 *
 * <ul>
 *   <li>{@code *_seal} / {@code *_open}: AEAD encrypt / decrypt of {@code size} bytes with 16 bytes of
 *       associated data. Tink's primitive is an AES256_GCM keyset with {@code NO_PREFIX} so the
 *       ciphertexts are the same length as ours (nonce || ct || tag).</li>
 *   <li>{@code *_envelope}: encrypt then decrypt one {@code recordSize}-byte record under a fresh DEK
 *       wrapped by a local AES-256-GCM KEK; Tink: {@code KmsEnvelopeAead.create(AES256_GCM no prefix, kek)}.
 *       Bulwark additionally binds a 4-entry context and writes a key commitment.</li>
 *   <li>{@code bulwark_passwordHash}: one Argon2id hash per profile (single-shot cost in ms).</li>
 * </ul>
 * Run with {@code -t 2} as well: the random source matters at small sizes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CryptoBenchmark {

    private static final byte[] AAD = "tenant=t1;row=42".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static com.google.crypto.tink.Aead tinkAesGcm() throws GeneralSecurityException {
        AeadConfig.register();
        AesGcmParameters p = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        return KeysetHandle.generateNew(p).getPrimitive(RegistryConfiguration.get(), com.google.crypto.tink.Aead.class);
    }

    /** AEAD state: one key per library, one plaintext and its ciphertexts. */
    @State(Scope.Thread)
    public static class AeadState {
        @Param({"64", "1024", "65536", "1048576"})
        public int size;

        Aead bulwark;
        com.google.crypto.tink.Aead tink;
        SecretKeySpec jcaKey;
        Cipher jcaCipher;
        byte[] plaintext;
        byte[] bulwarkSealed;
        byte[] tinkSealed;
        byte[] jcaSealed;

        @Setup
        public void setUp() throws Exception {
            byte[] key = RandomTokens.bytes(32);
            bulwark = Aead.aes256Gcm(Secret.ofBytes(key), 1L << 32);
            tink = tinkAesGcm();
            jcaKey = new SecretKeySpec(key, "AES");
            jcaCipher = Cipher.getInstance("AES/GCM/NoPadding");
            plaintext = RandomTokens.bytes(size);
            bulwarkSealed = bulwark.encrypt(plaintext, AAD);
            tinkSealed = tink.encrypt(plaintext, AAD);
            jcaSealed = jcaSeal(this);
        }
    }

    /** Envelope state. */
    @State(Scope.Thread)
    public static class EnvelopeState {
        @Param({"1024"})
        public int recordSize;

        EnvelopeEncryptor bulwark;
        EncryptionContext context;
        com.google.crypto.tink.Aead tink;
        byte[] tinkAad;
        byte[] record;

        @Setup
        public void setUp() throws Exception {
            bulwark = EnvelopeEncryptor.builder().keyRing(KeyRings.generate(Clock.systemUTC()))
                    .clock(Clock.systemUTC()).auditSink(AuditSinks.noop()).build();
            context = EncryptionContext.of("tenant", "t1", "table", "users", "column", "email", "row", "42");
            tinkAad = context.encoded();
            AesGcmParameters dek = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                    .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            tink = KmsEnvelopeAead.create(dek, tinkAesGcm());
            record = RandomTokens.bytes(recordSize);
        }
    }

    /** Password hashing state. */
    @State(Scope.Thread)
    public static class PasswordState {
        @Param({"owasp", "strong"})
        public String profile;

        PasswordHasher hasher;
        Secret password = Secret.ofUtf8("correct horse battery staple");

        @Setup
        public void setUp() {
            hasher = PasswordHasher.argon2id()
                    .params(profile.equals("strong") ? Argon2Params.OWASP_STRONG : Argon2Params.OWASP_DEFAULT).build();
        }
    }

    static byte[] jcaSeal(AeadState s) throws GeneralSecurityException {
        byte[] pt = s.plaintext;
        byte[] out = new byte[12 + pt.length + 16];
        byte[] nonce = new byte[12];
        RandomTokens.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, 12);
        Cipher c = s.jcaCipher;
        c.init(Cipher.ENCRYPT_MODE, s.jcaKey, new GCMParameterSpec(128, nonce));
        c.updateAAD(AAD);
        int w = 12;
        int pos = 0;
        while (pt.length - pos > 16384) {
            w += c.update(pt, pos, 16384, out, w);
            pos += 16384;
        }
        c.doFinal(pt, pos, pt.length - pos, out, w);
        return out;
    }

    @Benchmark
    public byte[] bulwark_seal(AeadState s) {
        return s.bulwark.encrypt(s.plaintext, AAD);
    }

    @Benchmark
    public byte[] tink_seal(AeadState s) throws GeneralSecurityException {
        return s.tink.encrypt(s.plaintext, AAD);
    }

    @Benchmark
    public byte[] jca_seal(AeadState s) throws GeneralSecurityException {
        return jcaSeal(s);
    }

    @Benchmark
    public byte[] bulwark_open(AeadState s) {
        return s.bulwark.decrypt(s.bulwarkSealed, AAD);
    }

    @Benchmark
    public byte[] tink_open(AeadState s) throws GeneralSecurityException {
        return s.tink.decrypt(s.tinkSealed, AAD);
    }

    @Benchmark
    public byte[] jca_open(AeadState s) throws GeneralSecurityException {
        byte[] ct = s.jcaSealed;
        Cipher c = s.jcaCipher;
        c.init(Cipher.DECRYPT_MODE, s.jcaKey, new GCMParameterSpec(128, ct, 0, 12));
        c.updateAAD(AAD);
        byte[] out = new byte[ct.length - 28];
        int w = 0;
        int pos = 12;
        while (ct.length - pos > 16384) {
            w += c.update(ct, pos, 16384, out, w);
            pos += 16384;
        }
        c.doFinal(ct, pos, ct.length - pos, out, w);
        return out;
    }

    @Benchmark
    public byte[] bulwark_envelope(EnvelopeState s) {
        return s.bulwark.decrypt(s.bulwark.encrypt(s.record, s.context), s.context);
    }

    @Benchmark
    public byte[] tink_envelope(EnvelopeState s) throws GeneralSecurityException {
        return s.tink.decrypt(s.tink.encrypt(s.record, s.tinkAad), s.tinkAad);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Measurement(iterations = 10)
    @Warmup(iterations = 3)
    public String bulwark_passwordHash(PasswordState s) {
        return s.hasher.hash(s.password);
    }
}
