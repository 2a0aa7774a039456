package dev.bulwark.tokens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;

/**
 * Strict JSON for claims: one object, no duplicate member names (a duplicated {@code sub} or {@code exp} is
 * rejected, not "last one wins"), bounded nesting, no trailing tokens. Thread-safe.
 */
final class JsonClaims {

    private static final ObjectReader READER;

    static {
        ObjectMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxStringLength(16 * 1024).build());
        READER = m.readerFor(Map.class);
    }

    private JsonClaims() {
    }

    static Map<String, Object> parse(byte[] json) {
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
        throw new TokenException(TokenReason.MALFORMED, "payload is not a single JSON object without duplicate members");
    }
}
