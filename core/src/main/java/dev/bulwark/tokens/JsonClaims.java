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
