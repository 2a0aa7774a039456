package dev.bulwark.tokens;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes what comes after the signature check: the header and payload are fuzzed, then correctly signed with
 * the test HMAC key, so the claims parser and every claim rule see hostile JSON (a target whose signature
 * never verifies stops at {@code BAD_SIGNATURE}). Anything but a {@link TokenException} is a finding, and so
 * is a token accepted without the claims an access token must have.
 */
class SignedClaimsFuzzTest {

    private static final Fixtures F = new Fixtures();
    private static final String SID = F.session("u1").sessionId();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String[] HEADERS = {"{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}",
        "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"", "{\"kid\":\"k1\",\"alg\":\"HS256\",\"typ\":\"", ""};
    private static final String[] PAYLOAD_PREFIXES = {"",
        "{\"iss\":\"https://id.example.com\",\"aud\":\"api.example.com\",\"sub\":\"u1\",\"jti\":\"j\",\"sid\":\"" + SID
            + "\",\"iat\":1767225600,\"exp\":1767226200",
        "{\"iss\":\"https://id.example.com\",\"aud\":[\"api.example.com\"],\"sub\":\"u1\",\"sid\":\"" + SID + "\","};

    @FuzzTest(maxDuration = "10s")
    void signedHostileClaims(FuzzedDataProvider data) throws Exception {
        String header = data.pickValue(HEADERS);
        if (header.isEmpty()) {
            header = data.consumeString(120);
        }
        String payload = data.pickValue(PAYLOAD_PREFIXES) + data.consumeRemainingAsString();
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Fixtures.SECRET, "HmacSHA256"));
        String token = input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        try {
            VerifiedToken v = F.tokens.verify(token);
            if (v.subject() == null || v.subject().isEmpty() || !SID.equals(v.sessionId()) || v.jwtId() == null
                    || v.expiresAt() == null || !v.expiresAt().isAfter(v.issuedAt())) {
                throw new IllegalStateException("accepted without the required claims");
            }
            v.claims().forEach((k, val) -> k.hashCode()); // the claims map must be readable once accepted
        } catch (TokenException expected) {
            // rejected with a reason: fine
        }
    }
}
