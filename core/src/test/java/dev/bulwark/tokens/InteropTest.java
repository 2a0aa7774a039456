package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.bulwark.core.Secret;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with two independent JWT libraries: tokens they mint verify here, tokens minted here
 * verify there, for every algorithm each supports (java-jwt has no EdDSA; jjwt covers it).
 */
class InteropTest {

    private final byte[] hmac = Fixtures.SECRET;

    private static KeyPair keyPair(JwsAlgorithm alg) throws Exception {
        switch (alg) {
            case RS256:
            case PS256: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            case ES256: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            default:
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
    }

    private Fixtures fixturesFor(JwsAlgorithm alg, KeyPair kp) {
        SigningKey key = alg == JwsAlgorithm.HS256 ? SigningKey.hmac("interop", Secret.ofBytes(hmac))
                : SigningKey.of("interop", alg, kp);
        return new Fixtures(SigningKeys.of(key));
    }

    private static Algorithm javaJwt(JwsAlgorithm alg, KeyPair kp, byte[] hmac) {
        switch (alg) {
            case HS256:
                return Algorithm.HMAC256(hmac);
            case RS256:
                return Algorithm.RSA256((RSAPublicKey) kp.getPublic(), (RSAPrivateKey) kp.getPrivate());
            case ES256:
                return Algorithm.ECDSA256((ECPublicKey) kp.getPublic(), (ECPrivateKey) kp.getPrivate());
            default:
                return null; // java-jwt 4 has neither PS256 nor EdDSA
        }
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"HS256", "RS256", "ES256"})
    void javaJwt_mintsAndVerifies(JwsAlgorithm alg) throws Exception {
        KeyPair kp = alg == JwsAlgorithm.HS256 ? null : keyPair(alg);
        Fixtures g = fixturesFor(alg, kp);
        Algorithm a = javaJwt(alg, kp, hmac);
        Sessions.NewSession s = g.session("u1");
        Instant now = g.clock.instant();
        String theirs = JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId("interop").withIssuer(Fixtures.ISS)
                .withAudience(Fixtures.AUD).withSubject("u1").withJWTId("j-1").withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(now.plusSeconds(600))).withClaim("sid", s.sessionId()).withClaim("org", "org-1")
                .sign(a);
        VerifiedToken v = g.tokens.verify(theirs);
        assertThat(v.subject()).isEqualTo("u1");
        assertThat(v.org()).isEqualTo("org-1");

        String ours = g.valid("u2");
        DecodedJWT d = ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(a).withIssuer(Fixtures.ISS)
                .withAudience(Fixtures.AUD)).build(g.clock).verify(ours);
        assertThat(d.getSubject()).isEqualTo("u2");
        assertThat(d.getType()).isEqualTo("at+jwt");
        assertThat(d.getClaim("sid").asString()).isNotBlank();

        // the same library without typ at+jwt is refused here
        String plainJwt = JWT.create().withKeyId("interop").withIssuer(Fixtures.ISS).withAudience(Fixtures.AUD)
                .withSubject("u1").withJWTId("j").withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(60)))
                .withClaim("sid", s.sessionId()).sign(a);
        assertThatThrownBy(() -> g.tokens.verify(plainJwt)).extracting(e -> ((TokenException) e).reason())
                .isEqualTo(TokenReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"HS256", "RS256", "PS256", "ES256", "EdDSA"})
    void jjwt_mintsAndVerifies(JwsAlgorithm alg) throws Exception {
        KeyPair kp = alg == JwsAlgorithm.HS256 ? null : keyPair(alg);
        Fixtures g = fixturesFor(alg, kp);
        Sessions.NewSession s = g.session("u1");
        Instant now = g.clock.instant();
        io.jsonwebtoken.JwtBuilder b = Jwts.builder().header().keyId("interop").type("at+jwt").and()
                .issuer(Fixtures.ISS).audience().add(Fixtures.AUD).and().subject("u1").id("j-1")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(600))).claim("sid", s.sessionId());
        switch (alg) {
            case HS256:
                b.signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(hmac), Jwts.SIG.HS256);
                break;
            case RS256:
                b.signWith(kp.getPrivate(), Jwts.SIG.RS256);
                break;
            case PS256:
                b.signWith(kp.getPrivate(), Jwts.SIG.PS256);
                break;
            case ES256:
                b.signWith(kp.getPrivate(), Jwts.SIG.ES256);
                break;
            default:
                b.signWith(kp.getPrivate(), Jwts.SIG.EdDSA);
        }
        assertThat(g.tokens.verify(b.compact()).subject()).isEqualTo("u1");

        String ours = g.valid("u2");
        io.jsonwebtoken.JwtParserBuilder p = Jwts.parser().requireIssuer(Fixtures.ISS).requireAudience(Fixtures.AUD)
                .clock(() -> Date.from(g.clock.instant()));
        if (alg == JwsAlgorithm.HS256) {
            p.verifyWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(hmac));
        } else {
            p.verifyWith(kp.getPublic());
        }
        Claims c = p.build().parseSignedClaims(ours).getPayload();
        assertThat(c.getSubject()).isEqualTo("u2");
        assertThat(c.get("sid", String.class)).isNotBlank();
    }
}
