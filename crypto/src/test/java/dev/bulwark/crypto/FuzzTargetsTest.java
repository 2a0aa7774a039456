package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jazzer targets for every parser of untrusted input in this module. {@code mvn verify} runs them in
 * regression mode (the committed inputs under {@code src/test/resources/.../FuzzTargetsTestInputs} plus an
 * empty input); {@code mvn -Pfuzz verify} fuzzes. Invariant in each: only the documented typed exception
 * may escape, and nothing but the genuine input is accepted.
 */
class FuzzTargetsTest {

    private static final EncryptionContext CTX = EncryptionContext.of("tenant", "t1", "row", "r1");
    private static final byte[] PLAIN = "fuzz me".getBytes(StandardCharsets.UTF_8);
    private static final EnvelopeEncryptor ENC = EnvelopeEncryptor.builder()
            .keyRing(KeyRing.of(EnvelopeEncryptorTest.kek("kek-a", KekState.PRIMARY, 1),
                    EnvelopeEncryptorTest.kek("kek-b", KekState.RETIRED, 2)))
            .clock(EnvelopeEncryptorTest.CLOCK).auditSink(AuditSinks.noop()).build();
    private static final byte[] VALID = ENC.encrypt(PLAIN, CTX);
    private static final PasswordHasher HASHER = PasswordHasher.delegating(
            PasswordHasher.argon2id().params(new Argon2Params(64, 1, 1)).build(), PasswordHasher.bcrypt().cost(10).build());

    @FuzzTest(maxDuration = "5m")
    void envelopeDecrypt_anyInput_onlyDecryptionException(FuzzedDataProvider data) {
        byte[] input;
        if (data.consumeBoolean()) {
            input = VALID.clone();
            int edits = data.consumeInt(1, 4);
            for (int i = 0; i < edits; i++) {
                input[data.consumeInt(0, input.length - 1)] ^= data.consumeByte();
            }
            if (data.consumeBoolean()) {
                input = Arrays.copyOf(input, data.consumeInt(0, input.length + 8));
            }
        } else {
            input = data.consumeRemainingAsBytes();
        }
        try {
            byte[] pt = ENC.decrypt(input, CTX);
            assertThat(input).as("only the genuine record decrypts").isEqualTo(VALID);
            assertThat(pt).isEqualTo(PLAIN);
        } catch (DecryptionException expected) {
            assertThat(expected.getMessage()).startsWith("decryption failed");
        }
    }

    private static final String[] PHC_PREFIXES = {"", "$argon2id$v=19$m=64,t=1,p=1$", "$argon2id$v=19$m=",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$", "$argon2i$v=19$m=64,t=1,p=1$", "$2a$10$", "$2b$10$",
        "$2y$10$", "$2a$1", "$2x$10$"};

    @FuzzTest(maxDuration = "5m")
    void passwordVerify_anyStoredHash_onlyCryptoException(FuzzedDataProvider data) {
        String password = data.consumeString(80);
        // Realistic prefixes let the fuzzer reach the salt/hash/cost parsing instead of stopping at "$argon2id$".
        // Cost parameters stay small here (m=64 KiB, bcrypt cost 10): a valid stored hash at the maximum accepted
        // cost (1 GiB, 64 passes) is slow by design, and stored hashes come from the application's own database.
        String stored = data.pickValue(PHC_PREFIXES) + data.consumeRemainingAsString();
        try {
            HASHER.verify(Secret.ofUtf8(password), stored);
        } catch (CryptoException expected) {
            assertThat(expected.reason()).isIn(CryptoReason.MALFORMED_HASH, CryptoReason.PASSWORD_MISMATCH,
                    CryptoReason.PASSWORD_TOO_LONG);
        }
        HASHER.needsRehash(stored);
    }

    @FuzzTest(maxDuration = "5m")
    void keyRingFromJson_anyDocument_onlyConfigurationException(byte[] data) {
        try {
            KeyRings.fromJson(new String(data, StandardCharsets.UTF_8));
        } catch (ConfigurationException expected) {
            assertThat(expected.reason()).isIn(CryptoReason.MALFORMED_KEY_RING);
        }
    }
}
