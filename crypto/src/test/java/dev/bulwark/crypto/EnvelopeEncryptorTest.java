package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EnvelopeEncryptorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC);
    static final EncryptionContext CTX = EncryptionContext.of("tenant", "org-42", "table", "users", "column", "email",
            "row", "u-17");
    static final byte[] PLAIN = "ada@example.com".getBytes(StandardCharsets.UTF_8);

    static Kek kek(String id, KekState state, int fill) {
        byte[] m = new byte[32];
        for (int i = 0; i < 32; i++) {
            m[i] = (byte) (fill + i * 7);
        }
        return Kek.local(id, state, CLOCK.instant(), Secret.ofBytes(m));
    }

    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final KekProviders.Rotatable provider = KekProviders.rotatable(KeyRing.of(kek("kek-a", KekState.PRIMARY, 1)));
    private final EnvelopeEncryptor enc = EnvelopeEncryptor.builder().kekProvider(provider).clock(CLOCK)
            .auditSink(audit).build();

    private static void assertReason(ThrowingCallable call, CryptoReason reason) {
        assertThatThrownBy(call).isInstanceOf(DecryptionException.class)
                .satisfies(e -> assertThat(((DecryptionException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("decryption failed").doesNotContain("ada"));
    }

    @Test
    void encrypt_thenDecrypt_sameContext_roundTrips() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        assertThat(enc.decrypt(sealed, CTX)).isEqualTo(PLAIN);
        assertThat(EnvelopeEncryptor.kekIdOf(sealed)).isEqualTo("kek-a");
        assertThat(sealed).hasSize(PLAIN.length + 4 + 5 + 60 + 32 + 12 + 16);
    }

    @Test
    void encrypt_emptyPlaintextAndEmptyContext_roundTrips() {
        byte[] sealed = enc.encrypt(new byte[0], EncryptionContext.empty());
        assertThat(enc.decrypt(sealed, EncryptionContext.empty())).isEmpty();
    }

    @Test
    void encrypt_sameInputTwice_differentCiphertexts() {
        assertThat(enc.encrypt(PLAIN, CTX)).isNotEqualTo(enc.encrypt(PLAIN, CTX));
    }

    @Test
    void decrypt_otherRowOrTenant_authenticationFailedAndAudited() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        assertReason(() -> enc.decrypt(sealed, EncryptionContext.of("tenant", "org-43", "table", "users", "column",
                "email", "row", "u-17")), CryptoReason.AUTHENTICATION_FAILED);
        assertReason(() -> enc.decrypt(sealed, EncryptionContext.of("tenant", "org-42", "table", "users", "column",
                "email", "row", "u-18")), CryptoReason.AUTHENTICATION_FAILED);
        assertReason(() -> enc.decrypt(sealed, EncryptionContext.empty()), CryptoReason.AUTHENTICATION_FAILED);
        AuditEvent e = audit.events().get(0);
        assertThat(e.action()).isEqualTo("envelope.decrypt");
        assertThat(e.reason()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(e.attributes()).containsEntry("kek_id", "kek-a");
    }

    @Test
    void decrypt_contextOrderIrrelevant() {
        byte[] sealed = enc.encrypt(PLAIN, EncryptionContext.of("a", "1", "b", "2"));
        assertThat(enc.decrypt(sealed, EncryptionContext.of("b", "2", "a", "1"))).isEqualTo(PLAIN);
    }

    @Test
    void decrypt_badVersion_unsupportedVersion() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        sealed[0] = 2;
        assertReason(() -> enc.decrypt(sealed, CTX), CryptoReason.UNSUPPORTED_VERSION);
    }

    @Test
    void decrypt_everyTruncation_rejected() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        for (int len = 0; len < sealed.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(sealed, len);
            assertThatThrownBy(() -> enc.decrypt(cut, CTX)).isInstanceOf(DecryptionException.class);
        }
        assertReason(() -> enc.decrypt(java.util.Arrays.copyOf(sealed, 20), CTX), CryptoReason.TRUNCATED);
        assertReason(() -> enc.decrypt(new byte[0], CTX), CryptoReason.TRUNCATED);
    }

    @Test
    void decrypt_oversizedLengthFields_malformedWithoutAllocation() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        byte[] badId = sealed.clone();
        badId[1] = (byte) 200;
        assertReason(() -> enc.decrypt(badId, CTX), CryptoReason.MALFORMED_CIPHERTEXT);
        byte[] badW = sealed.clone();
        badW[2 + 5] = (byte) 0xff;
        assertReason(() -> enc.decrypt(badW, CTX), CryptoReason.MALFORMED_CIPHERTEXT);
        byte[] badChar = sealed.clone();
        badChar[2] = '!';
        assertReason(() -> enc.decrypt(badChar, CTX), CryptoReason.MALFORMED_CIPHERTEXT);
    }

    @Test
    void decrypt_unknownKek_unknownKek() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        EnvelopeEncryptor other = EnvelopeEncryptor.builder().keyRing(KeyRing.of(kek("kek-b", KekState.PRIMARY, 2)))
                .clock(CLOCK).auditSink(audit).build();
        assertReason(() -> other.decrypt(sealed, CTX), CryptoReason.UNKNOWN_KEK);
    }

    @Test
    void decrypt_sameIdOtherMaterial_authenticationFailed() {
        byte[] sealed = enc.encrypt(PLAIN, CTX);
        EnvelopeEncryptor other = EnvelopeEncryptor.builder().keyRing(KeyRing.of(kek("kek-a", KekState.PRIMARY, 9)))
                .clock(CLOCK).auditSink(audit).build();
        assertReason(() -> other.decrypt(sealed, CTX), CryptoReason.AUTHENTICATION_FAILED);
    }

    @Test
    void rotation_newPrimary_oldRecordsDecrypt_retiredDecrypts_destroyedDoesNot() {
        byte[] old = enc.encrypt(PLAIN, CTX);
        provider.set(provider.keyRing().withKek(kek("kek-b", KekState.ACTIVE, 2)));
        assertThat(EnvelopeEncryptor.kekIdOf(enc.encrypt(PLAIN, CTX))).isEqualTo("kek-a");
        provider.set(provider.keyRing().withPrimary("kek-b"));
        byte[] fresh = enc.encrypt(PLAIN, CTX);
        assertThat(EnvelopeEncryptor.kekIdOf(fresh)).isEqualTo("kek-b");
        assertThat(provider.keyRing().find("kek-a").orElseThrow().state()).isEqualTo(KekState.ACTIVE);
        assertThat(enc.decrypt(old, CTX)).isEqualTo(PLAIN);
        provider.set(provider.keyRing().withState("kek-a", KekState.RETIRED));
        assertThat(enc.decrypt(old, CTX)).isEqualTo(PLAIN);
        assertThat(enc.needsRewrap(old)).isTrue();
        assertThat(enc.needsRewrap(fresh)).isFalse();
        provider.set(provider.keyRing().withState("kek-a", KekState.DESTROYED));
        assertReason(() -> enc.decrypt(old, CTX), CryptoReason.KEK_DESTROYED);
        assertThat(enc.decrypt(fresh, CTX)).isEqualTo(PLAIN);
    }

    @Test
    void rewrap_movesToPrimary_keepsDataBytes_preservesPlaintext() {
        byte[] old = enc.encrypt(PLAIN, CTX);
        provider.set(provider.keyRing().withKek(kek("kek-bb", KekState.ACTIVE, 2)).withPrimary("kek-bb"));
        byte[] re = enc.rewrap(old, CTX);
        assertThat(EnvelopeEncryptor.kekIdOf(re)).isEqualTo("kek-bb");
        int tail = 32 + 12 + PLAIN.length + 16;
        assertThat(java.util.Arrays.copyOfRange(re, re.length - tail, re.length))
                .isEqualTo(java.util.Arrays.copyOfRange(old, old.length - tail, old.length));
        provider.set(provider.keyRing().withState("kek-a", KekState.DESTROYED));
        assertThat(enc.decrypt(re, CTX)).isEqualTo(PLAIN);
        assertThat(enc.rewrap(re, CTX)).isEqualTo(re);
    }

    @Test
    void rewrap_wrongContext_refused() {
        byte[] old = enc.encrypt(PLAIN, CTX);
        provider.set(provider.keyRing().withKek(kek("kek-b", KekState.ACTIVE, 2)).withPrimary("kek-b"));
        assertReason(() -> enc.rewrap(old, EncryptionContext.of("row", "x")), CryptoReason.AUTHENTICATION_FAILED);
    }

    @Test
    void rewrapAll_reportsProgress_skipsFailures() {
        List<SealedRecord> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EncryptionContext c = EncryptionContext.of("row", "r" + i);
            in.add(new SealedRecord("r" + i, enc.encrypt(PLAIN, c), c));
        }
        in.add(new SealedRecord("bad", new byte[] {1, 2, 3}, CTX));
        provider.set(provider.keyRing().withKek(kek("kek-b", KekState.ACTIVE, 2)).withPrimary("kek-b"));
        in.add(new SealedRecord("new", enc.encrypt(PLAIN, CTX), CTX));
        List<SealedRecord> out = new ArrayList<>();
        List<RewrapReport> progress = new ArrayList<>();
        RewrapReport r = enc.rewrapAll(in, out::add, progress::add, 2);
        assertThat(r.processed()).isEqualTo(7);
        assertThat(r.rewrapped()).isEqualTo(5);
        assertThat(r.alreadyCurrent()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures()).containsExactly(java.util.Map.entry("bad", CryptoReason.TRUNCATED));
        assertThat(progress).hasSize(4);
        assertThat(out).hasSize(6).allSatisfy(s -> {
            assertThat(EnvelopeEncryptor.kekIdOf(s.sealed())).isEqualTo("kek-b");
            assertThat(enc.decrypt(s.sealed(), s.context())).isEqualTo(PLAIN);
        });
        assertThat(audit.events()).anySatisfy(e -> assertThat(e.action()).isEqualTo("envelope.rewrap_batch"));
    }

    @Test
    void remoteKek_anyAead_wrapsAndUnwraps() {
        Aead kms = Aead.aes256Gcm(Secret.ofBytes(new byte[32]));
        Aead countingKms = new Aead() {
            @Override
            public byte[] encrypt(byte[] p, byte[] a) {
                return kms.encrypt(p, a);
            }

            @Override
            public byte[] decrypt(byte[] c, byte[] a) {
                return kms.decrypt(c, a);
            }
        };
        EnvelopeEncryptor remote = EnvelopeEncryptor.builder()
                .keyRing(KeyRing.of(Kek.remote("kms:projects/p/keys/k1", KekState.PRIMARY, CLOCK.instant(), countingKms)))
                .clock(CLOCK).build();
        byte[] sealed = remote.encrypt(PLAIN, CTX);
        assertThat(remote.decrypt(sealed, CTX)).isEqualTo(PLAIN);
        assertThat(EnvelopeEncryptor.kekIdOf(sealed)).isEqualTo("kms:projects/p/keys/k1");
    }

    @Test
    void failingAuditSink_doesNotChangeDecision() {
        EnvelopeEncryptor e = EnvelopeEncryptor.builder().kekProvider(provider).clock(CLOCK)
                .auditSink(ev -> {
                    throw new IllegalStateException("sink down");
                }).build();
        byte[] sealed = e.encrypt(PLAIN, CTX);
        assertReason(() -> e.decrypt(sealed, EncryptionContext.empty()), CryptoReason.AUTHENTICATION_FAILED);
        assertThat(e.decrypt(sealed, CTX)).isEqualTo(PLAIN);
    }

    @Test
    void builder_missingPieces_configurationException() {
        assertThatThrownBy(() -> EnvelopeEncryptor.builder().clock(CLOCK).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kekProvider");
        assertThatThrownBy(() -> EnvelopeEncryptor.builder().kekProvider(provider).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("clock");
    }

    @Test
    void keyRing_rules_enforced() {
        Kek a = kek("kek-a", KekState.PRIMARY, 1);
        assertThatThrownBy(() -> KeyRing.of(a, kek("kek-b", KekState.PRIMARY, 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly one PRIMARY");
        assertThatThrownBy(() -> KeyRing.of(kek("kek-b", KekState.ACTIVE, 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PRIMARY");
        assertThatThrownBy(() -> KeyRing.of(a, kek("kek-a", KekState.ACTIVE, 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> KeyRing.of(a).withState("kek-a", KekState.RETIRED))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("primary");
        assertThatThrownBy(() -> kek("bad id!", KekState.ACTIVE, 1)).isInstanceOf(ConfigurationException.class);
        assertThat(KeyRing.of(a).toString()).isEqualTo("KeyRing[kek-a:PRIMARY]");
        assertThat(a.toString()).doesNotContain("material=");
    }

    @Test
    void testClock_works_forAuditTimestamps() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryAuditSink sink = new InMemoryAuditSink();
        EnvelopeEncryptor e = EnvelopeEncryptor.builder().kekProvider(provider).clock(clock).auditSink(sink).build();
        assertThatThrownBy(() -> e.decrypt(new byte[] {1}, CTX)).isInstanceOf(DecryptionException.class);
        assertThat(sink.events().get(0).timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
