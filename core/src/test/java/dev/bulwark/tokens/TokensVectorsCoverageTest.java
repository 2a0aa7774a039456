package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors coverage (issue 11, item 3): every file under this module's {@code src/test/resources/vectors}
 * must be exercised by a test (some test source other than this one names the file) and listed in the
 * {@code SOURCES.md} of its folder. A vector file that is committed but not run fails the build, naming it.
 */
class TokensVectorsCoverageTest {

    private static final Path VECTORS = Path.of("src", "test", "resources", "vectors");
    /** Files this class runs itself (see the test methods below). */
    private static final List<String> OWN = List.of("bulwark_tokens.json");

    @Test
    void everyVectorFileIsExercisedAndSourced() {
        dev.bulwark.core.testing.VectorCoverage.assertEveryVectorFileIsExercisedAndSourced(
                TokensVectorsCoverageTest.class, OWN.toArray(String[]::new));
    }

    /**
     * {@code jose/bulwark_tokens.json} (Bulwark-minted tokens that the {@code jose} library verified, see
     * SOURCES.md) is run here too: each token verifies through {@link SigningKeys#verify(String)} with the key
     * published next to it (HS256 {@code k}, otherwise the JWKS), and a one-character change of its signature
     * does not. Reports failures by algorithm.
     */
    @Test
    void bulwarkMintedJoseFixtures_verifyWithTheirPublishedKeys() throws Exception {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                VECTORS.resolve("tokens/jose/bulwark_tokens.json").toFile());
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : root.get("cases")) {
            count++;
            String alg = c.get("alg").asText();
            String token = c.get("token").asText();
            String kid = com.nimbusds.jose.JWSObject.parse(token).getHeader().getKeyID();
            SigningKey key;
            if (c.has("k")) {
                key = SigningKey.hmac(kid, dev.bulwark.core.Secret.ofBytes(
                        java.util.Base64.getUrlDecoder().decode(c.get("k").asText())));
            } else {
                com.nimbusds.jose.jwk.JWK jwk = com.nimbusds.jose.jwk.JWKSet.parse(c.get("jwks").toString()).getKeyByKeyId(kid);
                java.security.PublicKey pub = jwk instanceof com.nimbusds.jose.jwk.OctetKeyPair okp
                        ? dev.bulwark.tokens.internal.Ed25519Jdk.publicFromRaw(okp.getDecodedX())
                        : ((com.nimbusds.jose.jwk.AsymmetricJWK) jwk).toPublicKey();
                key = SigningKey.verifyOnly(kid, JwsAlgorithm.of(alg), pub);
            }
            SigningKeys keys = SigningKeys.verifyOnly(key);
            try {
                if (!keys.verify(token).kid().equals(kid)) {
                    failures.add(alg + ": wrong kid");
                }
            } catch (TokenException e) {
                failures.add(alg + ": valid token rejected: " + e.reason());
            }
            int last = token.length() - 2;
            String tampered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);
            try {
                keys.verify(tampered);
                failures.add(alg + ": tampered signature accepted");
            } catch (TokenException expected) {
                // rejected, as it must be
            }
        }
        assertThat(count).isEqualTo(6);
        assertThat(failures).isEmpty();
    }
}
