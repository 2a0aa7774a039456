package dev.bulwark.tokens;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The claims of a {@link VerifiedToken} built by {@link AccessTokens}: keeps the payload bytes, which
 * {@link JsonClaims#scan} has already validated, and materializes them with {@link JsonClaims#parse} on first
 * access. Behaves as the unmodifiable map {@link JsonClaims#parse} returns (same content, iteration order,
 * {@code equals}, {@code hashCode} and {@code toString}); every mutator throws
 * {@link UnsupportedOperationException}. Thread-safe: concurrent first accesses all see one map.
 */
final class LazyClaims extends AbstractMap<String, Object> {

    private final byte[] payload;
    private volatile Map<String, Object> map;

    /** @param payload the validated payload, owned by this map from now on */
    LazyClaims(byte[] payload) {
        this.payload = payload;
    }

    private Map<String, Object> map() {
        Map<String, Object> m = map;
        if (m == null) {
            synchronized (this) {
                m = map;
                if (m == null) {
                    // Cannot fail: scan() accepted this payload and accepts exactly what parse() accepts.
                    m = JsonClaims.parse(payload);
                    map = m;
                }
            }
        }
        return m;
    }

    /** {@return whether the map has been materialized (for tests)} */
    boolean materialized() {
        return map != null;
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map().containsValue(value);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return map().getOrDefault(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        map().forEach(action);
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean isEmpty() {
        return map().isEmpty();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return map().keySet();
    }

    @Override
    public Collection<Object> values() {
        return map().values();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || map().equals(o);
    }

    @Override
    public int hashCode() {
        return map().hashCode();
    }

    @Override
    public String toString() {
        return map().toString();
    }
}
