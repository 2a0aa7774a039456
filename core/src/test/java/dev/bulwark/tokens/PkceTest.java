package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void rfc7636AppendixB() throws Exception {
        JsonNode v = JwsVectorsTest.load("rfc7636_pkce.json");
        byte[] octets = new byte[v.get("randomOctets").size()];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) v.get("randomOctets").get(i).asInt();
        }
        String verifier = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
        assertThat(verifier).isEqualTo(v.get("code_verifier").asText());
        assertThat(Pkce.challenge(verifier)).isEqualTo(v.get("code_challenge").asText());
        Pkce.verify(verifier, v.get("code_challenge").asText(), v.get("code_challenge_method").asText());
    }

    @Test
    void mismatch_plainMethod_badVerifiers_rejected() {
        String v = Pkce.newVerifier();
        String c = Pkce.challenge(v);
        assertThatThrownBy(() -> Pkce.verify(Pkce.newVerifier(), c, "S256"))
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenReason.PKCE_MISMATCH);
        assertThatThrownBy(() -> Pkce.verify(v, v, "plain"))
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenReason.PKCE_INVALID_VERIFIER);
        for (String bad : new String[] {null, "a".repeat(42), "a".repeat(129), "a".repeat(42) + "+", "a".repeat(42) + "/",
                "a".repeat(42) + "=", "a".repeat(42) + " "}) {
            assertThatThrownBy(() -> Pkce.challenge(bad)).extracting(e -> ((TokenException) e).reason())
                    .isEqualTo(TokenReason.PKCE_INVALID_VERIFIER);
        }
        assertThat(Pkce.challenge("~._-" + "a".repeat(124))).hasSize(43);
    }

    @Property(tries = 200)
    void anyValidVerifier_roundTrips(@ForAll @StringLength(min = 43, max = 128)
            @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z') @CharRange(from = '0', to = '9')
            @Chars({'-', '.', '_', '~'}) String verifier) {
        Pkce.verify(verifier, Pkce.challenge(verifier), "S256");
    }
}
