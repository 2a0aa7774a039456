package dev.bulwark.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * RFC 9106 §5.3 (Argon2id) against the generator our hasher uses, with the exact parameter mapping
 * {@code Argon2idPasswordHasher} applies (version 0x13, memory in KiB, secret = pepper). The public API does
 * not expose associated data, so this one vector runs at the generator level.
 */
class Argon2Rfc9106Test {

    @Test
    void argon2id_rfc9106Section5_3_tag() {
        byte[] password = new byte[32];
        Arrays.fill(password, (byte) 1);
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        Arrays.fill(ad, (byte) 4);
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(salt).withSecret(secret)
                .withAdditional(ad).build());
        byte[] tag = new byte[32];
        gen.generateBytes(password, tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }
}
