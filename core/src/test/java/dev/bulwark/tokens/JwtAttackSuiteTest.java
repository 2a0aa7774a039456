package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven JWT attack suite (issue 11, item 2): each row is a hostile token, the CVE or OWASP ASVS 5.0
 * requirement it exercises, and the reasons {@link AccessTokens#verify(String)} may reject it with. Tokens are
 * assembled byte by byte (header and payload JSON as written, HMAC computed here) so that no library
 * normalises the attack away. Attacks already covered one by one in {@code AccessTokensTest} (RS256 public key
 * used as HS256 secret, embedded jwk/jku/x5u/x5c, wrong typ/iss/aud, missing claims) are not repeated.
 */
class JwtAttackSuiteTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String TYP = ",\"typ\":\"at+jwt\"";

    /** One attack: builds the token from a live fixture. */
    record Attack(String id, String covers, Function<Fixtures, String> token, Set<TokenReason> rejectedAs) {
        @Override
        public String toString() {
            return id + " [" + covers + "]";
        }
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Fixtures.SECRET, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Claims that would pass for a fresh session, with {@code extra} spliced in before the closing brace. */
    private static String claims(Fixtures f, String extra) {
        long now = f.clock.instant().getEpochSecond();
        return "{\"iss\":\"" + Fixtures.ISS + "\",\"aud\":\"" + Fixtures.AUD + "\",\"sub\":\"u1\",\"jti\":\"j1\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"sid\":\"" + f.session("u1").sessionId() + "\""
                + extra + "}";
    }

    /** A correctly HMAC-signed token with the given raw header and payload JSON. */
    private static String signed(String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + hs256(input);
    }

    private static final Set<TokenReason> ALG = EnumSet.of(TokenReason.ALG_NOT_ALLOWED, TokenReason.MALFORMED);

    static Stream<Attack> attacks() {
        List<Attack> rows = new java.util.ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE", "none ", " none")) {
            for (String sig : List.of("", "AAAA")) {
                rows.add(new Attack("alg '" + none + "', signature '" + sig + "'",
                        "CVE-2015-9235 / ASVS 5.0 V9.1.2",
                        f -> b64("{\"alg\":\"" + none + "\",\"kid\":\"k1\"" + TYP + "}") + "." + b64(claims(f, ""))
                                + "." + sig, ALG));
            }
        }
        rows.add(new Attack("alg HS256 lowercased 'hs256'", "ASVS 5.0 V9.1.2",
                f -> signed("{\"alg\":\"hs256\",\"kid\":\"k1\"" + TYP + "}", claims(f, "")), ALG));
        rows.add(new Attack("alg missing", "ASVS 5.0 V9.1.2",
                f -> signed("{\"kid\":\"k1\"" + TYP + "}", claims(f, "")), ALG));
        rows.add(new Attack("alg of JSON type array", "ASVS 5.0 V9.1.2",
                f -> signed("{\"alg\":[\"HS256\"],\"kid\":\"k1\"" + TYP + "}", claims(f, "")), ALG));
        rows.add(new Attack("duplicate alg in header (none, then HS256)", "CVE-2015-9235 / RFC 7515 §5.2",
                f -> signed("{\"alg\":\"none\",\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + "}", claims(f, "")),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.ALG_NOT_ALLOWED, TokenReason.HEADER_NOT_ALLOWED)));
        for (String kid : List.of("' OR '1'='1", "k1' --", "1; DROP TABLE keys", "k1\" OR \"\"=\"", "../k1",
                "..\\..\\k1", "/etc/passwd", "file:///dev/null", "k1\u0000", "http://evil.example/k1", "")) {
            rows.add(new Attack("kid " + kid.replace("\u0000", "\\0"), "ASVS 5.0 V9.1.3 (key from trusted source)",
                    f -> signed("{\"alg\":\"HS256\",\"kid\":\"" + kid.replace("\\", "\\\\").replace("\"", "\\\"")
                            .replace("\u0000", "\\u0000") + "\"" + TYP + "}", claims(f, "")),
                    EnumSet.of(TokenReason.INVALID_KID, TokenReason.UNKNOWN_KID, TokenReason.MALFORMED)));
        }
        rows.add(new Attack("crit header naming an unknown extension", "RFC 7515 §4.1.11 / ASVS 5.0 V9.1.1",
                f -> signed("{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + ",\"crit\":[\"exp\"],\"exp\":1}", claims(f, "")),
                EnumSet.of(TokenReason.HEADER_NOT_ALLOWED, TokenReason.MALFORMED)));
        rows.add(new Attack("huge header (64 KiB)", "ASVS 5.0 V2.2.1 (input size) / CVE-2023-52428 (DoS)",
                f -> signed("{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + ",\"x\":\"" + "a".repeat(64 * 1024) + "\"}",
                        claims(f, "")), EnumSet.of(TokenReason.MALFORMED, TokenReason.HEADER_NOT_ALLOWED)));
        rows.add(new Attack("deeply nested header", "ASVS 5.0 V2.2.1 (input size)",
                f -> signed("{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + ",\"x\":" + "[".repeat(5000) + "]".repeat(5000)
                        + "}", claims(f, "")), EnumSet.of(TokenReason.MALFORMED, TokenReason.HEADER_NOT_ALLOWED)));
        String good = "{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + "}";
        rows.add(new Attack("exp 100 years ahead (beyond max TTL)", "ASVS 5.0 V9.2.1 (validity, lifetime cap)",
                f -> signed(good, claims(f, "").replaceFirst("\"exp\":\\d+", "\"exp\":"
                        + (f.clock.instant().getEpochSecond() + 100L * 365 * 86400))),
                EnumSet.of(TokenReason.LIFETIME_EXCEEDED)));
        rows.add(new Attack("exp as 1e300 (numeric overflow)", "ASVS 5.0 V9.2.1",
                f -> signed(good, claims(f, "").replaceFirst("\"exp\":\\d+", "\"exp\":1e300")),
                EnumSet.of(TokenReason.LIFETIME_EXCEEDED, TokenReason.MALFORMED, TokenReason.MISSING_CLAIM)));
        rows.add(new Attack("exp as a string", "ASVS 5.0 V9.2.1",
                f -> signed(good, claims(f, "").replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\"")),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.MISSING_CLAIM)));
        rows.add(new Attack("nbf one hour in the future", "ASVS 5.0 V9.2.1",
                f -> signed(good, claims(f, ",\"nbf\":" + (f.clock.instant().getEpochSecond() + 3600))),
                EnumSet.of(TokenReason.NOT_YET_VALID)));
        rows.add(new Attack("duplicate sub claim (u1, then admin)", "RFC 7519 §4 / ASVS 5.0 V9.1.1",
                f -> signed(good, claims(f, ",\"sub\":\"admin\"")), EnumSet.of(TokenReason.MALFORMED)));
        rows.add(new Attack("duplicate exp claim (later one far ahead)", "RFC 7519 §4 / ASVS 5.0 V9.2.1",
                f -> signed(good, claims(f, ",\"exp\":" + (f.clock.instant().getEpochSecond() + 86400 * 365))),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.LIFETIME_EXCEEDED)));
        rows.add(new Attack("padding '=' on the signature", "RFC 7515 §2 (base64url without padding)",
                f -> signed(good, claims(f, "")) + "=", EnumSet.of(TokenReason.MALFORMED, TokenReason.BAD_SIGNATURE)));
        rows.add(new Attack("standard base64 alphabet in the signature", "RFC 7515 §2",
                f -> toStandardAlphabetOrFlip(signed(good, claims(f, ""))),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.BAD_SIGNATURE)));
        rows.add(new Attack("non-canonical last character of the signature (unused bits set)", "RFC 4648 §3.5",
                f -> flipUnusedBits(signed(good, claims(f, ""))),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.BAD_SIGNATURE)));
        rows.add(new Attack("whitespace inside the compact serialization", "RFC 7515 §7.1",
                f -> signed(good, claims(f, "")).replaceFirst("\\.", " ."),
                EnumSet.of(TokenReason.MALFORMED, TokenReason.BAD_SIGNATURE)));
        rows.add(new Attack("JWE-shaped token (five parts)", "ASVS 5.0 V9.1.1",
                f -> signed(good, claims(f, "")) + ".AAAA.AAAA", EnumSet.of(TokenReason.MALFORMED)));
        return rows.stream();
    }

    private static String toStandardAlphabetOrFlip(String token) {
        int dot = token.lastIndexOf('.');
        String sig = token.substring(dot + 1);
        String std = sig.replace('-', '+').replace('_', '/');
        if (std.equals(sig)) {
            // no '-' or '_' to translate: put a '+' in, which base64url does not know
            std = "+" + sig.substring(1);
        }
        return token.substring(0, dot + 1) + std;
    }

    /** HS256 gives 32 bytes = 43 base64url characters; the last one carries 2 unused bits. */
    private static String flipUnusedBits(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        int v = alphabet.indexOf(last);
        return token.substring(0, token.length() - 1) + alphabet.charAt(v ^ 1);
    }

    /** Control: the hand-assembled token without an attack verifies, so every rejection below is the attack's. */
    @org.junit.jupiter.api.Test
    void controlToken_verifies() {
        Fixtures f = new Fixtures();
        String token = signed("{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + "}", claims(f, ""));
        assertThat(f.tokens.verify(token).subject()).isEqualTo("u1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackIsRejected(Attack attack) {
        Fixtures f = new Fixtures();
        String token = attack.token().apply(f);
        TokenException e = catchThrowableOfType(() -> f.tokens.verify(token), TokenException.class);
        assertThat(e).as("%s was accepted", attack).isNotNull();
        assertThat(e.reason()).as(attack.toString()).isIn(attack.rejectedAs());
        assertThat(e.getMessage()).doesNotContain(token);
    }

    static Stream<Arguments> ecdsaZeroSignatures() {
        // P-256 order n
        String n = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
        return Stream.of(
                Arguments.of("r = s = 0 (P1363)", new byte[64]),
                Arguments.of("r = s = n (P1363)", java.util.HexFormat.of().parseHex(n + n)),
                Arguments.of("r = s = 0 (DER)", new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}),
                Arguments.of("empty signature", new byte[0]),
                Arguments.of("r = 0, s = 1 (P1363)", java.util.HexFormat.of().parseHex("00".repeat(63) + "00"
                        + "00".repeat(31) + "01")));
    }

    /** CVE-2022-21449 ("psychic signatures"): an all-zero ECDSA signature must never verify. */
    @ParameterizedTest(name = "ES256 {0} [CVE-2022-21449 / ASVS 5.0 V9.1.1]")
    @MethodSource("ecdsaZeroSignatures")
    void es256PsychicSignature_rejected(String name, byte[] signature) {
        SigningKey ec = SigningKey.generate("ec1", JwsAlgorithm.ES256);
        Fixtures f = new Fixtures(SigningKeys.of(ec));
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"ec1\"" + TYP + "}");
        String token = header + "." + b64(claims(f, "")) + "." + B64.encodeToString(signature);
        TokenException e = catchThrowableOfType(() -> f.tokens.verify(token), TokenException.class);
        assertThat(e).as("ES256 %s accepted", name).isNotNull();
        assertThat(e.reason()).isIn(TokenReason.BAD_SIGNATURE, TokenReason.MALFORMED);
        TokenException raw = catchThrowableOfType(() -> f.keys.verify(token), TokenException.class);
        assertThat(raw).as("SigningKeys.verify accepted ES256 %s", name).isNotNull();
    }

    /**
     * Session fixation (ASVS 5.0 V7.2.4: a new session token on authentication): a validly signed token naming a
     * session id the attacker chose is refused, and every login gets a fresh server-generated id.
     */
    @org.junit.jupiter.api.Test
    void sessionFixation_attackerChosenSid_rejected_andEachLoginGetsFreshId() {
        Fixtures f = new Fixtures();
        String fixated = signed("{\"alg\":\"HS256\",\"kid\":\"k1\"" + TYP + "}",
                claims(f, "").replaceFirst("\"sid\":\"[^\"]*\"", "\"sid\":\"attacker-chosen-session-id\""));
        TokenException e = catchThrowableOfType(() -> f.tokens.verify(fixated), TokenException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isIn(TokenReason.SESSION_UNKNOWN, TokenReason.SESSION_MISMATCH);
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(ids.add(f.session("u1").sessionId())).isTrue();
        }
    }
}
