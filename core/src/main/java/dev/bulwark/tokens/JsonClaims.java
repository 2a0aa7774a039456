package dev.bulwark.tokens;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict JSON for claims: one object, no duplicate member names (a duplicated {@code sub} or {@code exp} is
 * rejected, not "last one wins"), bounded nesting, no trailing tokens. Thread-safe.
 *
 * <p>{@link #parse} is one streaming pass with Jackson's parser (nesting depth 32, strings up to 16 K
 * characters; duplicate members refused at every depth) that materializes exactly what Jackson databind's untyped {@code Map} reading
 * gives ({@link #parseWithDatabind}, kept as the reference): objects as {@link LinkedHashMap}, arrays as
 * {@link ArrayList}, integers as the smallest of {@code Integer}/{@code Long}/{@code BigInteger}, other numbers
 * as {@code Double}, booleans, strings and {@code null}.
 *
 * <p>{@link #scan} is the verifier's pass: it accepts and refuses exactly what {@link #parse} does but keeps
 * only the registered claims {@link AccessTokens} reads; {@link LazyClaims} runs {@link #parse} on first access
 * to the full map.
 */
final class JsonClaims {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_STRING = 16 * 1024;
    private static final String MALFORMED = "payload is not a single JSON object without duplicate members";

    private static final ObjectReader READER;
    /**
     * Jackson's own duplicate detection is off here: {@link #readObject} materializes every object, at any
     * depth, into a map and refuses a member name already in it, which is the same rule without a second set.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING).build())
            .build();

    static {
        ObjectMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING).build());
        READER = m.readerFor(Map.class);
    }

    private JsonClaims() {
    }

    /**
     * Parses a claims payload in one streaming pass.
     *
     * @param json the payload bytes (UTF-8, or a JSON encoding Jackson detects)
     * @return the members, unmodifiable (nested values as parsed)
     * @throws TokenException {@code MALFORMED} when it is not one JSON object without duplicate members
     */
    static ClaimsMap parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> m = readObject(p);
                if (p.nextToken() == null) {
                    return new ClaimsMap(m);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        throw new TokenException(TokenReason.MALFORMED, MALFORMED);
    }

    /**
     * The one pass {@link AccessTokens} makes over a payload: accepts and refuses exactly what {@link #parse}
     * does (same factory and limits, duplicate members refused at every depth, no trailing tokens) but keeps
     * only the registered claims the verifier reads ({@link Registered}), as the values {@link #parse} would
     * give them; every other member is skipped without being materialized.
     *
     * <p>Top-level duplicates are detected here (a bit per registered name, a set for the others, created only
     * when there are others); inside a skipped value every object gets Jackson's own
     * {@code STRICT_DUPLICATE_DETECTION} ({@link #skipValue}), and registered values are read by
     * {@link #readValue}, which refuses duplicates itself. Skipped strings are decoded into Jackson's buffer
     * (not into a {@code String}) so that invalid UTF-8 and the string length limit are refused as
     * {@link #parse} refuses them.
     *
     * <p>Payloads of the simple shape access tokens have (one flat object of printable-ASCII strings without
     * escapes, integers of up to 18 digits, literals and flat arrays of those, no duplicates) are read by a
     * byte-level reader ({@link SimpleScan}) that accepts only that subset of what the parser accepts and
     * gives the same values; anything else, including anything it would refuse, goes to the parser.
     *
     * @param json the payload bytes
     * @return the registered claims
     * @throws TokenException {@code MALFORMED} when {@link #parse} would throw it
     */
    static Registered scan(byte[] json) {
        return scan(json, null, null);
    }

    /**
     * {@link #scan} that gives string values equal to {@code known1} or {@code known2} (the configured issuer
     * and audience) as those instances instead of new equal strings.
     *
     * @param json the payload bytes
     * @param known1 a string to reuse, or {@code null}
     * @param known2 a string to reuse, or {@code null}
     * @return the registered claims
     * @throws TokenException {@code MALFORMED} when {@link #parse} would throw it
     */
    static Registered scan(byte[] json, String known1, String known2) {
        Registered simple = SimpleScan.scan(json, known1, known2);
        return simple != null ? simple : scanWithParser(json);
    }

    /** {@link #scan} with Jackson's parser for every payload (the fast path's fallback and reference). */
    static Registered scanWithParser(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                Registered r = new Registered();
                int seen = 0;
                Set<String> others = null;
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int slot = Registered.slot(name);
                    JsonToken v = p.nextToken();
                    if (slot >= 0) {
                        if ((seen & (1 << slot)) != 0) {
                            throw new IOException("duplicate member");
                        }
                        seen |= 1 << slot;
                        r.values[slot] = readValue(p, v);
                    } else {
                        if (others == null) {
                            others = new HashSet<>();
                        }
                        if (!others.add(name)) {
                            throw new IOException("duplicate member");
                        }
                        skipValue(p, v);
                    }
                }
                if (t == JsonToken.END_OBJECT && p.nextToken() == null) {
                    return r;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        throw new TokenException(TokenReason.MALFORMED, MALFORMED);
    }

    /**
     * Skips one value the parser is on, refusing what {@link #readValue} refuses. Not {@code skipChildren()}:
     * Jackson checks neither the string length limit nor (for a skipped string) its UTF-8 unless the text is
     * decoded, and duplicate detection switched on in the middle of a document reaches only contexts created
     * after it (the parser reuses child contexts), so every object context is given a detector here.
     */
    private static void skipValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        switch (t) {
            case VALUE_STRING:
                checkString(p);
                return;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_NULL:
                return;
            case START_OBJECT:
            case START_ARRAY: {
                if (t == JsonToken.START_OBJECT) {
                    detectDuplicates(p);
                }
                int depth = 1;
                while (depth > 0) {
                    JsonToken e = p.nextToken();
                    if (e == null) {
                        throw new IOException("unexpected end of input");
                    }
                    switch (e) {
                        case START_OBJECT:
                            detectDuplicates(p);
                            depth++;
                            break;
                        case START_ARRAY:
                            depth++;
                            break;
                        case END_OBJECT:
                        case END_ARRAY:
                            depth--;
                            break;
                        case VALUE_STRING:
                            checkString(p);
                            break;
                        default:
                            break;
                    }
                }
                return;
            }
            default:
                throw new IOException("unexpected token");
        }
    }

    /**
     * Jackson's {@code STRICT_DUPLICATE_DETECTION} for the object the parser just entered: gives its context a
     * detector when it has none (a reused context keeps its detector and resets it); it fires on every
     * member name that follows, skipped or not.
     */
    private static void detectDuplicates(JsonParser p) {
        p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Decodes the string into the parser's buffer (not into a {@code String}), checking its UTF-8 and length. */
    private static void checkString(JsonParser p) throws IOException {
        if (p.getTextLength() > MAX_STRING) {
            throw new IOException("string too long");
        }
    }

    /**
     * The fast path of {@link #scan}: a byte-level reader for a strict subset of JSON that the parser accepts
     * with the same values. It never refuses: outside the subset it answers {@code null} and the parser
     * decides. The subset: the first byte is <code>{</code> (so the parser reads it as UTF-8: no BOM, no zero
     * bytes, which every other encoding of an object has); whitespace is space, tab, CR, LF; strings and
     * member names are printable ASCII (0x20 to 0x7E) without backslash; numbers are integers of at most 18
     * digits without leading zeros (Integer when they fit, else Long, as the parser gives them); true, false,
     * null; arrays of those (not nested); no objects inside; no duplicate member names; nothing after the
     * closing brace but whitespace; at most {@link #MAX_STRING} bytes, so no string can reach the limit.
     */
    static final class SimpleScan {
        private static final Object DEFER = new Object();
        private static final Object JSON_NULL = new Object();
        private static final Object SKIPPED = new Object();

        private final byte[] b;
        private final String known1;
        private final String known2;
        private int i;

        private SimpleScan(byte[] b, String known1, String known2) {
            this.b = b;
            this.known1 = known1;
            this.known2 = known2;
        }

        /** @param json the payload @return the registered claims, or {@code null} when outside the subset */
        static Registered scan(byte[] json) {
            return scan(json, null, null);
        }

        /**
         * @param json the payload
         * @param known1 a string value to reuse when equal, or {@code null}
         * @param known2 a string value to reuse when equal, or {@code null}
         * @return the registered claims, or {@code null} when outside the subset
         */
        static Registered scan(byte[] json, String known1, String known2) {
            if (json.length > MAX_STRING || json.length == 0 || json[0] != '{') {
                return null;
            }
            return new SimpleScan(json, known1, known2).object();
        }

        /** The string of bytes [start, end): a known instance when equal, else a new string. */
        private String string(int start, int end) {
            if (matches(known1, start, end)) {
                return known1;
            }
            if (matches(known2, start, end)) {
                return known2;
            }
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }

        private boolean matches(String known, int start, int end) {
            if (known == null || known.length() != end - start) {
                return false;
            }
            for (int k = 0; k < known.length(); k++) {
                if (b[start + k] != known.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private Registered object() {
            byte[] b = this.b;
            int n = b.length;
            Registered r = new Registered();
            int seen = 0;
            Set<String> others = null;
            i = 1;
            ws();
            if (i < n && b[i] == '}') {
                i++;
            } else {
                while (true) {
                    if (i >= n || b[i] != '"') {
                        return null;
                    }
                    int start = i + 1;
                    int end = stringEnd(start);
                    if (end < 0) {
                        return null;
                    }
                    i = end + 1;
                    ws();
                    if (i >= n || b[i] != ':') {
                        return null;
                    }
                    i++;
                    ws();
                    int slot = slot(b, start, end - start);
                    if (slot >= 0) {
                        if ((seen & (1 << slot)) != 0) {
                            return null;
                        }
                        seen |= 1 << slot;
                    } else {
                        if (others == null) {
                            others = new HashSet<>();
                        }
                        if (!others.add(new String(b, start, end - start, StandardCharsets.ISO_8859_1))) {
                            return null;
                        }
                    }
                    Object v = value(slot >= 0, false);
                    if (v == DEFER) {
                        return null;
                    }
                    if (slot >= 0) {
                        r.values[slot] = v == JSON_NULL ? null : v;
                    }
                    ws();
                    if (i >= n) {
                        return null;
                    }
                    if (b[i] == ',') {
                        i++;
                        ws();
                    } else if (b[i] == '}') {
                        i++;
                        break;
                    } else {
                        return null;
                    }
                }
            }
            ws();
            return i == n ? r : null;
        }

        private void ws() {
            byte[] b = this.b;
            int n = b.length;
            while (i < n) {
                byte c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        /** Bytes a string of the subset may contain: printable ASCII but the quote and the backslash. */
        private static final boolean[] PLAIN = new boolean[256];

        static {
            for (int c = 0x20; c < 0x7F; c++) {
                PLAIN[c] = c != '"' && c != '\\';
            }
        }

        /** {@return the index of the closing quote of a string whose content starts at {@code s}, or -1} */
        private int stringEnd(int s) {
            byte[] b = this.b;
            int n = b.length;
            int j = s;
            while (j < n && PLAIN[b[j] & 0xFF]) {
                j++;
            }
            return j < n && b[j] == '"' ? j : -1;
        }

        /** One value at {@link #i}: the value (JSON_NULL for null) when kept, SKIPPED when not, or DEFER. */
        private Object value(boolean keep, boolean inArray) {
            byte[] b = this.b;
            int n = b.length;
            if (i >= n) {
                return DEFER;
            }
            byte c = b[i];
            if (c == '"') {
                int start = i + 1;
                int end = stringEnd(start);
                if (end < 0) {
                    return DEFER;
                }
                i = end + 1;
                return keep ? string(start, end) : SKIPPED;
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return number(keep);
            }
            if (c == 't') {
                return literal("true", Boolean.TRUE);
            }
            if (c == 'f') {
                return literal("false", Boolean.FALSE);
            }
            if (c == 'n') {
                return literal("null", JSON_NULL);
            }
            if (c == '[' && !inArray) {
                i++;
                ws();
                List<Object> list = keep ? new ArrayList<>(2) : null;
                if (i < n && b[i] == ']') {
                    i++;
                    return keep ? list : SKIPPED;
                }
                while (true) {
                    Object e = value(keep, true);
                    if (e == DEFER) {
                        return DEFER;
                    }
                    if (keep) {
                        list.add(e == JSON_NULL ? null : e);
                    }
                    ws();
                    if (i >= n) {
                        return DEFER;
                    }
                    if (b[i] == ',') {
                        i++;
                        ws();
                    } else if (b[i] == ']') {
                        i++;
                        return keep ? list : SKIPPED;
                    } else {
                        return DEFER;
                    }
                }
            }
            return DEFER;
        }

        private Object number(boolean keep) {
            byte[] b = this.b;
            int n = b.length;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            if (i >= n) {
                return DEFER;
            }
            long v = 0;
            if (b[i] == '0') {
                i++;
            } else if (b[i] >= '1' && b[i] <= '9') {
                int digits = 0;
                while (i < n && b[i] >= '0' && b[i] <= '9') {
                    if (++digits > 18) {
                        return DEFER;
                    }
                    v = v * 10 + (b[i] - '0');
                    i++;
                }
            } else {
                return DEFER;
            }
            if (!delimiter()) {
                return DEFER;
            }
            if (!keep) {
                return SKIPPED;
            }
            if (negative) {
                v = -v;
            }
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v);
        }

        private Object literal(String word, Object value) {
            byte[] b = this.b;
            int len = word.length();
            if (i + len > b.length) {
                return DEFER;
            }
            for (int k = 0; k < len; k++) {
                if (b[i + k] != word.charAt(k)) {
                    return DEFER;
                }
            }
            i += len;
            return delimiter() ? value : DEFER;
        }

        /** {@return whether the byte at {@link #i} may follow a number or literal: whitespace , ] or the end} */
        private boolean delimiter() {
            if (i >= b.length) {
                return true;
            }
            byte c = b[i];
            return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }

        /** {@link Registered#slot} over the bytes of a member name (printable ASCII, no escapes). */
        private static int slot(byte[] b, int s, int len) {
            if (len == 3) {
                byte c0 = b[s];
                byte c1 = b[s + 1];
                byte c2 = b[s + 2];
                switch (c0) {
                    case 'e':
                        return c1 == 'x' && c2 == 'p' ? Registered.EXP : -1;
                    case 'i':
                        return c1 == 'a' && c2 == 't' ? Registered.IAT : c1 == 's' && c2 == 's' ? Registered.ISS : -1;
                    case 'n':
                        return c1 == 'b' && c2 == 'f' ? Registered.NBF : -1;
                    case 'a':
                        return c1 == 'u' && c2 == 'd' ? Registered.AUD : -1;
                    case 's':
                        return c1 == 'u' && c2 == 'b' ? Registered.SUB : c1 == 'i' && c2 == 'd' ? Registered.SID : -1;
                    case 'j':
                        return c1 == 't' && c2 == 'i' ? Registered.JTI : -1;
                    case 'o':
                        return c1 == 'r' && c2 == 'g' ? Registered.ORG : -1;
                    default:
                        return -1;
                }
            }
            if (len == 5) {
                if (b[s] == 'r' && b[s + 1] == 'o' && b[s + 2] == 'l' && b[s + 3] == 'e' && b[s + 4] == 's') {
                    return Registered.ROLES;
                }
                if (b[s] == 's' && b[s + 1] == 'c' && b[s + 2] == 'o' && b[s + 3] == 'p' && b[s + 4] == 'e') {
                    return Registered.SCOPE;
                }
            }
            return -1;
        }
    }

    /**
     * The registered claims {@link AccessTokens} reads, each as {@link #parse} would give it ({@code null} when
     * absent or JSON {@code null}).
     */
    static final class Registered {
        static final String[] NAMES = {"exp", "iat", "nbf", "iss", "aud", "sub", "jti", "sid", "org", "roles", "scope"};
        static final int EXP = 0;
        static final int IAT = 1;
        static final int NBF = 2;
        static final int ISS = 3;
        static final int AUD = 4;
        static final int SUB = 5;
        static final int JTI = 6;
        static final int SID = 7;
        static final int ORG = 8;
        static final int ROLES = 9;
        static final int SCOPE = 10;

        final Object[] values = new Object[NAMES.length];

        /** {@return the index of a registered name in {@link #NAMES}, or -1} */
        static int slot(String name) {
            switch (name) {
                case "exp":
                    return EXP;
                case "iat":
                    return IAT;
                case "nbf":
                    return NBF;
                case "iss":
                    return ISS;
                case "aud":
                    return AUD;
                case "sub":
                    return SUB;
                case "jti":
                    return JTI;
                case "sid":
                    return SID;
                case "org":
                    return ORG;
                case "roles":
                    return ROLES;
                case "scope":
                    return SCOPE;
                default:
                    return -1;
            }
        }

        /** @param slot an index into {@link #NAMES} @return the value, or {@code null} */
        Object get(int slot) {
            return values[slot];
        }
    }

    /** The reference parse (Jackson databind to a {@code Map}); same acceptance and content as {@link #parse}. */
    static Map<String, Object> parseWithDatabind(byte[] json) {
        try {
            Object o = READER.readValue(json);
            if (o instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                return m;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        throw new TokenException(TokenReason.MALFORMED, MALFORMED);
    }

    /** Reads members up to and including the END_OBJECT; the parser is on START_OBJECT. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int before = m.size();
            m.put(name, readValue(p, p.nextToken()));
            if (m.size() == before) {
                throw new IOException("duplicate member");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token");
        }
        return m;
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(p, e));
                }
                return list;
            }
            default:
                throw new IOException("unexpected token");
        }
    }

    /**
     * The parsed claims: an unmodifiable view over a map only {@link JsonClaims} creates and nobody else holds,
     * so {@link VerifiedToken} can keep it without another copy.
     */
    static final class ClaimsMap extends AbstractMap<String, Object> {
        private final Map<String, Object> members;
        private final Map<String, Object> view;

        private ClaimsMap(Map<String, Object> members) {
            this.members = members;
            this.view = Collections.unmodifiableMap(members);
        }

        @Override
        public Object get(Object key) {
            return members.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return members.containsKey(key);
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public java.util.Collection<Object> values() {
            return view.values();
        }
    }
}
