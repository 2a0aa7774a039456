package dev.bulwark.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/** A wired set of token components on a test clock, plus helpers to craft hostile tokens. */
final class Fixtures {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String ISS = "https://id.example.com";
    static final String AUD = "api.example.com";

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final SessionStore sessionStore = SessionStore.inMemory(1000);
    final Sessions sessions = Sessions.builder().store(sessionStore).clock(clock).auditSink(audit).build();
    final SigningKeys keys;
    final AccessTokens tokens;

    Fixtures() {
        this(SigningKeys.of(SigningKey.hmac("k1", Secret.ofBytes(SECRET))));
    }

    Fixtures(SigningKeys keys) {
        this.keys = keys;
        this.tokens = AccessTokens.builder().signingKeys(keys).issuer(ISS).audience(AUD).clock(clock)
                .sessions(sessions).auditSink(audit).build();
    }

    Sessions.NewSession session(String user) {
        return sessions.open(user, "org-1", "test device", Set.of("admin"), Set.of("projects.read"));
    }

    /** A token for a fresh session of {@code user}. */
    String valid(String user) {
        Sessions.NewSession s = session(user);
        return tokens.issue(new AccessTokenClaims(user, "org-1", s.sessionId(), Set.of("admin"), Set.of("projects.read")))
                .token();
    }

    /** Claims that would pass, for a live session. */
    JWTClaimsSet.Builder goodClaims(String sid) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).subject("u1").jwtID("j1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("sid", sid);
    }

    JWSHeader.Builder goodHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").type(new JOSEObjectType("at+jwt"));
    }

    /** Signs arbitrary header and claims with the test HMAC secret, bypassing every Bulwark rule. */
    static String craft(JWSHeader header, JWTClaimsSet claims) {
        return craft(header, claims.toString(), SECRET);
    }

    static String craft(JWSHeader header, String payload, byte[] hmacKey) {
        try {
            JWSObject o = new JWSObject(header, new Payload(payload));
            o.sign(new MACSigner(hmacKey));
            return o.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
