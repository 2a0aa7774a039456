package dev.bulwark.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Encodings of the Redis stores' values: instants as fixed-width epoch nanoseconds, sets as JSON arrays. */
public final class Codec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Codec() {
    }

    /**
     * @param instant an instant between 1970 and 2262, or null
     * @return 20 decimal digits (so that string order is time order, also inside Lua), or {@code "-"} for null
     */
    public static String instant(Instant instant) {
        if (instant == null) {
            return "-";
        }
        long nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        if (nanos < 0) {
            throw new IllegalArgumentException("instants before 1970 are not stored");
        }
        return String.format("%020d", nanos);
    }

    /**
     * @param encoded what {@link #instant(Instant)} produced, or null
     * @return the instant, or null
     */
    public static Instant instant(String encoded) {
        if (encoded == null || encoded.equals("-")) {
            return null;
        }
        long nanos = Long.parseLong(encoded);
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    /**
     * @param values strings
     * @return a JSON array, sorted
     */
    public static String strings(Collection<String> values) {
        try {
            return JSON.writeValueAsString(new TreeSet<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json a JSON array of strings, or null
     * @return the set
     */
    public static Set<String> strings(String json) {
        if (json == null) {
            return Set.of();
        }
        try {
            return Set.copyOf(JSON.readValue(json, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt set value in Redis", e);
        }
    }

    /**
     * @param values strings (nulls allowed)
     * @return a JSON array keeping order and nulls
     */
    public static String list(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json what {@link #list(List)} produced
     * @return the list
     */
    public static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt list value in Redis", e);
        }
    }

    /**
     * @param from now
     * @param to the expiry
     * @return milliseconds from {@code from} to {@code to}, rounded up; 0 or less when already expired (the
     *     caller then stores nothing: an expired record and an absent one are the same)
     */
    public static long ttlMillis(Instant from, Instant to) {
        return ceilMillis(Duration.between(from, to));
    }

    /**
     * @param d a duration
     * @return {@code d} in milliseconds, rounded up; 0 or less when {@code d} is not positive
     */
    public static long ceilMillis(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        return d.toMillis() + (d.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
    }
}
