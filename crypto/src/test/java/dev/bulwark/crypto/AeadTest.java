package dev.bulwark.crypto;

import static dev.bulwark.crypto.Vectors.concat;
import static dev.bulwark.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AeadTest {

    private static final Secret KEY = Secret.ofBytes(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30, 31, 32});

    /** Every Wycheproof case with a 256-bit key, 96-bit IV and 128-bit tag, decrypted through the public API. */
    @Test
    void decrypt_wycheproofAesGcm256_everyCaseAsExpected() {
        JsonNode doc = Vectors.load("aes_gcm_test.json");
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : doc.get("testGroups")) {
            if (group.get("keySize").asInt() != 256 || group.get("ivSize").asInt() != 96
                    || group.get("tagSize").asInt() != 128) {
                continue;
            }
            for (JsonNode t : group.get("tests")) {
                run++;
                int id = t.get("tcId").asInt();
                Aead aead = Aead.aes256Gcm(Secret.ofBytes(hex(t, "key")));
                byte[] sealed = concat(hex(t, "iv"), hex(t, "ct"), hex(t, "tag"));
                boolean valid = t.get("result").asText().equals("valid");
                try {
                    byte[] pt = aead.decrypt(sealed, hex(t, "aad"));
                    if (!valid) {
                        failures.add("tcId " + id + ": invalid case decrypted");
                    } else if (!Arrays.equals(pt, hex(t, "msg"))) {
                        failures.add("tcId " + id + ": wrong plaintext");
                    }
                } catch (DecryptionException e) {
                    if (valid) {
                        failures.add("tcId " + id + ": valid case rejected with " + e.reason());
                    } else {
                        assertThat(e.reason()).isEqualTo(CryptoReason.AUTHENTICATION_FAILED);
                    }
                }
            }
        }
        assertThat(run).isGreaterThanOrEqualTo(60);
        assertThat(failures).isEmpty();
    }

    @Test
    void aes256Gcm_wycheproofKeysOfOtherSizes_refused() {
        JsonNode doc = Vectors.load("aes_gcm_test.json");
        for (JsonNode group : doc.get("testGroups")) {
            int keySize = group.get("keySize").asInt();
            if (keySize == 256) {
                continue;
            }
            Secret key = Secret.ofBytes(hex(group.get("tests").get(0), "key"));
            assertThatThrownBy(() -> Aead.aes256Gcm(key)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("32 bytes");
        }
    }

    @Test
    void decrypt_gcmSpecAes256Cases_asPublished() {
        JsonNode doc = Vectors.load("gcm_spec_aes256.json");
        List<String> failures = new ArrayList<>();
        for (JsonNode t : doc.get("cases")) {
            Aead aead = Aead.aes256Gcm(Secret.ofBytes(hex(t, "key")));
            byte[] pt = aead.decrypt(concat(hex(t, "iv"), hex(t, "ct"), hex(t, "tag")), hex(t, "aad"));
            if (!Arrays.equals(pt, hex(t, "pt"))) {
                failures.add("tc " + t.get("tc").asText());
            }
        }
        assertThat(doc.get("cases")).hasSize(4);
        assertThat(failures).isEmpty();
    }

    @Test
    void encrypt_thenDecrypt_roundTripsWithAad() {
        Aead aead = Aead.aes256Gcm(KEY);
        byte[] pt = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] ct = aead.encrypt(pt, "row-1".getBytes(StandardCharsets.UTF_8));
        assertThat(ct).hasSize(12 + 5 + 16);
        assertThat(aead.decrypt(ct, "row-1".getBytes(StandardCharsets.UTF_8))).isEqualTo(pt);
    }

    @Test
    void encrypt_twice_differentNonces() {
        Aead aead = Aead.aes256Gcm(KEY);
        byte[] a = aead.encrypt(new byte[16], null);
        byte[] b = aead.encrypt(new byte[16], null);
        assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
    }

    @Test
    void decrypt_wrongAad_authenticationFailed() {
        Aead aead = Aead.aes256Gcm(KEY);
        byte[] ct = aead.encrypt(new byte[3], new byte[] {1});
        assertThatThrownBy(() -> aead.decrypt(ct, new byte[] {2})).isInstanceOf(DecryptionException.class)
                .extracting(e -> ((DecryptionException) e).reason()).isEqualTo(CryptoReason.AUTHENTICATION_FAILED);
        assertThatThrownBy(() -> aead.decrypt(ct, null)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void decrypt_shorterThanNonceAndTag_truncated() {
        Aead aead = Aead.aes256Gcm(KEY);
        assertThatThrownBy(() -> aead.decrypt(new byte[27], null)).isInstanceOf(DecryptionException.class)
                .extracting(e -> ((DecryptionException) e).reason()).isEqualTo(CryptoReason.TRUNCATED);
    }

    @Test
    void encrypt_largeInputs_chunkedRoundTrip() {
        Aead aead = Aead.aes256Gcm(KEY);
        for (int size : new int[] {16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 1 << 20, (1 << 20) + 7}) {
            byte[] pt = new byte[size];
            new java.util.Random(size).nextBytes(pt);
            byte[] ct = aead.encrypt(pt, new byte[] {9});
            assertThat(aead.decrypt(ct, new byte[] {9})).isEqualTo(pt);
            ct[ct.length / 2] ^= 1;
            assertThatThrownBy(() -> aead.decrypt(ct, new byte[] {9})).isInstanceOf(DecryptionException.class);
        }
    }

    /** The large-input decryption path (CTR + re-encryption) against the JDK's own GCM decryption. */
    @Test
    void decrypt_largeInputs_agreeWithJdkGcm_andRejectEveryTagOrAadChange() throws Exception {
        byte[] key = KEY.bytes();
        for (int size : new int[] {16 * 1024 + 1, 100_000, 1 << 20}) {
            byte[] pt = new byte[size];
            new java.util.Random(size).nextBytes(pt);
            byte[] nonce = new byte[12];
            new java.util.Random(-size).nextBytes(nonce);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            c.updateAAD(new byte[] {7});
            byte[] sealed = concat(nonce, c.doFinal(pt));
            Aead aead = Aead.aes256Gcm(KEY);
            assertThat(aead.decrypt(sealed, new byte[] {7})).isEqualTo(pt);
            assertThat(aead.decrypt(sealed, new byte[] {7})).as("same record twice").isEqualTo(pt);
            assertThatThrownBy(() -> aead.decrypt(sealed, new byte[] {8})).isInstanceOf(DecryptionException.class);
            for (int pos : new int[] {0, 12, 12 + size / 2, sealed.length - 16, sealed.length - 1}) {
                byte[] bad = sealed.clone();
                bad[pos] ^= 0x40;
                assertThatThrownBy(() -> aead.decrypt(bad, new byte[] {7})).as("flip at " + pos)
                        .isInstanceOf(DecryptionException.class);
            }
        }
    }

    @Test
    void encrypt_beyondLimit_keyUsageLimitReached_decryptStillWorks() {
        Aead aead = Aead.aes256Gcm(KEY, 2);
        byte[] ct = aead.encrypt(new byte[1], null);
        aead.encrypt(new byte[1], null);
        assertThatThrownBy(() -> aead.encrypt(new byte[1], null)).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(CryptoReason.KEY_USAGE_LIMIT_REACHED);
        assertThat(aead.decrypt(ct, null)).hasSize(1);
    }

    @Test
    void aes256Gcm_limitOutOfRange_refused() {
        assertThatThrownBy(() -> Aead.aes256Gcm(KEY, 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Aead.aes256Gcm(KEY, (1L << 32) + 1)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void toString_neverShowsKey() {
        assertThat(Aead.aes256Gcm(KEY).toString()).doesNotContain("1, 2").contains("***");
    }
}
