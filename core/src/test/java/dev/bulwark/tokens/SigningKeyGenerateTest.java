package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

class SigningKeyGenerateTest {

    /** OWASP ASVS 5.0 V11.2.3: at least 128-bit security, so RSA keys we make are 3072 bits. */
    @Test
    void generatedRsaKeys_are3072Bits_forRs256AndPs256() throws Exception {
        for (JwsAlgorithm alg : new JwsAlgorithm[] {JwsAlgorithm.RS256, JwsAlgorithm.PS256}) {
            SigningKeys keys = SigningKeys.of(SigningKey.generate("k-" + alg, alg));
            RSAKey jwk = (RSAKey) JWKSet.parse(keys.jwksJson()).getKeys().get(0);
            assertThat(jwk.size()).as(alg.name()).isEqualTo(3072);
        }
    }
}
