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
     * @param json the payload bytes
     * @return the registered claims
     * @throws TokenException {@code MALFORMED} when {@link #parse} would throw it
     */
    static Registered scan(byte[] json) {
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
