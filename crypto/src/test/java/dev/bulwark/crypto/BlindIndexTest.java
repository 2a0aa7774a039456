package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final Secret KEY = Secret.ofHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static BlindIndex email() {
        return BlindIndex.builder("users.email").key(KEY).normalizer(BlindIndex.Normalization.EMAIL).build();
    }

    @Test
    void compute_emailVariants_sameIndex() {
        BlindIndex idx = email();
        String v = idx.compute("ada@example.com");
        assertThat(idx.compute("  ADA@Example.COM \n")).isEqualTo(v);
        // fullwidth letters fold under NFKC
        assertThat(idx.compute("\uFF41da@example.com")).isEqualTo(v);
        assertThat(idx.compute("ada@example.org")).isNotEqualTo(v);
        assertThat(v).hasSize(22);
    }

    @Test
    void compute_matchesDocumentedConstruction() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.bytes(), "HmacSHA256"));
        mac.update("bulwark-blind-index-v1\0users.email\0".getBytes(StandardCharsets.UTF_8));
        byte[] full = mac.doFinal("ada@example.com".getBytes(StandardCharsets.UTF_8));
        assertThat(email().computeBytes("Ada@Example.com")).isEqualTo(java.util.Arrays.copyOf(full, 16));
    }

    @Test
    void compute_otherIndexNameOrKey_differs() {
        String a = email().compute("ada@example.com");
        String b = BlindIndex.builder("contacts.email").key(KEY).normalizer(BlindIndex.Normalization.EMAIL).build()
                .compute("ada@example.com");
        String c = BlindIndex.builder("users.email").key(Secret.ofBytes(new byte[32]))
                .normalizer(BlindIndex.Normalization.EMAIL).build().compute("ada@example.com");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void outputBytes_truncates() {
        BlindIndex idx = BlindIndex.builder("x").key(KEY).outputBytes(4).build();
        assertThat(idx.computeBytes("v")).hasSize(4);
        assertThat(idx.compute("v")).hasSize(6);
    }

    @Test
    void build_withoutKey_refusedUnlessUnkeyedChosen() throws Exception {
        assertThatThrownBy(() -> BlindIndex.builder("x").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dictionary");
        assertThatThrownBy(() -> BlindIndex.builder("x").key(Secret.ofBytes(new byte[16])).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> BlindIndex.builder("x").key(KEY).outputBytes(3).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> BlindIndex.builder("x").key(KEY).unkeyedSha256AcceptingDictionaryAttacks().build())
                .isInstanceOf(ConfigurationException.class);
        BlindIndex unkeyed = BlindIndex.builder("x").unkeyedSha256AcceptingDictionaryAttacks().outputBytes(32)
                .normalizer(BlindIndex.Normalization.EMAIL).build();
        assertThat(unkeyed.keyed()).isFalse();
        assertThat(HexFormat.of().formatHex(unkeyed.computeBytes(" A@B.C "))).isEqualTo(HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("a@b.c".getBytes(StandardCharsets.UTF_8))));
        assertThat(unkeyed.toString()).contains("UNKEYED");
        assertThat(email().toString()).contains("key=***");
        assertThat(Base64.getUrlDecoder().decode(email().compute("a"))).hasSize(16);
    }
}
