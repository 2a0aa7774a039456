package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokensTest {

    private final Fixtures f = new Fixtures();

    private TokenReason reasonOf(String token) {
        try {
            f.tokens.verify(token);
        } catch (TokenException e) {
            if (token.length() >= 8) {
                assertThat(e.getMessage()).doesNotContain(token);
            }
            String sig = token.substring(token.lastIndexOf('.') + 1);
            if (sig.length() >= 8) {
                assertThat(e.getMessage()).doesNotContain(sig);
            }
            return e.tokenReason();
        }
        throw new AssertionError("token was accepted");
    }

    @Test
    void issueThenVerify_roundTripsClaims() {
        Sessions.NewSession s = f.session("u1");
        IssuedToken t = f.tokens.issue(new AccessTokenClaims("u1", "org-1", s.sessionId(), Set.of("admin", "member"),
                Set.of("projects.read", "projects.write")));
        VerifiedToken v = f.tokens.verify(t.token());
        assertThat(v.subject()).isEqualTo("u1");
        assertThat(v.org()).isEqualTo("org-1");
        assertThat(v.sessionId()).isEqualTo(s.sessionId());
        assertThat(v.roles()).containsExactlyInAnyOrder("admin", "member");
        assertThat(v.scopes()).containsExactlyInAnyOrder("projects.read", "projects.write");
        assertThat(v.jwtId()).isEqualTo(t.jwtId());
        assertThat(v.kid()).isEqualTo("k1");
        assertThat(v.expiresAt()).isEqualTo(f.clock.instant().plus(AccessTokens.DEFAULT_TTL));
        assertThat(t.expiresInSeconds()).isEqualTo(1800);
        assertThat(v.claims()).containsEntry("iss", Fixtures.ISS).containsKey("jti");
        assertThat(t.toString()).doesNotContain(t.token());
    }

    @Test
    void issuedHeader_hasAlgKidAndAtJwtType() throws Exception {
        JWSObject o = JWSObject.parse(f.valid("u1"));
        assertThat(o.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(o.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(o.getHeader().getType().getType()).isEqualTo("at+jwt");
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void everyAlgorithm_roundTrips_andJwksHasPublicKeysOnly(JwsAlgorithm alg) {
        Fixtures g = new Fixtures(SigningKeys.of(SigningKey.generate("key-" + alg.name(), alg)));
        String token = g.valid("u1");
        assertThat(g.tokens.verify(token).kid()).isEqualTo("key-" + alg.name());
        String jwks = g.keys.jwksJson();
        assertThat(jwks).doesNotContain("\"d\"").doesNotContain("\"k\"").doesNotContain("\"p\"");
        if (alg != JwsAlgorithm.HS256) {
            assertThat(jwks).contains("\"kid\":\"key-" + alg.name() + "\"").contains("\"alg\":\"" + alg.headerName() + "\"");
        } else {
            assertThat(jwks).isEqualTo("{\"keys\":[]}");
        }
    }

    @Test
    void algNone_rejected() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
        String payload = Base64URL.encode(f.goodClaims(f.session("u1").sessionId()).build().toString()).toString();
        assertThat(reasonOf(header + "." + payload + ".")).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf(header + "." + payload + ".AAAA")).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
        String upper = Base64URL.encode("{\"alg\":\"NONE\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}").toString();
        assertThat(reasonOf(upper + "." + payload + ".AAAA")).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
    }

    @Test
    void hs256SignedWithRsaPublicKey_againstRsaKey_rejectedAsAlgConfusion() throws Exception {
        SigningKey rsa = SigningKey.generate("rsa1", JwsAlgorithm.RS256);
        Fixtures g = new Fixtures(SigningKeys.of(rsa));
        String jwks = g.keys.jwksJson();
        com.nimbusds.jose.jwk.RSAKey pub = (com.nimbusds.jose.jwk.RSAKey) com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys().get(0);
        byte[] publicKeyBytes = pub.toPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(publicKeyBytes)
                + "\n-----END PUBLIC KEY-----\n";
        JWTClaimsSet claims = g.goodClaims(g.session("u1").sessionId()).build();
        JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa1").type(new JOSEObjectType("at+jwt")).build();
        for (byte[] secret : List.of(publicKeyBytes, pem.getBytes(StandardCharsets.US_ASCII), jwks.getBytes(StandardCharsets.UTF_8))) {
            String forged = Fixtures.craft(h, claims.toString(), secret);
            assertThatThrownBy(() -> g.tokens.verify(forged)).isInstanceOf(TokenException.class)
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
        }
    }

    @Test
    void rs256TokenAgainstHmacKey_rejected() {
        SigningKey rsa = SigningKey.generate("k1", JwsAlgorithm.RS256);
        Fixtures other = new Fixtures(SigningKeys.of(rsa));
        String rsToken = other.valid("u1");
        assertThat(reasonOf(rsToken)).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
    }

    @Test
    void otherHmacAlgorithms_rejected() throws Exception {
        JWTClaimsSet c = f.goodClaims(f.session("u1").sessionId()).build();
        byte[] longKey = new byte[64];
        for (JWSAlgorithm a : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            JWSObject o = new JWSObject(new JWSHeader.Builder(a).keyID("k1").type(new JOSEObjectType("at+jwt")).build(),
                    new Payload(c.toString()));
            o.sign(new MACSigner(longKey));
            assertThat(reasonOf(o.serialize())).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
        }
    }

    @Test
    void embeddedJwkJkuX5uX5c_rejected() throws Exception {
        String sid = f.session("u1").sessionId();
        JWTClaimsSet c = f.goodClaims(sid).build();
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().jwk(attacker.toPublicJWK()).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().jwkURL(URI.create("https://evil.example/jwks")).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().x509CertURL(URI.create("https://evil.example/c.pem")).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().x509CertChain(List.of(Base64.encode(new byte[] {1, 2, 3}))).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().customParam("exp", 1).criticalParams(Set.of("exp")).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().x509CertSHA256Thumbprint(Base64URL.encode(new byte[32])).build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().customParam("zip", "DEF").build(), c)))
                .isEqualTo(TokenReason.HEADER_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "k1 ", "k/1", "k1%00", "ключ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void kidOutOfCharsetOrTooLong_rejected(String kid) {
        JWTClaimsSet c = f.goodClaims(f.session("u1").sessionId()).build();
        String t = Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(new JOSEObjectType("at+jwt")).build(), c);
        assertThat(reasonOf(t)).isEqualTo(TokenReason.INVALID_KID);
    }

    @Test
    void unknownKid_andMissingKidWithSeveralKeys_rejected() {
        JWTClaimsSet c = f.goodClaims(f.session("u1").sessionId()).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().keyID("k2").build(), c))).isEqualTo(TokenReason.UNKNOWN_KID);
        // one key in the ring: a missing kid resolves to it
        String noKid = Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), c);
        assertThat(f.tokens.verify(noKid).subject()).isEqualTo("u1");
        Fixtures two = new Fixtures(SigningKeys.of(SigningKey.hmac("k1", Secret.ofBytes(Fixtures.SECRET)),
                SigningKey.generate("k0", JwsAlgorithm.HS256)));
        JWTClaimsSet c2 = two.goodClaims(two.session("u1").sessionId()).build();
        String noKid2 = Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), c2);
        assertThatThrownBy(() -> two.tokens.verify(noKid2)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.UNKNOWN_KID);
    }

    @Test
    void wrongType_rejected() {
        JWTClaimsSet c = f.goodClaims(f.session("u1").sessionId()).build();
        for (String typ : List.of("JWT", "rt+jwt", "magic-link+jwt", "at+jwtx", "")) {
            assertThat(reasonOf(Fixtures.craft(f.goodHeader().type(new JOSEObjectType(typ)).build(), c)))
                    .as(typ).isEqualTo(TokenReason.WRONG_TYPE);
        }
        assertThat(reasonOf(Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), c)))
                .isEqualTo(TokenReason.WRONG_TYPE);
        assertThat(f.tokens.verify(Fixtures.craft(f.goodHeader().type(new JOSEObjectType("application/AT+JWT")).build(), c))
                .subject()).isEqualTo("u1");
    }

    @Test
    void badSignature_andTamperedPayload_rejected() {
        String t = f.valid("u1");
        String[] p = t.split("\\.");
        char last = p[2].charAt(0);
        String flipped = p[0] + "." + p[1] + "." + (last == 'A' ? 'B' : 'A') + p[2].substring(1);
        assertThat(reasonOf(flipped)).isEqualTo(TokenReason.BAD_SIGNATURE);
        String payload = Base64URL.encode(new String(Base64URL.from(p[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"u1\"", "\"u2\"")).toString();
        assertThat(reasonOf(p[0] + "." + payload + "." + p[2])).isEqualTo(TokenReason.BAD_SIGNATURE);
        String otherKey = Fixtures.craft(f.goodHeader().build(), f.goodClaims("x").build().toString(),
                "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII));
        assertThat(reasonOf(otherKey)).isEqualTo(TokenReason.BAD_SIGNATURE);
    }

    @Test
    void cachedHeaderOfVerifiedToken_neverSkipsSignatureOrClaimChecks() {
        String good = f.valid("u1");
        assertThat(f.tokens.verify(good).subject()).isEqualTo("u1");
        String header = good.substring(0, good.indexOf('.'));
        String forged = Fixtures.craft(f.goodHeader().build(), f.goodClaims("x").build().toString(),
                "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII));
        String sameHeader = header + forged.substring(forged.indexOf('.'));
        assertThat(reasonOf(sameHeader)).isEqualTo(TokenReason.BAD_SIGNATURE);
        f.clock.advance(Duration.ofHours(1));
        assertThat(reasonOf(good)).isEqualTo(TokenReason.EXPIRED);
        for (int i = 0; i < 100; i++) {
            String other = Fixtures.craft(f.goodHeader().customParam("n", i).build(), "{}", Fixtures.SECRET);
            assertThat(reasonOf(other)).isEqualTo(TokenReason.MISSING_CLAIM);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "eyJ.eyJ.", "!!!.eyJ.abc", "eyJhbGciOiJIUzI1NiJ9.e30.a b",
            "eyJhbGciOiJIUzI1NiJ9.e30.abc=", "e30.e30.abcd", "bm90IGpzb24.e30.abcd", "eyJhbGciOiJIUzI1NiJ9.e30.a"})
    void malformed_rejected(String token) {
        assertThat(reasonOf(token)).isIn(TokenReason.MALFORMED, TokenReason.UNKNOWN_KID, TokenReason.BAD_SIGNATURE);
    }

    @Test
    void malformedShapes_areMalformed() {
        assertThat(reasonOf("a.b")).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf("e30.e30.abcd")).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf("x".repeat(SigningKeys.MAX_TOKEN_LENGTH + 1))).isEqualTo(TokenReason.MALFORMED);
        assertThatThrownBy(() -> f.tokens.verify(null)).isInstanceOf(TokenException.class);
        JWSHeader h = f.goodHeader().build();
        assertThat(reasonOf(Fixtures.craft(h, "not json", Fixtures.SECRET))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf(Fixtures.craft(h, "{\"exp\":\"soon\"}", Fixtures.SECRET))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf(Fixtures.craft(h, "[1,2]", Fixtures.SECRET))).isEqualTo(TokenReason.MALFORMED);
        String dupSub = f.goodClaims(f.session("u1").sessionId()).build().toString().replaceFirst("\\{", "{\"sub\":\"admin\",");
        assertThat(dupSub).contains("\"sub\":\"admin\"").contains("\"sub\":\"u1\"");
        assertThat(reasonOf(Fixtures.craft(h, dupSub, Fixtures.SECRET))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf(Fixtures.craft(h, f.goodClaims("s").build().toString().replace("\"aud\":\"" + Fixtures.AUD + "\"", "\"aud\":[1,2]"), Fixtures.SECRET)))
                .isEqualTo(TokenReason.MALFORMED);
        assertThat(reasonOf(Fixtures.craft(h, f.goodClaims("s").claim("iat", 1e300).build().toString(), Fixtures.SECRET)))
                .isEqualTo(TokenReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "iat", "iss", "aud", "sub", "sid", "jti"})
    void missingRequiredClaim_rejected(String claim) {
        JWTClaimsSet full = f.goodClaims(f.session("u1").sessionId()).build();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(full);
        b.claim(claim, null);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), b.build()))).isEqualTo(TokenReason.MISSING_CLAIM);
    }

    @Test
    void sidOfWrongJsonType_rejected() {
        JWTClaimsSet c = f.goodClaims("x").claim("sid", 42).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), c))).isEqualTo(TokenReason.MISSING_CLAIM);
    }

    @Test
    void wrongIssuerOrAudience_rejected() {
        String sid = f.session("u1").sessionId();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), f.goodClaims(sid).issuer("https://evil").build())))
                .isEqualTo(TokenReason.WRONG_ISSUER);
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), f.goodClaims(sid).audience("other").build())))
                .isEqualTo(TokenReason.WRONG_AUDIENCE);
        assertThat(f.tokens.verify(Fixtures.craft(f.goodHeader().build(),
                f.goodClaims(sid).audience(List.of("other", Fixtures.AUD)).build())).subject()).isEqualTo("u1");
    }

    @Test
    void expired_respectsSkew() {
        String t = f.valid("u1");
        f.clock.advance(Duration.ofMinutes(30).plusSeconds(29));
        assertThat(f.tokens.verify(t).subject()).isEqualTo("u1");
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(reasonOf(t)).isEqualTo(TokenReason.EXPIRED);
    }

    @Test
    void notYetValid_andIssuedInFuture_rejected() {
        String sid = f.session("u1").sessionId();
        Instant now = f.clock.instant();
        JWTClaimsSet nbf = f.goodClaims(sid).notBeforeTime(Date.from(now.plusSeconds(31))).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), nbf))).isEqualTo(TokenReason.NOT_YET_VALID);
        JWTClaimsSet nbfInSkew = f.goodClaims(sid).notBeforeTime(Date.from(now.plusSeconds(30))).build();
        assertThat(f.tokens.verify(Fixtures.craft(f.goodHeader().build(), nbfInSkew)).subject()).isEqualTo("u1");
        JWTClaimsSet future = f.goodClaims(sid).issueTime(Date.from(now.plusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(600))).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), future))).isEqualTo(TokenReason.ISSUED_IN_FUTURE);
    }

    @Test
    void lifetimeAboveCap_rejected() {
        String sid = f.session("u1").sessionId();
        Instant now = f.clock.instant();
        JWTClaimsSet longLived = f.goodClaims(sid).expirationTime(Date.from(now.plus(Duration.ofMinutes(30)).plusSeconds(1))).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), longLived))).isEqualTo(TokenReason.LIFETIME_EXCEEDED);
        JWTClaimsSet inverted = f.goodClaims(sid).issueTime(Date.from(now)).expirationTime(Date.from(now)).build();
        assertThat(reasonOf(Fixtures.craft(f.goodHeader().build(), inverted))).isIn(TokenReason.LIFETIME_EXCEEDED, TokenReason.EXPIRED);
    }

    @Test
    void revokedSession_rejectedImmediately() {
        Sessions.NewSession s = f.session("u1");
        String t = f.tokens.issue(new AccessTokenClaims("u1", "org-1", s.sessionId(), Set.of(), Set.of())).token();
        assertThat(f.tokens.verify(t).subject()).isEqualTo("u1");
        assertThat(f.sessions.revoke("u1", s.session().handle())).isTrue();
        assertThat(reasonOf(t)).isEqualTo(TokenReason.SESSION_REVOKED);
    }

    @Test
    void tokenForAnotherUsersSession_rejected() {
        Sessions.NewSession s = f.session("u2");
        String t = Fixtures.craft(f.goodHeader().build(), f.goodClaims(s.sessionId()).build());
        assertThat(reasonOf(t)).isEqualTo(TokenReason.SESSION_MISMATCH);
        String unknown = Fixtures.craft(f.goodHeader().build(), f.goodClaims("no-such-session").build());
        assertThat(reasonOf(unknown)).isEqualTo(TokenReason.SESSION_UNKNOWN);
    }

    @Test
    void verifyFailure_auditedWithReason_neverTheToken() {
        String t = f.valid("u1");
        f.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> f.tokens.verify(t)).isInstanceOf(TokenException.class);
        AuditEvent e = f.audit.events().stream().filter(x -> x.action().equals("token_verify")).findFirst().orElseThrow();
        assertThat(e.reason()).isEqualTo("EXPIRED");
        assertThat(e.toString()).doesNotContain(t).doesNotContain(t.substring(t.lastIndexOf('.') + 1));
    }

    @Test
    void failingAuditSink_doesNotChangeDecision() {
        AccessTokens withBadSink = AccessTokens.builder().signingKeys(f.keys).issuer(Fixtures.ISS).audience(Fixtures.AUD)
                .clock(f.clock).sessions(f.sessions).auditSink(e -> {
                    throw new IllegalStateException("sink down");
                }).build();
        String t = f.valid("u1");
        assertThat(withBadSink.verify(t).subject()).isEqualTo("u1");
        assertThatThrownBy(() -> withBadSink.verify(t + "x")).isInstanceOf(TokenException.class);
    }

    @Test
    void rotation_oldKeyStillVerifies_newKeySigns() {
        SigningKey k2 = SigningKey.generate("k2", JwsAlgorithm.ES256);
        String before = f.valid("u1");
        SigningKeys rotated = f.keys.rotateTo(k2);
        AccessTokens after = AccessTokens.builder().signingKeys(rotated).issuer(Fixtures.ISS).audience(Fixtures.AUD)
                .clock(f.clock).sessions(f.sessions).build();
        assertThat(after.verify(before).kid()).isEqualTo("k1");
        Sessions.NewSession s = f.session("u1");
        String fresh = after.issue(new AccessTokenClaims("u1", null, s.sessionId(), null, null)).token();
        assertThat(after.verify(fresh).kid()).isEqualTo("k2");
        AccessTokens dropped = AccessTokens.builder().signingKeys(rotated.without("k1")).issuer(Fixtures.ISS)
                .audience(Fixtures.AUD).clock(f.clock).sessions(f.sessions).build();
        assertThatThrownBy(() -> dropped.verify(before)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.UNKNOWN_KID);
        assertThat(rotated.jwksJson()).contains("\"kid\":\"k2\"");
    }

    @Test
    void build_refusesBadConfiguration() {
        AccessTokens.Builder ok = AccessTokens.builder().signingKeys(f.keys).issuer("i").audience("a").clock(f.clock)
                .withoutSessionCheck();
        assertThat(ok.build()).isNotNull();
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).issuer("i").audience("a").clock(f.clock).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withoutSessionCheck");
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).audience("a").clock(f.clock).withoutSessionCheck().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).issuer("i").clock(f.clock).withoutSessionCheck().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).issuer("i").audience("a").clock(f.clock)
                .withoutSessionCheck().clockSkew(Duration.ofSeconds(61)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("skew");
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).issuer("i").audience("a").clock(f.clock)
                .withoutSessionCheck().ttl(Duration.ofHours(25)).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AccessTokens.builder().signingKeys(f.keys).issuer("i").audience("a").clock(f.clock)
                .withoutSessionCheck().maxTtl(Duration.ofMinutes(5)).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AccessTokens.builder().issuer("i").audience("a").clock(f.clock).withoutSessionCheck().build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void issue_refusesLifetimeAboveCap() {
        Sessions.NewSession s = f.session("u1");
        AccessTokenClaims c = new AccessTokenClaims("u1", null, s.sessionId(), null, null);
        assertThatThrownBy(() -> f.tokens.issue(c, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.tokens.issue(c, AccessTokens.SHORT_TTL).expiresInSeconds()).isEqualTo(300);
    }

    @Test
    void withoutSessionCheck_acceptsTokenOfRevokedSession() {
        AccessTokens rs = AccessTokens.builder().signingKeys(f.keys).issuer(Fixtures.ISS).audience(Fixtures.AUD)
                .clock(f.clock).withoutSessionCheck().build();
        Sessions.NewSession s = f.session("u1");
        String t = f.tokens.issue(new AccessTokenClaims("u1", null, s.sessionId(), null, null)).token();
        f.sessions.revokeBySessionId(s.sessionId());
        assertThat(rs.verify(t).subject()).isEqualTo("u1");
    }
}
