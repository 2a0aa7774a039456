package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class EnvelopePropertiesTest {

    private static final KekProviders.Rotatable PROVIDER = KekProviders.rotatable(KeyRing.of(
            EnvelopeEncryptorTest.kek("kek-a", KekState.PRIMARY, 1),
            EnvelopeEncryptorTest.kek("kek-b", KekState.ACTIVE, 2)));
    private static final EnvelopeEncryptor ENC = EnvelopeEncryptor.builder().kekProvider(PROVIDER)
            .clock(EnvelopeEncryptorTest.CLOCK).auditSink(AuditSinks.noop()).build();

    @Property(tries = 200)
    void decrypt_ofEncrypt_isIdentity(@ForAll @Size(max = 2048) byte[] plaintext,
            @ForAll @StringLength(max = 20) String tenant, @ForAll @StringLength(max = 20) String row) {
        EncryptionContext ctx = EncryptionContext.of("tenant", tenant, "row", row);
        assertThat(ENC.decrypt(ENC.encrypt(plaintext, ctx), ctx)).isEqualTo(plaintext);
    }

    @Property(tries = 300)
    void anySingleBitFlip_isRejected(@ForAll @Size(max = 64) byte[] plaintext, @ForAll @IntRange(min = 0) int where,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        EncryptionContext ctx = EncryptionContext.of("row", "r1");
        byte[] sealed = ENC.encrypt(plaintext, ctx);
        sealed[where % sealed.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> ENC.decrypt(sealed, ctx)).isInstanceOf(DecryptionException.class);
    }

    @Property(tries = 100)
    void anyTruncationOrExtension_isRejected(@ForAll @Size(max = 64) byte[] plaintext, @ForAll @IntRange(min = 0) int cut,
            @ForAll @Size(min = 1, max = 8) byte[] extra) {
        EncryptionContext ctx = EncryptionContext.of("row", "r1");
        byte[] sealed = ENC.encrypt(plaintext, ctx);
        byte[] shorter = Arrays.copyOf(sealed, cut % sealed.length);
        assertThatThrownBy(() -> ENC.decrypt(shorter, ctx)).isInstanceOf(DecryptionException.class);
        byte[] longer = Vectors.concat(sealed, extra);
        assertThatThrownBy(() -> ENC.decrypt(longer, ctx)).isInstanceOf(DecryptionException.class);
    }

    @Property(tries = 100)
    void swappedContext_isRejected(@ForAll @Size(max = 64) byte[] plaintext, @ForAll @StringLength(max = 10) String a,
            @ForAll @StringLength(max = 10) String b) {
        net.jqwik.api.Assume.that(!a.equals(b));
        byte[] sealed = ENC.encrypt(plaintext, EncryptionContext.of("row", a));
        assertThatThrownBy(() -> ENC.decrypt(sealed, EncryptionContext.of("row", b)))
                .isInstanceOf(DecryptionException.class);
    }

    @Property(tries = 100)
    void swappedKeyHeader_betweenRecords_isRejected(@ForAll @Size(max = 64) byte[] p1, @ForAll @Size(max = 64) byte[] p2) {
        EncryptionContext ctx = EncryptionContext.of("row", "r1");
        byte[] s1 = ENC.encrypt(p1, ctx);
        byte[] s2 = ENC.encrypt(p2, ctx);
        int header = 2 + 5 + 2 + 60;
        byte[] mixed = s1.clone();
        System.arraycopy(s2, 0, mixed, 0, header);
        assertThatThrownBy(() -> ENC.decrypt(mixed, ctx)).isInstanceOf(DecryptionException.class)
                .extracting(e -> ((DecryptionException) e).reason()).isEqualTo(CryptoReason.AUTHENTICATION_FAILED);
        byte[] otherKek = s1.clone();
        otherKek[2 + 4] = 'b';
        assertThatThrownBy(() -> ENC.decrypt(otherKek, ctx)).isInstanceOf(DecryptionException.class)
                .extracting(e -> ((DecryptionException) e).reason()).isEqualTo(CryptoReason.AUTHENTICATION_FAILED);
    }

    @Property(tries = 50)
    void rewrap_preservesPlaintext(@ForAll @Size(max = 256) byte[] plaintext) {
        KekProviders.Rotatable p = KekProviders.rotatable(PROVIDER.keyRing());
        EnvelopeEncryptor e = EnvelopeEncryptor.builder().kekProvider(p).clock(EnvelopeEncryptorTest.CLOCK)
                .auditSink(AuditSinks.noop()).build();
        EncryptionContext ctx = EncryptionContext.of("row", "r1");
        byte[] sealed = e.encrypt(plaintext, ctx);
        p.set(p.keyRing().withPrimary("kek-b"));
        byte[] re = e.rewrap(sealed, ctx);
        assertThat(EnvelopeEncryptor.kekIdOf(re)).isEqualTo("kek-b");
        assertThat(e.decrypt(re, ctx)).isEqualTo(plaintext);
    }
}
