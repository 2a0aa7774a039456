package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = SecretBox.of(EnvelopeEncryptor.builder()
            .keyRing(KeyRing.of(EnvelopeEncryptorTest.kek("oauth-kek-1", KekState.PRIMARY, 5)))
            .clock(EnvelopeEncryptorTest.CLOCK).auditSink(AuditSinks.noop()).build());

    @Test
    void seal_thenOpen_samePurposeAndOwner_returnsToken() {
        String column = box.seal(Secret.ofUtf8("gho_16C7e42F292c6912E7710c838347Ae178B4a"), "oauth:github:access", "u-1");
        assertThat(column).matches("[A-Za-z0-9_-]+").doesNotContain("gho_");
        assertThat(box.open(column, "oauth:github:access", "u-1").utf8())
                .isEqualTo("gho_16C7e42F292c6912E7710c838347Ae178B4a");
    }

    @Test
    void open_otherPurposeOwnerOrGarbage_refused() {
        String column = box.seal(Secret.ofUtf8("token"), "oauth:github:access", "u-1");
        assertThatThrownBy(() -> box.open(column, "oauth:github:refresh", "u-1")).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> box.open(column, "oauth:github:access", "u-2")).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> box.open("***", "oauth:github:access", "u-1")).isInstanceOf(DecryptionException.class)
                .extracting(e -> ((DecryptionException) e).reason()).isEqualTo(CryptoReason.MALFORMED_CIPHERTEXT);
    }
}
