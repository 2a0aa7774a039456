package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.tokens.AccessTokenClaims;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.JwsAlgorithm;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestTokensTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-23T10:00:00Z"));

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void eachFixture_getsTheVerdictItNames(JwsAlgorithm algorithm) {
        AccessTokens verifier = AccessTokens.builder().signingKeys(SigningKeys.of(TestKeys.of(algorithm)))
                .issuer("https://id.example.com").audience("api.example.com").clock(clock).withoutSessionCheck()
                .build();
        TestTokens tokens = TestTokens.of(TestKeys.of(algorithm), "https://id.example.com", "api.example.com", clock);
        AccessTokenClaims claims = new AccessTokenClaims("alice", "org-1", "sid-1", Set.of("member"), Set.of());

        assertThat(verifier.verify(tokens.valid(claims)).subject()).isEqualTo("alice");
        assertThat(reason(verifier, tokens.expired(claims))).isEqualTo(TokenReason.EXPIRED);
        assertThat(reason(verifier, tokens.wrongAudience(claims))).isEqualTo(TokenReason.WRONG_AUDIENCE);
        assertThat(reason(verifier, tokens.tampered(claims))).isEqualTo(TokenReason.BAD_SIGNATURE);
        assertThat(reason(verifier, tokens.foreignKey(claims))).isEqualTo(TokenReason.BAD_SIGNATURE);
    }

    private static TokenReason reason(AccessTokens verifier, String token) {
        try {
            verifier.verify(token);
            throw new AssertionError("accepted");
        } catch (TokenException e) {
            return e.tokenReason();
        }
    }
}
