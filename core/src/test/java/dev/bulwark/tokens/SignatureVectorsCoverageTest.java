package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.tokens.internal.Ed25519Jdk;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof signature vectors (issue 11, item 3) for every asymmetric JWS algorithm Bulwark exposes: each
 * public key is accepted by {@link SigningKey#verifyOnly}, then every test case runs through the same
 * verifier {@link SigningKey} builds for that algorithm (Nimbus ECDSA / RSASSA, Bulwark's JDK Ed25519).
 * "valid" must verify, "invalid" must not; "acceptable" may go either way. Failures are reported by tcId.
 */
class SignatureVectorsCoverageTest {

    private static final Path DIR = Path.of("src", "test", "resources", "vectors", "tokens", "wycheproof_signatures");

    /**
     * Cases Wycheproof marks valid that the JDK 17 SunEC provider refuses (its own
     * {@code SHA256withECDSAinP1363Format} does too, checked outside Bulwark): tcId 115 ("k*G has a large
     * x-coordinate") and 257 ("r = 3, x = n + 3"). Refusing a valid edge-case signature fails closed (no forgery
     * is accepted) and an honest signer produces one with negligible probability; SECURITY.md lists it. They are
     * treated as "acceptable" here, so a provider that starts accepting them is fine too.
     */
    private static final java.util.Map<String, java.util.Set<Integer>> PLATFORM_REJECTS_VALID = java.util.Map.of(
            "ecdsa_secp256r1_sha256_p1363_test.json", java.util.Set.of(115, 257));

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "ecdsa_secp256r1_sha256_p1363_test.json, ES256, EC",
        "ed25519_test.json, EdDSA, Ed25519",
        "rsa_signature_2048_sha256_test.json, RS256, RSA",
        "rsa_pss_2048_sha256_mgf1_32_test.json, PS256, RSA"})
    void wycheproofSignatures(String file, String alg, String keyType) throws Exception {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve(file).toFile());
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : root.get("testGroups")) {
            PublicKey pub = KeyFactory.getInstance(keyType).generatePublic(
                    new X509EncodedKeySpec(HexFormat.of().parseHex(group.get("publicKeyDer").asText())));
            SigningKey key = SigningKey.verifyOnly("wp", JwsAlgorithm.of(alg), pub);
            assertThat(key.canVerify()).isTrue();
            JWSVerifier verifier = switch (alg) {
                case "ES256" -> new ECDSAVerifier((ECPublicKey) pub);
                case "EdDSA" -> new Ed25519Jdk.Verifier(pub);
                default -> new RSASSAVerifier((RSAPublicKey) pub);
            };
            JWSHeader header = new JWSHeader(JWSAlgorithm.parse(alg));
            for (JsonNode t : group.get("tests")) {
                run++;
                String result = PLATFORM_REJECTS_VALID.getOrDefault(file, java.util.Set.of())
                        .contains(t.get("tcId").asInt()) ? "acceptable" : t.get("result").asText();
                boolean ok;
                try {
                    ok = verifier.verify(header, HexFormat.of().parseHex(t.get("msg").asText()),
                            Base64URL.encode(HexFormat.of().parseHex(t.get("sig").asText())));
                } catch (Exception e) {
                    ok = false;
                }
                if (result.equals("valid") && !ok || result.equals("invalid") && ok) {
                    failures.add("tcId " + t.get("tcId").asInt() + " (" + result + ", " + t.get("comment").asText()
                            + ")");
                }
            }
        }
        assertThat(run).isEqualTo(root.get("numberOfTests").asInt());
        assertThat(failures).as("%s: failed test ids", file).isEmpty();
    }
}
