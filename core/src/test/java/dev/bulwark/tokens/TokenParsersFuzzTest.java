package dev.bulwark.tokens;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Untrusted-input parsers never throw anything but {@link TokenException} (regression mode by default). */
class TokenParsersFuzzTest {

    private static final Fixtures F = new Fixtures();
    private static final dev.bulwark.tokens.spi.RefreshTokenStore RT = dev.bulwark.tokens.spi.RefreshTokenStore.inMemory(10);
    private static final RefreshTokens REFRESH = RefreshTokens.builder().store(RT).sessions(F.sessions)
            .accessTokens(F.tokens).clock(F.clock).build();
    private static final ApiKeys KEYS = ApiKeys.builder().store(dev.bulwark.tokens.spi.ApiKeyStore.inMemory(10))
            .clock(F.clock).build();

    @FuzzTest(maxDuration = "10s")
    void verifyAccessToken(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            F.tokens.verify(s);
        } catch (TokenException expected) {
            // rejected with a reason: fine
        }
    }

    @FuzzTest(maxDuration = "10s")
    void verifyCraftedJws(FuzzedDataProvider data) {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(data.consumeString(200).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(data.consumeRemainingAsBytes());
        try {
            F.tokens.verify(header + "." + payload + ".AAAA");
        } catch (TokenException expected) {
            // rejected with a reason: fine
        }
    }

    private static final OneTimeTokens OTT = OneTimeTokens.builder()
            .store(dev.bulwark.tokens.spi.OneTimeTokenStore.inMemory(10)).clock(F.clock).build();
    private static final OAuthState STATE = OAuthState.of(OTT, java.time.Duration.ofMinutes(10));
    private static final Totp TOTP = Totp.builder().clock(F.clock)
            .store(dev.bulwark.tokens.spi.TotpStateStore.inMemory(1000)).maxFailures(100).issuer("fuzz").build();
    private static final OpaqueAccessTokens OPAQUE = OpaqueAccessTokens.builder()
            .store(dev.bulwark.tokens.spi.OpaqueTokenStore.inMemory(10)).clock(F.clock).withoutSessionCheck().build();

    @FuzzTest(maxDuration = "10s")
    void oneTimeStateTotpOpaque(FuzzedDataProvider data) {
        String a = data.consumeString(100);
        String b = data.consumeRemainingAsString();
        for (Runnable r : new Runnable[] {() -> OTT.consume(a, "magic_link"), () -> STATE.complete(a, "browser"),
                () -> TOTP.verify("fuzz-" + (a.hashCode() & 7), dev.bulwark.core.Secret.ofBytes(new byte[20]), b),
                () -> TOTP.useRecoveryCode("fuzz", b), () -> OPAQUE.verify(b)}) {
            try {
                r.run();
            } catch (TokenException expected) {
                // rejected with a reason: fine
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void refreshAndApiKeyAndPkce(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            REFRESH.refresh(s);
        } catch (TokenException expected) {
            // fine
        }
        try {
            KEYS.authenticate(s);
        } catch (TokenException expected) {
            // fine
        }
        try {
            Pkce.challenge(s);
        } catch (TokenException expected) {
            // fine
        }
    }
}
