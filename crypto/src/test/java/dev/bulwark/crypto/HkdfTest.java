package dev.bulwark.crypto;

import static dev.bulwark.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HkdfTest {

    @Test
    void rfc5869_appendixA_sha256Cases() {
        JsonNode doc = Vectors.load("rfc5869_hkdf.json");
        List<String> failures = new ArrayList<>();
        for (JsonNode t : doc.get("cases")) {
            byte[] prk = Hkdf.sha256().extract(hex(t, "salt"), hex(t, "ikm"));
            byte[] okm = Hkdf.sha256().expand(prk, hex(t, "info"), t.get("L").asInt());
            if (!Arrays.equals(prk, hex(t, "prk")) || !Arrays.equals(okm, hex(t, "okm"))) {
                failures.add(t.get("tc").asText());
            }
        }
        assertThat(doc.get("cases")).hasSize(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void wycheproof_hkdfSha256_everyCaseAsExpected() {
        JsonNode doc = Vectors.load("hkdf_sha256_test.json");
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode g : doc.get("testGroups")) {
            for (JsonNode t : g.get("tests")) {
                run++;
                boolean valid = !t.get("result").asText().equals("invalid");
                try {
                    byte[] okm = Hkdf.sha256().deriveBytes(hex(t, "salt"), hex(t, "ikm"), hex(t, "info"),
                            t.get("size").asInt());
                    if (!valid || !Arrays.equals(okm, hex(t, "okm"))) {
                        failures.add("tcId " + t.get("tcId").asInt());
                    }
                } catch (CryptoException e) {
                    if (valid || e.reason() != CryptoReason.INVALID_INPUT) {
                        failures.add("tcId " + t.get("tcId").asInt() + " threw " + e.reason());
                    }
                }
            }
        }
        assertThat(run).isEqualTo(86);
        assertThat(failures).isEmpty();
    }

    @Test
    void expand_tooLong_invalidInput() {
        assertThatThrownBy(() -> Hkdf.sha256().expand(new byte[32], null, 255 * 32 + 1))
                .isInstanceOf(CryptoException.class).hasMessageContaining("8160");
        assertThat(Hkdf.sha256().expand(new byte[32], null, 255 * 32)).hasSize(8160);
        assertThat(Hkdf.sha512().expand(new byte[64], null, 255 * 64)).hasSize(16320);
    }

    @Test
    void derive_differentInfo_independentKeys() {
        Secret master = Secret.ofBytes(new byte[32]);
        Secret a = Hkdf.sha256().derive(master, null, "a", 32);
        Secret b = Hkdf.sha256().derive(master, null, "b", 32);
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(Hkdf.sha256().derive(master, null, "a", 32));
        assertThat(a.length()).isEqualTo(32);
    }
}
