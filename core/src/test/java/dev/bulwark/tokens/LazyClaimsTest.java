package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The verifier reads only the registered claims in one validating pass and exposes the rest lazily: the
 * claims a {@link VerifiedToken} exposes are still exactly the eager parse, unmodifiable, the same under
 * concurrent first access, and every payload the full parse refuses is refused by {@code verify} itself
 * with the reason it had before.
 */
class LazyClaimsTest {

    private final Fixtures f = new Fixtures();
    private final String sid = f.session("u1").sessionId();

    /** A token over a raw payload: the registered claims that pass, then {@code extra} members. */
    private String tokenWith(String extra) {
        long now = f.clock.instant().getEpochSecond();
        String payload = "{\"iss\":\"" + Fixtures.ISS + "\",\"aud\":\"" + Fixtures.AUD + "\",\"sub\":\"u1\",\"jti\":\"j1\",\"iat\":"
                + now + ",\"exp\":" + (now + 600) + ",\"sid\":\"" + sid + "\"" + extra + "}";
        return Fixtures.craft(f.goodHeader().build(), payload, Fixtures.SECRET);
    }

    private static Map<String, Object> eager(String token) {
        return JsonClaims.parse(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private List<String> tokens() {
        return List.of(
                f.valid("u1"),
                tokenWith(""),
                tokenWith(",\"nested\":{\"a\":{\"b\":[1,2.5,\"s\",null,true,{\"c\":{}}]},\"d\":[]}"),
                tokenWith(",\"u\":\"\u00e9\u4e2d\\ud83d\\ude00\\n\",\"\u00fcber\":[\"\\u00e9\"]"),
                tokenWith(",\"big\":123456789012345678901234567890,\"neg\":-9223372036854775809,\"l\":4294967296,"
                        + "\"d\":1e308,\"inf\":1e400,\"f\":-0.0"),
                tokenWith(",\"roles\":[\"a\",\"b\",\"a\"],\"scope\":\"  x y  x \",\"org\":\"o\",\"nbf\":1,\"scopes\":[\"z\"]"),
                tokenWith(",\"x\":\"" + "y".repeat(4 * 1024) + "\",\"z\":[{\"sub\":\"\\u0041\"}]"));
    }

    @Test
    void claims_equalTheEagerParse_inOrderAndTypes() {
        for (String token : tokens()) {
            VerifiedToken v = f.tokens.verify(token);
            Map<String, Object> reference = eager(token);
            assertThat(v.claims()).isInstanceOf(LazyClaims.class);
            assertThat(v.claims()).isEqualTo(reference);
            assertThat(reference).isEqualTo(v.claims());
            assertThat(v.claims().hashCode()).isEqualTo(reference.hashCode());
            assertThat(v.claims().toString()).isEqualTo(reference.toString());
            assertThat(new ArrayList<>(v.claims().entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
            assertThat(JsonClaims.parseWithDatabind(Base64.getUrlDecoder().decode(token.split("\\.")[1])))
                    .isEqualTo(v.claims());
        }
    }

    @Test
    void registeredClaims_comeFromTheScan() {
        VerifiedToken v = f.tokens.verify(tokens().get(5));
        assertThat(v.roles()).containsExactlyInAnyOrder("a", "b");
        assertThat(v.scopes()).containsExactlyInAnyOrder("x", "y");
        assertThat(v.org()).isEqualTo("o");
        assertThat(v.subject()).isEqualTo("u1");
        assertThat(v.sessionId()).isEqualTo(sid);
        assertThat(v.jwtId()).isEqualTo("j1");
        assertThat(v.claims().get("scopes")).isEqualTo(List.of("z"));
    }

    @Test
    void claims_areNotBuiltUntilRead() {
        VerifiedToken v = f.tokens.verify(tokens().get(2));
        LazyClaims lazy = (LazyClaims) v.claims();
        assertThat(lazy.materialized()).isFalse();
        assertThat(v.subject()).isEqualTo("u1");
        assertThat(v.toString()).doesNotContain(sid);
        assertThat(lazy.materialized()).isFalse();
        assertThat(lazy.get("nested")).isInstanceOf(Map.class);
        assertThat(lazy.materialized()).isTrue();
    }

    @Test
    void claims_areUnmodifiable_beforeAndAfterFirstRead() {
        for (boolean readFirst : new boolean[] {false, true}) {
            Map<String, Object> c = f.tokens.verify(tokens().get(2)).claims();
            if (readFirst) {
                assertThat(c.size()).isEqualTo(8);
            }
            assertThatThrownBy(() -> c.put("sub", "x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.putAll(Map.of("a", 1))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.remove("sub")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(c::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.putIfAbsent("new", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.replaceAll((k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.entrySet().iterator().next().setValue("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.keySet().removeIf(k -> true)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.values().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThat(c.get("sub")).isEqualTo("u1");
            assertThat(c).hasSize(8);
        }
    }

    @Test
    void concurrentFirstAccess_allSeeTheSameClaims() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String token : tokens()) {
                Map<String, Object> reference = eager(token);
                for (int round = 0; round < 20; round++) {
                    Map<String, Object> claims = f.tokens.verify(token).claims();
                    CyclicBarrier start = new CyclicBarrier(threads);
                    List<Future<Map<String, Object>>> seen = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int which = t;
                        Callable<Map<String, Object>> read = () -> {
                            start.await();
                            // Different first accessors race to materialize.
                            switch (which % 4) {
                                case 0: claims.get("sub"); break;
                                case 1: claims.size(); break;
                                case 2: claims.entrySet().iterator(); break;
                                default: claims.hashCode(); break;
                            }
                            return Map.copyOf(claims.entrySet().stream().filter(e -> e.getValue() != null)
                                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
                        };
                        seen.add(pool.submit(read));
                    }
                    for (Future<Map<String, Object>> s : seen) {
                        Map<String, Object> got = s.get();
                        assertThat(got).hasSize((int) reference.values().stream().filter(java.util.Objects::nonNull).count());
                        got.forEach((k, v) -> assertThat(reference).containsEntry(k, v));
                    }
                    assertThat(claims).isEqualTo(reference);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidPayloads_failAtVerify_withTheSameReason() {
        // Each of these failed in the eager parse before; the lazy claims must never be the first to see it.
        List<String> extras = List.of(
                ",\"x\":{\"a\":1,\"a\":2}", ",\"x\":[[{\"a\":1,\"a\":2}]]", ",\"x\":{},\"y\":{\"a\":{},\"a\":[]}",
                ",\"x\":1,\"x\":1", ",\"sub\":\"u1\"", ",\"x\":[" + "[".repeat(40) + "]".repeat(40) + "]",
                // (strings over the 16 K limit cannot reach the payload: tokens are at most 16 K characters)
                ",\"x\":" + "9".repeat(1001), ",\"x\":[\"\\q\"]", ",\"x\":[01]", ",\"x\":{\"a\":1,}");
        for (String extra : extras) {
            String token = tokenWith(extra);
            assertThatThrownBy(() -> eager(token)).isInstanceOf(TokenException.class);
            assertThatThrownBy(() -> f.tokens.verify(token)).as(extra.length() > 80 ? extra.substring(0, 80) : extra)
                    .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason()).isEqualTo(TokenReason.MALFORMED));
        }
        String raw = "{\"sub\":\"u1\"}\u00ff";
        String trailing = Fixtures.craft(f.goodHeader().build(), raw, Fixtures.SECRET);
        assertThatThrownBy(() -> f.tokens.verify(trailing))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason()).isEqualTo(TokenReason.MALFORMED));
    }

    @Test
    void registeredClaimTypeErrors_keepTheirReasons() {
        assertThat(reason(",\"nbf\":\"x\"")).isEqualTo(TokenReason.MALFORMED);
        assertThat(reason(",\"org\":1")).isEqualTo(TokenReason.MISSING_CLAIM);
        assertThat(reason(",\"roles\":[\"a\",1]")).isEqualTo(TokenReason.MISSING_CLAIM);
        assertThat(reason(",\"roles\":\"a\"")).isEqualTo(TokenReason.MISSING_CLAIM);
        assertThat(reason(",\"scope\":[\"a\"]")).isEqualTo(TokenReason.MISSING_CLAIM);
        assertThat(reason(",\"nbf\":" + (f.clock.instant().getEpochSecond() + 3600))).isEqualTo(TokenReason.NOT_YET_VALID);
        assertThat(reason(",\"nbf\":null,\"org\":null,\"roles\":null,\"scope\":null")).isNull();
        assertThat(f.tokens.verify(tokenWith(",\"big\":" + BigInteger.TWO.pow(70))).claims().get("big"))
                .isEqualTo(BigInteger.TWO.pow(70));
    }

    private dev.bulwark.core.ReasonCode reason(String extra) {
        try {
            f.tokens.verify(tokenWith(extra));
            return null;
        } catch (TokenException e) {
            return e.reason();
        }
    }
}
