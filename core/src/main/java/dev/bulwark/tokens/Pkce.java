package dev.bulwark.tokens;

import dev.bulwark.core.ConstantTime;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.internal.Hashes;
import java.nio.charset.StandardCharsets;

/**
 * PKCE (RFC 7636), S256 only: {@code challenge = BASE64URL(SHA-256(ASCII(verifier)))}. A verifier is 43 to
 * 128 characters of {@code [A-Za-z0-9-._~]}; the {@code plain} method is refused. Thread-safe (stateless).
 */
public final class Pkce {

    /** The only method supported. */
    public static final String METHOD = "S256";

    private Pkce() {
    }

    /** {@return a new verifier: 43 characters of base64url over 256 random bits} */
    public static String newVerifier() {
        return RandomTokens.token();
    }

    /**
     * @param verifier a code verifier
     * @return its S256 challenge
     * @throws TokenException {@code PKCE_INVALID_VERIFIER} when the verifier breaks RFC 7636 section 4.1
     */
    public static String challenge(String verifier) {
        checkVerifier(verifier);
        return Hashes.b64url(Hashes.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Checks a verifier against the challenge stored with the authorization code.
     *
     * @param verifier the presented verifier
     * @param challenge the stored challenge
     * @param method the stored method; must be {@code S256}
     * @throws TokenException {@code PKCE_INVALID_VERIFIER} or {@code PKCE_MISMATCH}
     */
    public static void verify(String verifier, String challenge, String method) {
        if (!METHOD.equals(method)) {
            throw new TokenException(TokenReason.PKCE_INVALID_VERIFIER, "code_challenge_method must be S256");
        }
        String computed = challenge(verifier);
        if (challenge == null || !ConstantTime.equals(computed.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenException(TokenReason.PKCE_MISMATCH, "code_verifier does not match the code_challenge");
        }
    }

    private static void checkVerifier(String v) {
        if (v == null || v.length() < 43 || v.length() > 128) {
            throw new TokenException(TokenReason.PKCE_INVALID_VERIFIER,
                    "code_verifier must be 43 to 128 characters, was " + (v == null ? 0 : v.length()));
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok) {
                throw new TokenException(TokenReason.PKCE_INVALID_VERIFIER,
                        "code_verifier may only use [A-Za-z0-9-._~] (position " + i + ")");
            }
        }
    }
}
