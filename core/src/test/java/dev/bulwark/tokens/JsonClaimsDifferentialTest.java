package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming claims parser against the databind reference it replaced: same acceptance, same reason,
 * and equal content with the same value types, for generated, mutated and hand-picked payloads; and the
 * claims a {@link VerifiedToken} exposes are what the reference parse of its payload gives.
 */
class JsonClaimsDifferentialTest {

    /**
     * Either all three refuse with MALFORMED (the databind reference, the streaming parse, and the validating
     * scan the verifier uses), or all accept: the parse with deeply equal values of the same classes, the scan
     * with every registered claim equal to (and of the same classes as) the reference map's member.
     */
    static void sameOutcome(byte[] json) {
        Map<String, Object> reference;
        try {
            reference = JsonClaims.parseWithDatabind(json);
        } catch (TokenException e) {
            assertThat(e.reason()).isEqualTo(TokenReason.MALFORMED);
            assertThatThrownBy(() -> JsonClaims.parse(json)).as(new String(json, StandardCharsets.ISO_8859_1))
                    .isInstanceOfSatisfying(TokenException.class, t -> assertThat(t.reason()).isEqualTo(TokenReason.MALFORMED));
            assertThatThrownBy(() -> JsonClaims.scan(json)).as("scan of " + new String(json, StandardCharsets.ISO_8859_1))
                    .isInstanceOfSatisfying(TokenException.class, t -> assertThat(t.reason()).isEqualTo(TokenReason.MALFORMED));
            assertThatThrownBy(() -> JsonClaims.scanWithParser(json)).as("parser scan of " + new String(json, StandardCharsets.ISO_8859_1))
                    .isInstanceOfSatisfying(TokenException.class, t -> assertThat(t.reason()).isEqualTo(TokenReason.MALFORMED));
            assertThat(JsonClaims.SimpleScan.scan(json)).as("fast scan of " + new String(json, StandardCharsets.ISO_8859_1)).isNull();
            assertThatThrownBy(() -> JsonClaims.scan(json, "a", "u1")).isInstanceOf(TokenException.class);
            return;
        }
        Map<String, Object> streamed = JsonClaims.parse(json);
        assertThat(streamed).as(new String(json, StandardCharsets.ISO_8859_1)).isEqualTo(reference);
        assertSameTypes(streamed, reference);
        assertThat(new ArrayList<>(streamed.keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
        sameRegistered(JsonClaims.scan(json), reference, json);
        sameRegistered(JsonClaims.scanWithParser(json), reference, json);
        // Reusing known strings (the verifier passes its issuer and audience) changes no value.
        sameRegistered(JsonClaims.scan(json, "a", "u1"), reference, json);
        sameRegistered(JsonClaims.scan(json, "", "api.example.com"), reference, json);
        JsonClaims.Registered fast = JsonClaims.SimpleScan.scan(json);
        if (fast != null) {
            sameRegistered(fast, reference, json);
        }
    }

    private static void sameRegistered(JsonClaims.Registered scanned, Map<String, Object> reference, byte[] json) {
        for (int i = 0; i < JsonClaims.Registered.NAMES.length; i++) {
            String name = JsonClaims.Registered.NAMES[i];
            assertThat(scanned.get(i)).as(name + " of " + new String(json, StandardCharsets.ISO_8859_1))
                    .isEqualTo(reference.get(name));
            assertSameTypes(scanned.get(i), reference.get(name));
        }
    }

    /** Flat objects of the shape the fast path reads, with whitespace, and values just outside it. */
    @Provide
    Arbitrary<String> flatObjects() {
        List<String> names = new ArrayList<>(List.of(JsonClaims.Registered.NAMES));
        names.addAll(List.of("x", "scopes", "ex", "expp", "role", "Exp", "\\u0073ub", "s\\/b", "rol\u00e9s"));
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("0", "-0", "1", "-1", "00", "-", "-a", "1a", "2147483647", "2147483648", "-2147483648",
                        "-2147483649", "999999999999999999", "-999999999999999999", "1000000000000000000", "1.0", "1e2",
                        "true", "false", "null", "nul", "truee", "t", "\"\"", "\"a b\"", "\"\\u0041\"", "\"\u007f\"",
                        "\"\u00e9\"", "\"tab\there\"", "{}", "[[]]", "[]"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ascii().ofMaxLength(8).map(x -> "\"" + x.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> value = Arbitraries.oneOf(scalar,
                scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"));
        Arbitrary<String> ws = Arbitraries.of("", "", "", " ", "\n", "\t", "\r\n  ", "\f", "\u00a0");
        return Arbitraries.of(names).list().ofMaxSize(12).flatMap(keys -> Arbitraries.oneOf(value).list().ofSize(keys.size())
                .flatMap(vals -> ws.list().ofSize(4 * keys.size() + 2).map(w -> {
                    StringBuilder sb = new StringBuilder("{").append(w.get(0));
                    for (int i = 0; i < keys.size(); i++) {
                        sb.append(i == 0 ? "" : ",").append(w.get(4 * i + 1)).append('"').append(keys.get(i)).append('"')
                                .append(w.get(4 * i + 2)).append(':').append(w.get(4 * i + 3)).append(vals.get(i))
                                .append(w.get(4 * i + 4));
                    }
                    return sb.append('}').append(w.get(w.size() - 1)).toString();
                })));
    }

    @Property(tries = 3000)
    void flatPayloads_sameOutcome(@ForAll("flatObjects") String json, @ForAll @IntRange(min = 0, max = 1000) int at,
            @ForAll @IntRange(min = 0, max = 11) int what) {
        sameOutcome(json.getBytes(StandardCharsets.UTF_8));
        int i = at % (json.length() + 1);
        String[] edits = {"{", "}", ",", "\"", "[", "]", ":", "-", "0", " ", "\u0000", ",\"sub\":\"s\""};
        sameOutcome((json.substring(0, i) + edits[what] + json.substring(i)).getBytes(StandardCharsets.UTF_8));
        if (i < json.length()) {
            sameOutcome((json.substring(0, i) + json.substring(i + 1)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void issuedTokens_takeTheFastPath() {
        Fixtures f = new Fixtures();
        String token = f.valid("u1");
        byte[] payload = java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        JsonClaims.Registered fast = JsonClaims.SimpleScan.scan(payload);
        assertThat(fast).isNotNull();
        sameOutcome(payload);
        assertThat(fast.get(JsonClaims.Registered.SUB)).isEqualTo("u1");
        assertThat(fast.get(JsonClaims.Registered.ROLES)).isEqualTo(List.of("admin"));
        assertThat(fast.get(JsonClaims.Registered.EXP)).isInstanceOf(Integer.class);
    }

    private static void assertSameTypes(Object a, Object b) {
        if (a == null || b == null) {
            assertThat(a).isEqualTo(b);
            return;
        }
        if (a instanceof Map) {
            assertThat(b).isInstanceOf(Map.class);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
                assertSameTypes(e.getValue(), ((Map<?, ?>) b).get(e.getKey()));
            }
            return;
        }
        if (a instanceof List) {
            assertThat(b).isInstanceOf(List.class);
            for (int i = 0; i < ((List<?>) a).size(); i++) {
                assertSameTypes(((List<?>) a).get(i), ((List<?>) b).get(i));
            }
            return;
        }
        assertThat(a.getClass()).isEqualTo(b.getClass());
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.recursive(this::leaf, v -> Arbitraries.oneOf(
                v.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Arbitraries.of("sub", "exp", "aud", "a", "b", "\"q\\u0061\"").list().ofMaxSize(4)
                        .flatMap(keys -> v.list().ofSize(keys.size()).map(vals -> {
                            StringBuilder sb = new StringBuilder("{");
                            for (int i = 0; i < keys.size(); i++) {
                                String k = keys.get(i).startsWith("\"") ? keys.get(i) : "\"" + keys.get(i) + "\"";
                                sb.append(i == 0 ? "" : ",").append(k).append(':').append(vals.get(i));
                            }
                            return sb.append('}').toString();
                        }))), 4);
    }

    private Arbitrary<String> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
                        "9223372036854775808", "123456789012345678901234567890", "1.5", "-0.0", "1e3", "1E+400",
                        "1e-400", "1795447963.9", "17954479639e-1", "0.1", "01", "1.", ".5", "NaN", "Infinity",
                        "true", "false", "null", "tru", "nul"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("\"\"", "\"a\"", "\"\\u00e9\\n\\t\\\"\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\u00e9\u4e2d\"",
                        "\"\\x\"", "\"tab\there\"", "\"at+jwt\""),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    }

    /** Top-level objects whose members are mostly the registered claims, with values of any type. */
    @Provide
    Arbitrary<String> claimObjects() {
        List<String> names = new ArrayList<>(List.of(JsonClaims.Registered.NAMES));
        names.addAll(List.of("scopes", "x", "ext", "Sub", "\\u0073ub"));
        return Arbitraries.of(names).list().ofMaxSize(14).flatMap(keys -> values().list().ofSize(keys.size()).map(vals -> {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":").append(vals.get(i));
            }
            return sb.append('}').toString();
        }));
    }

    @Property(tries = 1500)
    void registeredClaims_sameOutcome(@ForAll("claimObjects") String json, @ForAll @IntRange(min = 0, max = 1000) int at,
            @ForAll @IntRange(min = 0, max = 5) int what) {
        sameOutcome(json.getBytes(StandardCharsets.UTF_8));
        int i = at % (json.length() + 1);
        String[] edits = {"{", "}", ",", "\"", "[", ",\"sub\":\"s\""};
        sameOutcome((json.substring(0, i) + edits[what] + json.substring(i)).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void generatedPayloads_sameOutcome(@ForAll("values") String value) {
        sameOutcome(value.getBytes(StandardCharsets.UTF_8));
        sameOutcome(("{\"x\":" + value + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void mutatedPayloads_sameOutcome(@ForAll("values") String value, @ForAll @IntRange(min = 0, max = 1000) int at,
            @ForAll @IntRange(min = 0, max = 15) int what) {
        String json = "{\"sub\":\"u1\",\"v\":" + value + ",\"exp\":1}";
        int i = at % (json.length() + 1);
        String[] edits = {"", "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\u0000", "1", "\"sub\":1,", "\u00ff", "e", "-"};
        sameOutcome((json.substring(0, i) + edits[what] + json.substring(i)).getBytes(StandardCharsets.UTF_8));
        if (i < json.length()) {
            sameOutcome((json.substring(0, i) + json.substring(i + 1)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 500)
    void arbitraryBytes_sameOutcome(@ForAll byte[] bytes) {
        sameOutcome(bytes);
        byte[] wrapped = new byte[bytes.length + 8];
        System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, wrapped, 0, 6);
        System.arraycopy(bytes, 0, wrapped, 6, bytes.length);
        wrapped[wrapped.length - 2] = '"';
        wrapped[wrapped.length - 1] = '}';
        sameOutcome(wrapped);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "null", "[]", "\"s\"", "1", "{}", " {} ", "{}{}", "{} x", "{},", "{\"a\":1}}", "{\"a\":1",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"c\":3,\"a\":4}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[{\"b\":1,\"b\":1}]}",
        "{\"a\":null,\"a\":null}", "{\"a\":1,\"\\u0061\":2}", "{\"a\":{\"b\":1},\"c\":{\"b\":1}}", "{a:1}", "{'a':1}",
        "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1e999}", "{\"a\":-1e999}", "{\"a\":123456789012345678901234567890}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\u0001\"}", "{\"exp\":1795447963.5,\"iat\":1.7954e9}", "/*c*/{}", "{\"a\":1}//",
        "{\"a\":true,\"b\":false,\"c\":null,\"d\":[],\"e\":{}}",
        "{\"x\":{\"y\":1,\"y\":2}}", "{\"x\":[[{\"y\":1,\"y\":2}]]}", "{\"a\":{},\"x\":{\"y\":1,\"y\":2}}",
        "{\"a\":[],\"x\":{\"y\":{},\"y\":[]}}", "{\"a\":{\"b\":1},\"b\":{\"b\":1},\"c\":1,\"c\":1}",
        "{\"x\":{\"b\":1},\"a\":1,\"a\":2}", "{\"sub\":\"a\",\"x\":{},\"sub\":\"b\"}", "{\"aud\":[{\"y\":1,\"y\":2}]}",
        "{\"exp\":{\"y\":1,\"y\":2}}", "{\"exp\":{\"y\":1},\"x\":{\"y\":1}}", "{\"x\":{\"a\":{\"b\":1},\"c\":{\"b\":1}}}",
        "{\"x\":\"\\x\"}", "{\"x\":[\"\\x\"]}", "{\"x\":[1,2", "{\"x\":{\"a\":1}", "{\"x\":[01]}", "{\"x\":[1.]}",
        "{\"sub\":\"a\",\"Sub\":\"b\",\"s\\u0075b\":\"c\"}", "{\"roles\":[\"a\",1],\"scope\":\"a b\",\"aud\":[\"x\"]}",
        "{\"x\":[\"\u00e9\u4e2d\\ud83d\\ude00\"],\"y\":{\"z\":-1e400}}"
    })
    void handPicked_sameOutcome(String json) {
        sameOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void duplicatesAtAnyDepth_areMalformed() {
        for (String json : List.of("{\"sub\":\"a\",\"sub\":\"b\"}", "{\"x\":{\"y\":1,\"y\":1}}", "{\"x\":[[{\"y\":1,\"y\":2}]]}",
                "{\"exp\":1,\"iat\":2,\"exp\":1}")) {
            assertThatThrownBy(() -> JsonClaims.parse(json.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason()).isEqualTo(TokenReason.MALFORMED));
        }
    }

    /**
     * The scan skips members the verifier does not read; duplicates inside them are still refused, also in
     * parser contexts reused from an earlier member (found by {@link #registeredClaims_sameOutcome}: turning
     * Jackson's detection on mid-document did not reach contexts the parser had already created).
     */
    @Test
    void scan_refusesDuplicatesInsideSkippedValues() {
        for (String json : List.of("{\"x\":{\"y\":1,\"y\":2}}", "{\"x\":[{\"y\":[],\"y\":{}}]}",
                "{\"sub\":[],\"aud\":{\"a\":[],\"sub\":{}},\"a\":[[{\"aud\":0,\"sub\":0,\"q\":0,\"q\":0}]]}",
                "{\"exp\":[],\"iat\":[[]],\"x\":{\"s\":{\"q\":[],\"a\":[],\"b\":{\"q\":[],\"q\":[]}}}}",
                "{\"x\":{},\"y\":{\"a\":1,\"b\":2,\"c\":3,\"\\u0061\":4}}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JsonClaims.scan(bytes)).as(json)
                    .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason()).isEqualTo(TokenReason.MALFORMED));
            sameOutcome(bytes);
        }
        assertThat(JsonClaims.scan("{\"x\":{\"y\":{\"a\":1}},\"z\":{\"y\":{\"a\":1}},\"sub\":\"s\"}"
                .getBytes(StandardCharsets.UTF_8)).get(JsonClaims.Registered.SUB)).isEqualTo("s");
    }

    @Test
    void nestingLimit_isTheSame() {
        for (int depth = 28; depth <= 36; depth++) {
            sameOutcome(("{\"sub\":\"u\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
            sameOutcome(("{\"aud\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
            sameOutcome(("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
            sameOutcome(("{\"a\":" + "{\"b\":".repeat(depth) + "1" + "}".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void otherEncodingsAndInvalidUtf8_areTheSame() {
        String json = "{\"sub\":\"u\u00e9\",\"n\":[1,2.5,true]}";
        sameOutcome(json.getBytes(StandardCharsets.UTF_16BE));
        sameOutcome(json.getBytes(StandardCharsets.UTF_16LE));
        sameOutcome(json.getBytes(StandardCharsets.UTF_16));
        sameOutcome(json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        byte[] bom = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        sameOutcome(bom);
        sameOutcome(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
        sameOutcome(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        sameOutcome(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        sameOutcome(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'});
        sameOutcome(("{\"a\":\"" + "x".repeat(16 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        sameOutcome(("{\"a\":\"" + "x".repeat(16 * 1024 + 1) + "\"}").getBytes(StandardCharsets.UTF_8));
        sameOutcome(("{\"a\":" + "9".repeat(1000) + "}").getBytes(StandardCharsets.UTF_8));
        sameOutcome(("{\"a\":" + "9".repeat(1001) + "}").getBytes(StandardCharsets.UTF_8));
        // The same limits and checks inside values the verifier's scan skips.
        for (String wrap : List.of("{\"x\":[%s]}", "{\"x\":{\"y\":%s}}", "{\"sub\":\"u\",\"x\":%s}")) {
            sameOutcome(String.format(wrap, "\"" + "x".repeat(16 * 1024) + "\"").getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "\"" + "x".repeat(16 * 1024 + 1) + "\"").getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "\"" + "\u00e9".repeat(8 * 1024 + 1) + "\"").getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "\"" + "\\u0041".repeat(16 * 1024 + 1) + "\"").getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "9".repeat(1000)).getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "9".repeat(1001)).getBytes(StandardCharsets.UTF_8));
            sameOutcome(String.format(wrap, "1." + "9".repeat(1001)).getBytes(StandardCharsets.UTF_8));
            for (byte[] bad : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {1}, new byte[] {(byte) 0x80})) {
                String[] parts = String.format(wrap, "\"#\"").split("#");
                byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
                byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
                byte[] all = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(bad, 0, all, head.length, bad.length);
                System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
                sameOutcome(all);
            }
        }
    }

    @Test
    void numberTypes_matchTheReference() {
        Map<String, Object> m = JsonClaims.parse(
                "{\"i\":1,\"l\":4294967296,\"b\":18446744073709551616,\"d\":1.25}".getBytes(StandardCharsets.UTF_8));
        assertThat(m.get("i")).isEqualTo(1);
        assertThat(m.get("l")).isEqualTo(4294967296L);
        assertThat(m.get("b")).isEqualTo(new BigInteger("18446744073709551616"));
        assertThat(m.get("d")).isEqualTo(1.25d);
    }

    @Test
    void verifiedTokenClaims_equalTheReferenceParse_andAreUnmodifiable() {
        Fixtures f = new Fixtures();
        String sid = f.session("u1").sessionId();
        List<String> tokens = new ArrayList<>();
        tokens.add(f.valid("u1"));
        tokens.add(Fixtures.craft(f.goodHeader().build(), f.goodClaims(sid).claim("roles", List.of("a", "b", "a"))
                .claim("scope", "  x y  x ").claim("org", "o").claim("nested", Map.of("k", List.of(1, 2.5, "s")))
                .claim("big", new BigInteger("123456789012345678901234567890")).notBeforeTime(java.util.Date.from(f.clock.instant()))
                .build()));
        tokens.add(Fixtures.craft(f.goodHeader().build(), f.goodClaims(sid).audience(List.of("other", Fixtures.AUD))
                .claim("empty", List.of()).claim("n", null).build()));
        for (String token : tokens) {
            VerifiedToken v = f.tokens.verify(token);
            Map<String, Object> reference = JsonClaims.parseWithDatabind(
                    java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(v.claims()).isEqualTo(reference);
            assertThat(new ArrayList<>(v.claims().keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
            assertSameTypes(v.claims(), reference);
            assertThat(v.claims().hashCode()).isEqualTo(reference.hashCode());
            assertThatThrownBy(() -> v.claims().put("sub", "x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> v.claims().remove("sub")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> v.claims().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> v.claims().entrySet().iterator().next().setValue("x"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> v.claims().keySet().removeIf(k -> true)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> v.claims().values().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThat(v.claims().get("sub")).isEqualTo("u1");
        }
        VerifiedToken second = f.tokens.verify(tokens.get(1));
        assertThat(second.roles()).containsExactlyInAnyOrder("a", "b");
        assertThat(second.scopes()).containsExactlyInAnyOrder("x", "y");
        assertThat(second.org()).isEqualTo("o");
        assertThat(second).isEqualTo(f.tokens.verify(tokens.get(1)));
    }

    @Test
    void verifiedTokenBuiltByCallers_stillCopiesTheirMap() {
        Map<String, Object> mine = new java.util.HashMap<>(Map.of("sub", "u"));
        VerifiedToken v = new VerifiedToken("u", null, "s", Set.of(), Set.of(), "j", java.time.Instant.EPOCH,
                java.time.Instant.EPOCH, "k", mine);
        mine.put("sub", "changed");
        assertThat(v.claims()).containsEntry("sub", "u");
        assertThatThrownBy(() -> v.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
