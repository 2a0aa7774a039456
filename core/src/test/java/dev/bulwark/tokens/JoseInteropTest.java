package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.internal.Ed25519Jdk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens minted by the independent npm {@code jose} library (fixture in vectors/tokens/jose) verify here. */
class JoseInteropTest {

    @Test
    void joseMintedTokens_verifyForEveryAlgorithm_andFailOnceExpired() throws Exception {
        JsonNode root = JwsVectorsTest.load("jose/jose_tokens.json");
        long iat = root.get("iat").asLong();
        List<String> verified = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            JwsAlgorithm alg = JwsAlgorithm.of(c.get("alg").asText());
            JWK jwk = JWK.parse(new ObjectMapper().writeValueAsString(c.get("jwk")));
            String kid = c.get("kid").asText();
            SigningKey key;
            if (jwk instanceof OctetSequenceKey) {
                key = SigningKey.hmac(kid, Secret.ofBytes(((OctetSequenceKey) jwk).toByteArray()));
            } else if (jwk instanceof RSAKey) {
                key = SigningKey.verifyOnly(kid, alg, ((RSAKey) jwk).toRSAPublicKey());
            } else if (jwk instanceof ECKey) {
                key = SigningKey.verifyOnly(kid, alg, ((ECKey) jwk).toECPublicKey());
            } else {
                key = SigningKey.verifyOnly(kid, alg, Ed25519Jdk.publicFromRaw(((OctetKeyPair) jwk).getDecodedX()));
            }
            TestClock clock = new TestClock(Instant.ofEpochSecond(iat + 60));
            AccessTokens tokens = AccessTokens.builder().signingKeys(SigningKeys.verifyOnly(key))
                    .issuer("https://id.example.com").audience("api.example.com").maxTtl(Duration.ofMinutes(30))
                    .clock(clock).withoutSessionCheck().build();
            VerifiedToken v = tokens.verify(c.get("token").asText());
            assertThat(v.subject()).isEqualTo("u-jose");
            assertThat(v.org()).isEqualTo("org-jose");
            assertThat(v.sessionId()).isEqualTo("sid-jose");
            assertThat(v.scopes()).containsExactlyInAnyOrder("a.read", "b.write");
            assertThat(v.roles()).containsExactly("admin");
            assertThat(v.kid()).isEqualTo(kid);
            verified.add(alg.headerName());
            clock.advance(Duration.ofMinutes(10));
            try {
                tokens.verify(c.get("token").asText());
                throw new AssertionError("expired jose token accepted");
            } catch (TokenException e) {
                assertThat(e.tokenReason()).isEqualTo(TokenReason.EXPIRED);
            }
        }
        assertThat(verified).containsExactly("HS256", "RS256", "PS256", "ES256", "EdDSA");
    }
}
