package dev.bulwark.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.AccessTokenClaims;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.ApiKeys;
import dev.bulwark.tokens.JwsAlgorithm;
import dev.bulwark.tokens.Sessions;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.VerifiedToken;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.SessionStore;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Access-token verification of the same token by Bulwark (full: strict parse, header rules, signature under
 * the configured algorithm, typ, iss, aud, exp/nbf/iat, lifetime cap, required claims <em>and</em> an
 * in-memory session lookup), raw Nimbus ({@code DefaultJWTProcessor} with iss/aud/exp and typ at+jwt),
 * auth0 java-jwt 4.x and jjwt 0.13 (each doing its own verify with issuer and audience), and a raw JCA floor
 * (one HMAC / signature over the same signing input, no parsing). java-jwt has no EdDSA: no javajwt_ EdDSA
 * entry. Also: API-key authentication (format, SHA-256, in-memory lookup, constant-time compare).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokensBenchmark {

    private static final String ISS = "https://id.example.com";
    private static final String AUD = "api.example.com";
    private static final byte[] HMAC_KEY = "bench-hmac-key-of-thirty-two-by!".getBytes(StandardCharsets.US_ASCII);

    private AccessTokens hsTokens;
    private AccessTokens edTokens;
    private AccessTokens esTokens;
    private String hsToken;
    private String edToken;
    private String esToken;

    private DefaultJWTProcessor<SecurityContext> nimbusHs;
    private com.nimbusds.jose.crypto.Ed25519Verifier nimbusEdVerifier;
    private DefaultJWTClaimsVerifier<SecurityContext> nimbusClaims;
    private DefaultJWTProcessor<SecurityContext> nimbusEs;
    private JWTVerifier javajwtHs;
    private JWTVerifier javajwtEs;
    private JwtParser jjwtHs;
    private JwtParser jjwtEd;
    private JwtParser jjwtEs;

    private byte[] hsSigningInput;
    private byte[] hsSignature;
    private byte[] edSigningInput;
    private byte[] edSignature;
    private PublicKey edPublic;
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(() -> {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(HMAC_KEY, "HmacSHA256"));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private ApiKeys apiKeys;
    private String apiKey;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        Sessions sessions = Sessions.builder().store(SessionStore.inMemory(10_000)).clock(clock).build();
        for (int i = 0; i < 1000; i++) {
            sessions.open("other-" + i, "org", null, null, null);
        }
        Sessions.NewSession s = sessions.open("u1", "org-1", "bench", Set.of("admin"), Set.of("projects.read"));
        AccessTokenClaims claims = new AccessTokenClaims("u1", "org-1", s.sessionId(), Set.of("admin"), Set.of("projects.read"));

        SigningKeys hsKeys = SigningKeys.of(SigningKey.hmac("hs", Secret.ofBytes(HMAC_KEY)));
        SigningKeys edKeys = SigningKeys.of(SigningKey.generate("ed", JwsAlgorithm.EdDSA));
        SigningKeys esKeys = SigningKeys.of(SigningKey.generate("es", JwsAlgorithm.ES256));
        hsTokens = tokens(hsKeys, clock, sessions);
        edTokens = tokens(edKeys, clock, sessions);
        esTokens = tokens(esKeys, clock, sessions);
        hsToken = hsTokens.issue(claims).token();
        edToken = edTokens.issue(claims).token();
        esToken = esTokens.issue(claims).token();

        nimbusHs = nimbus(JWSAlgorithm.HS256, new OctetSequenceKey.Builder(HMAC_KEY).keyID("hs").build());
        OctetKeyPair edJwk = (OctetKeyPair) JWKSet.parse(edKeys.jwksJson()).getKeys().get(0);
        nimbusEdVerifier = new com.nimbusds.jose.crypto.Ed25519Verifier(edJwk.toPublicJWK());
        nimbusClaims = new DefaultJWTClaimsVerifier<>(AUD, new JWTClaimsSet.Builder().issuer(ISS).build(),
                Set.of("exp", "iat", "sub", "sid", "jti"));
        ECKey esJwk = (ECKey) JWKSet.parse(esKeys.jwksJson()).getKeys().get(0);
        nimbusEs = nimbus(JWSAlgorithm.ES256, esJwk);

        javajwtHs = JWT.require(com.auth0.jwt.algorithms.Algorithm.HMAC256(HMAC_KEY)).withIssuer(ISS).withAudience(AUD).build();
        javajwtEs = JWT.require(com.auth0.jwt.algorithms.Algorithm.ECDSA256(esJwk.toECPublicKey(), null))
                .withIssuer(ISS).withAudience(AUD).build();

        jjwtHs = Jwts.parser().verifyWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(HMAC_KEY))
                .requireIssuer(ISS).requireAudience(AUD).build();
        edPublic = edPublicKey(edJwk);
        jjwtEd = Jwts.parser().verifyWith(edPublic).requireIssuer(ISS).requireAudience(AUD).build();
        jjwtEs = Jwts.parser().verifyWith(esJwk.toECPublicKey()).requireIssuer(ISS).requireAudience(AUD).build();

        hsSigningInput = hsToken.substring(0, hsToken.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        hsSignature = Base64.getUrlDecoder().decode(hsToken.substring(hsToken.lastIndexOf('.') + 1));
        edSigningInput = edToken.substring(0, edToken.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        edSignature = Base64.getUrlDecoder().decode(edToken.substring(edToken.lastIndexOf('.') + 1));

        ApiKeyStore store = ApiKeyStore.inMemory(20_000);
        apiKeys = ApiKeys.builder().store(store).clock(clock).build();
        for (int i = 0; i < 10_000; i++) {
            apiKeys.create("org-" + (i % 100), null, null, null);
        }
        apiKey = apiKeys.create("org-1", "bench", null, null).rawKey();

        // sanity: every verifier accepts its token
        bulwark_verifyHs256();
        nimbus_verifyHs256();
        javajwt_verifyHs256();
        jjwt_verifyHs256();
        bulwark_verifyEdDSA();
        nimbus_verifyEdDSA();
        jjwt_verifyEdDSA();
        bulwark_verifyEs256();
        nimbus_verifyEs256();
        javajwt_verifyEs256();
        jjwt_verifyEs256();
        if (!jca_verifyHs256() || !jca_verifyEdDSA()) {
            throw new IllegalStateException("JCA floor does not verify");
        }
    }

    private static AccessTokens tokens(SigningKeys keys, Clock clock, Sessions sessions) {
        return AccessTokens.builder().signingKeys(keys).issuer(ISS).audience(AUD).clock(clock).sessions(sessions).build();
    }

    private static DefaultJWTProcessor<SecurityContext> nimbus(JWSAlgorithm alg, JWK jwk) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(new JWKSet(jwk))));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUD, new JWTClaimsSet.Builder().issuer(ISS).build(),
                Set.of("exp", "iat", "sub", "sid", "jti")));
        return p;
    }

    private static PublicKey edPublicKey(OctetKeyPair jwk) throws Exception {
        byte[] x = jwk.getDecodedX();
        byte[] spki = new byte[44];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, spki, 0, 12);
        System.arraycopy(x, 0, spki, 12, 32);
        return java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    }

    @Benchmark
    public VerifiedToken bulwark_verifyHs256() {
        return hsTokens.verify(hsToken);
    }

    /** Full verification, then one read of the claims map (which is built on first access). */
    @Benchmark
    public Object bulwark_verifyHs256ReadClaims() {
        return hsTokens.verify(hsToken).claims().get("iss");
    }

    @Benchmark
    public JWTClaimsSet nimbus_verifyHs256() throws Exception {
        return nimbusHs.process(hsToken, null);
    }

    @Benchmark
    public com.auth0.jwt.interfaces.DecodedJWT javajwt_verifyHs256() {
        return javajwtHs.verify(hsToken);
    }

    @Benchmark
    public Claims jjwt_verifyHs256() {
        return jjwtHs.parseSignedClaims(hsToken).getPayload();
    }

    @Benchmark
    public boolean jca_verifyHs256() {
        return MessageDigest.isEqual(mac.get().doFinal(hsSigningInput), hsSignature);
    }

    @Benchmark
    public VerifiedToken bulwark_verifyEdDSA() {
        return edTokens.verify(edToken);
    }

    /**
     * Nimbus' {@code DefaultJWTProcessor} cannot select OKP keys, so this is Nimbus' own parse, Ed25519Verifier
     * (Tink underneath), typ check and {@code DefaultJWTClaimsVerifier}, composed by hand.
     */
    @Benchmark
    public JWTClaimsSet nimbus_verifyEdDSA() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(edToken);
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())
                || !new JOSEObjectType("at+jwt").equals(jwt.getHeader().getType()) || !jwt.verify(nimbusEdVerifier)) {
            throw new IllegalStateException("rejected");
        }
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        nimbusClaims.verify(c, null);
        return c;
    }

    @Benchmark
    public Claims jjwt_verifyEdDSA() {
        return jjwtEd.parseSignedClaims(edToken).getPayload();
    }

    @Benchmark
    public boolean jca_verifyEdDSA() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(edPublic);
        s.update(edSigningInput);
        return s.verify(edSignature);
    }

    @Benchmark
    public VerifiedToken bulwark_verifyEs256() {
        return esTokens.verify(esToken);
    }

    @Benchmark
    public JWTClaimsSet nimbus_verifyEs256() throws Exception {
        return nimbusEs.process(esToken, null);
    }

    @Benchmark
    public com.auth0.jwt.interfaces.DecodedJWT javajwt_verifyEs256() {
        return javajwtEs.verify(esToken);
    }

    @Benchmark
    public Claims jjwt_verifyEs256() {
        return jjwtEs.parseSignedClaims(esToken).getPayload();
    }

    @Benchmark
    public ApiKeys.ApiKeyPrincipal bulwark_authenticateApiKey() {
        return apiKeys.authenticate(apiKey);
    }

    /** Floor for the API key: one SHA-256 and one hash-map lookup, nothing else. */
    private final Map<String, byte[]> floorMap = new HashMap<>();

    @Benchmark
    public boolean jca_authenticateApiKey() throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.US_ASCII));
        byte[] stored = floorMap.computeIfAbsent(apiKey.substring(8, 24), k -> h);
        return MessageDigest.isEqual(stored, h);
    }

    /** One contender of {@link #main}: a name and a call. */
    private interface Call {
        Object run() throws Exception;
    }

    private static volatile int sink;

    /**
     * A load-tolerant cross-check of the JMH numbers on a shared machine: per-call <em>thread CPU time</em>
     * ({@code ThreadMXBean.getCurrentThreadCpuTime}) of every contender, interleaved in one JVM, median of
     * {@code rounds} rounds after {@code rounds / 2} warm-up rounds. Usage:
     * {@code java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.TokensBenchmark [rounds] [calls]}.
     *
     * @param args optional rounds (default 9), HS256 calls per round (default 20000; asymmetric ones use 1/50) and
     *     a regular expression selecting contenders by name (default: all)
     * @throws Exception when a contender fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        TokensBenchmark b = new TokensBenchmark();
        b.setUp();
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(args.length > 2 ? args[2] : ".*");
        String[] names = {"bulwark_verifyHs256", "bulwark_verifyHs256ReadClaims", "jca_verifyHs256", "javajwt_verifyHs256", "jjwt_verifyHs256",
            "nimbus_verifyHs256", "bulwark_verifyEdDSA", "jca_verifyEdDSA", "jjwt_verifyEdDSA", "nimbus_verifyEdDSA",
            "bulwark_verifyEs256", "javajwt_verifyEs256", "jjwt_verifyEs256", "nimbus_verifyEs256",
            "bulwark_authenticateApiKey", "jca_authenticateApiKey"};
        Call[] fns = {b::bulwark_verifyHs256, b::bulwark_verifyHs256ReadClaims, b::jca_verifyHs256, b::javajwt_verifyHs256, b::jjwt_verifyHs256,
            b::nimbus_verifyHs256, b::bulwark_verifyEdDSA, b::jca_verifyEdDSA, b::jjwt_verifyEdDSA, b::nimbus_verifyEdDSA,
            b::bulwark_verifyEs256, b::javajwt_verifyEs256, b::jjwt_verifyEs256, b::nimbus_verifyEs256,
            b::bulwark_authenticateApiKey, b::jca_authenticateApiKey};
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] ns = new double[fns.length][rounds];
        for (int r = -rounds / 2; r < rounds; r++) {
            for (int i = 0; i < fns.length; i++) {
                if (!only.matcher(names[i]).find()) {
                    continue;
                }
                int n = names[i].contains("Hs256") || names[i].contains("ApiKey") ? calls : Math.max(1, calls / 50);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < n; k++) {
                    sink += System.identityHashCode(fns[i].run());
                }
                long t1 = mx.getCurrentThreadCpuTime();
                if (r >= 0) {
                    ns[i][r] = (t1 - t0) / (double) n;
                }
            }
        }
        Map<String, Double> median = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fns.length; i++) {
            if (!only.matcher(names[i]).find()) {
                continue;
            }
            double[] v = ns[i].clone();
            java.util.Arrays.sort(v);
            median.put(names[i], v[rounds / 2]);
        }
        StringBuilder out = new StringBuilder("thread CPU time per call, median of " + rounds + " rounds\n");
        median.forEach((k, v) -> out.append(String.format(java.util.Locale.ROOT, "%-28s %12.0f ns%n", k, v)));
        for (String alg : new String[] {"Hs256", "EdDSA", "Es256"}) {
            if (!median.containsKey("bulwark_verify" + alg)) {
                continue;
            }
            double ours = median.get("bulwark_verify" + alg);
            for (String peer : new String[] {"jca", "javajwt", "jjwt", "nimbus"}) {
                Double p = median.get(peer + "_verify" + alg);
                if (p != null) {
                    out.append(String.format(java.util.Locale.ROOT, "%s ours/%s = %.2f%n", alg, peer, ours / p));
                }
            }
        }
        Double readClaims = median.get("bulwark_verifyHs256ReadClaims");
        if (readClaims != null && median.containsKey("jca_verifyHs256")) {
            out.append(String.format(java.util.Locale.ROOT, "Hs256 ours reading claims()/jca = %.2f%n",
                    readClaims / median.get("jca_verifyHs256")));
        }
        org.slf4j.LoggerFactory.getLogger(TokensBenchmark.class).info("{}", out);
    }
}
