package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.tokens.internal.Hs256Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The HS256 verification path (JDK {@code Mac} per thread, constant-time tag comparison): odd signature
 * lengths and encodings, characters outside ISO-8859-1, agreement with Nimbus' {@code MACVerifier}, the
 * verified-header cache, and concurrent use.
 */
class Hs256VerifyPathTest {

    private final Fixtures f = new Fixtures();

    private static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static byte[] signatureOf(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    }

    private dev.bulwark.core.ReasonCode reason(String token) {
        try {
            f.tokens.verify(token);
        } catch (TokenException e) {
            return e.reason();
        }
        throw new AssertionError("token accepted");
    }

    @Test
    void truncatedOrExtendedTag_isBadSignature() {
        String token = f.valid("u1");
        byte[] tag = signatureOf(token);
        assertThat(tag).hasSize(32);
        assertThat(reason(withSignature(token, Arrays.copyOf(tag, 31)))).isEqualTo(TokenReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(token, Arrays.copyOf(tag, 16)))).isEqualTo(TokenReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(token, Arrays.copyOf(tag, 1)))).isEqualTo(TokenReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(token, Arrays.copyOf(tag, 33)))).isEqualTo(TokenReason.BAD_SIGNATURE);
        byte[] doubled = Arrays.copyOf(tag, 64);
        System.arraycopy(tag, 0, doubled, 32, 32);
        assertThat(reason(withSignature(token, doubled))).isEqualTo(TokenReason.BAD_SIGNATURE);
        assertThat(f.tokens.verify(token).subject()).isEqualTo("u1");
    }

    @Test
    void emptySignature_isMalformed() {
        String token = f.valid("u1");
        assertThat(reason(token.substring(0, token.lastIndexOf('.') + 1))).isEqualTo(TokenReason.MALFORMED);
    }

    @Test
    void nonCanonicalOrPaddedOrForeignAlphabetSignature_isMalformed() {
        String token = f.valid("u1");
        String sig = token.substring(token.lastIndexOf('.') + 1);
        assertThat(sig).hasSize(43);
        // 43 characters carry 2 unused low bits in the last one: setting one decodes to the same bytes.
        char last = sig.charAt(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) | 1);
        assertThat(sibling).isNotEqualTo(last);
        String head = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(reason(head + sig.substring(0, 42) + sibling)).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(token + "=")).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(head + Base64.getEncoder().encodeToString(signatureOf(token)))).isIn(TokenReason.MALFORMED);
        assertThat(reason(token + "A")).isEqualTo(TokenReason.BAD_SIGNATURE);
    }

    @Test
    void charactersOutsideLatin1_areMalformedNotMisaligned() {
        String token = f.valid("u1");
        int d1 = token.indexOf('.');
        int d2 = token.lastIndexOf('.');
        String emoji = new String(Character.toChars(0x1F600));
        assertThat(reason(token.substring(0, d1 + 1) + emoji + token.substring(d1 + 1))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(token.substring(0, d2 + 1) + emoji + token.substring(d2 + 1))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(emoji + token)).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(token + emoji)).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(token.substring(0, d2 + 1) + "\u00e9" + token.substring(d2 + 2))).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(token.substring(0, d1) + "\u0100" + token.substring(d1 + 1))).isEqualTo(TokenReason.MALFORMED);
    }

    @Test
    void tagOfAnotherKeyOrAnotherInput_isBadSignature() {
        String token = f.valid("u1");
        String other = Fixtures.craft(f.goodHeader().build(), f.goodClaims("x").build().toString(),
                "another-32-byte-secret-for-tests".getBytes(StandardCharsets.US_ASCII));
        assertThat(reason(withSignature(token, signatureOf(other)))).isEqualTo(TokenReason.BAD_SIGNATURE);
        String second = f.valid("u1");
        assertThat(reason(withSignature(token, signatureOf(second)))).isEqualTo(TokenReason.BAD_SIGNATURE);
    }

    @Test
    void cachedHeader_stillRunsEveryCheck() {
        String token = f.valid("u1");
        f.tokens.verify(token);
        byte[] tag = signatureOf(token);
        tag[0] ^= 1;
        assertThat(reason(withSignature(token, tag))).isEqualTo(TokenReason.BAD_SIGNATURE);
        // The same header encoding signed with another key is still refused after the header was cached.
        String s = f.session("u1").sessionId();
        String foreign = Fixtures.craft(f.goodHeader().build(), f.goodClaims(s).build().toString(),
                "another-32-byte-secret-for-tests".getBytes(StandardCharsets.US_ASCII));
        assertThat(foreign.substring(0, foreign.indexOf('.'))).isEqualTo(token.substring(0, token.indexOf('.')));
        assertThat(reason(foreign)).isEqualTo(TokenReason.BAD_SIGNATURE);
        // Another header (no typ) whose signature is valid: not the cached one, its own rules apply.
        String noTyp = Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), f.goodClaims(s).build());
        assertThat(reason(noTyp)).isEqualTo(TokenReason.WRONG_TYPE);
        // Alternating two verified headers switches the fast path back and forth.
        String other = Fixtures.craft(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1")
                .type(new JOSEObjectType("application/at+jwt")).build(), f.goodClaims(s).build());
        for (int i = 0; i < 3; i++) {
            assertThat(f.tokens.verify(other).subject()).isEqualTo("u1");
            assertThat(f.tokens.verify(token).subject()).isEqualTo("u1");
            assertThat(reason(noTyp)).isEqualTo(TokenReason.WRONG_TYPE);
        }
    }

    @Test
    void headerOfAnUnverifiedToken_neverSkipsTheHeaderRules() {
        String s = f.session("u1").sessionId();
        JWSHeader hs512 = new JWSHeader.Builder(JWSAlgorithm.HS512).keyID("k1").type(new JOSEObjectType("at+jwt")).build();
        byte[] longKey = new byte[64];
        System.arraycopy(Fixtures.SECRET, 0, longKey, 0, 32);
        System.arraycopy(Fixtures.SECRET, 0, longKey, 32, 32);
        String bad = Fixtures.craft(hs512, f.goodClaims(s).build().toString(), longKey);
        for (int i = 0; i < 3; i++) {
            assertThat(reason(bad)).isEqualTo(TokenReason.ALG_NOT_ALLOWED);
        }
        String unknownKid = Fixtures.craft(f.goodHeader().keyID("k2").build(), f.goodClaims(s).build());
        assertThat(reason(unknownKid)).isEqualTo(TokenReason.UNKNOWN_KID);
    }

    @Property(tries = 300)
    void agreesWithNimbusMacVerifier(@ForAll @Size(max = 300) byte[] input, @ForAll @Size(max = 40) byte[] garbage,
            @ForAll @IntRange(min = 0, max = 3) int mode) throws Exception {
        byte[] key = Fixtures.SECRET;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        byte[] good = mac.doFinal(input);
        byte[] sig;
        switch (mode) {
            case 0:
                sig = good;
                break;
            case 1:
                sig = garbage;
                break;
            case 2:
                sig = good.clone();
                sig[garbage.length % 32] ^= (byte) (1 + (garbage.length > 0 ? garbage[0] & 0x7f : 0));
                break;
            default:
                sig = Arrays.copyOf(good, garbage.length);
        }
        byte[] padded = Arrays.copyOf(input, input.length + garbage.length);
        System.arraycopy(garbage, 0, padded, input.length, garbage.length);
        boolean ours = new Hs256Verifier(key).verify(padded, input.length, sig);
        boolean nimbus = new MACVerifier(key).verify(new JWSHeader(JWSAlgorithm.HS256), input, Base64URL.encode(sig));
        assertThat(ours).isEqualTo(nimbus).isEqualTo(Arrays.equals(sig, good));
    }

    @Test
    void nullOrEmptyTag_neverVerifies() {
        Hs256Verifier v = new Hs256Verifier(Fixtures.SECRET);
        assertThat(v.verify(new byte[0], 0, null)).isFalse();
        assertThat(v.verify(new byte[0], 0, new byte[0])).isFalse();
        assertThat(v.toString()).doesNotContain(new String(Fixtures.SECRET, StandardCharsets.US_ASCII));
    }

    @Test
    void concurrentVerification_acceptsEveryValidAndRejectsEveryTamperedToken() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<List<String>> tokens = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String sid = f.session("user-" + t).sessionId();
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(f.tokens.issue(new AccessTokenClaims("user-" + t, "org-1", sid, java.util.Set.of("admin"),
                        java.util.Set.of("projects.read"))).token());
            }
            tokens.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> mine = tokens.get(t);
                String user = "user-" + t;
                results.add(pool.submit((Callable<int[]>) () -> {
                    start.await();
                    int ok = 0;
                    int rejected = 0;
                    for (String token : mine) {
                        if (f.tokens.verify(token).subject().equals(user)) {
                            ok++;
                        }
                        byte[] tag = signatureOf(token);
                        tag[31] ^= 0x40;
                        try {
                            f.tokens.verify(withSignature(token, tag));
                        } catch (TokenException e) {
                            if (e.reason() == TokenReason.BAD_SIGNATURE) {
                                rejected++;
                            }
                        }
                    }
                    return new int[] {ok, rejected};
                }));
            }
            start.countDown();
            for (Future<int[]> r : results) {
                assertThat(r.get(2, TimeUnit.MINUTES)).containsExactly(perThread, perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectedTokens_leaveNoSecretInTheMessage() {
        String token = f.valid("u1");
        byte[] tag = signatureOf(token);
        tag[5] ^= 2;
        assertThatThrownBy(() -> f.tokens.verify(withSignature(token, tag)))
                .isInstanceOf(TokenException.class)
                .hasMessageNotContaining(token.substring(token.lastIndexOf('.') + 1))
                .hasMessageNotContaining(new String(Fixtures.SECRET, StandardCharsets.US_ASCII));
    }
}
