package dev.bulwark.crypto.internal;

import static dev.bulwark.crypto.Vectors.concat;
import static dev.bulwark.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.crypto.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encryption direction of the vectors needs a fixed nonce, which only the internal seal accepts. */
class AesGcmVectorTest {

    @Test
    void seal_wycheproofValidAes256Cases_produceExpectedCiphertextAndTag() {
        JsonNode doc = Vectors.load("aes_gcm_test.json");
        List<String> failures = new ArrayList<>();
        for (JsonNode group : doc.get("testGroups")) {
            if (group.get("keySize").asInt() != 256 || group.get("ivSize").asInt() != 96) {
                continue;
            }
            for (JsonNode t : group.get("tests")) {
                if (!t.get("result").asText().equals("valid")) {
                    continue;
                }
                byte[] msg = hex(t, "msg");
                byte[] aad = hex(t, "aad");
                byte[] out = new byte[msg.length + 16];
                AesGcm.seal(AesGcm.key(hex(t, "key")), hex(t, "iv"), 0, aad, 0, aad.length, msg, 0, msg.length, out, 0);
                if (!Arrays.equals(out, concat(hex(t, "ct"), hex(t, "tag")))) {
                    failures.add("tcId " + t.get("tcId").asInt());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void seal_gcmSpecAes256Cases_produceExpectedCiphertextAndTag() {
        JsonNode doc = Vectors.load("gcm_spec_aes256.json");
        for (JsonNode t : doc.get("cases")) {
            byte[] msg = hex(t, "pt");
            byte[] aad = hex(t, "aad");
            byte[] out = new byte[msg.length + 16];
            AesGcm.seal(AesGcm.key(hex(t, "key")), hex(t, "iv"), 0, aad, 0, aad.length, msg, 0, msg.length, out, 0);
            assertThat(out).as("tc " + t.get("tc").asText()).isEqualTo(concat(hex(t, "ct"), hex(t, "tag")));
        }
    }
}
