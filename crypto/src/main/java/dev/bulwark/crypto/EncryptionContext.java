package dev.bulwark.crypto;

import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.CoreReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The encryption context: non-secret key/value pairs that say where a ciphertext belongs (for example
 * {@code tenant=org-42}, {@code table=users}, {@code column=email}, {@code row=u-17}). It is bound as
 * associated data to both layers of an envelope, so a ciphertext copied to another row, column or tenant
 * fails to decrypt. It is <em>not</em> stored in the ciphertext: the caller supplies the same context to
 * decrypt (the AWS Encryption SDK's "encryption context", Tink's "associated data").
 *
 * <p>Canonical encoding (what is authenticated): the entries sorted by key (UTF-16 order), as
 * {@code u16 count}, then for each entry {@code u16 keyLength, key (UTF-8), u16 valueLength, value (UTF-8)},
 * all big-endian. So {@code a=b,c=d} and {@code c=d,a=b} are the same context, and no two different
 * contexts share an encoding.
 *
 * <p>Limits: at most {@value #MAX_ENTRIES} entries, keys non-empty, encoding at most {@value #MAX_ENCODED_BYTES}
 * bytes. The context is not secret: {@link #toString()} shows it.
 *
 * <p>Immutable and thread-safe.
 */
public final class EncryptionContext {

    /** Maximum number of entries. */
    public static final int MAX_ENTRIES = 64;
    /** Maximum size of the canonical encoding in bytes. */
    public static final int MAX_ENCODED_BYTES = 8192;

    private static final EncryptionContext EMPTY = new EncryptionContext(new TreeMap<>());

    private final SortedMap<String, String> entries;
    private final byte[] encoded;

    private EncryptionContext(SortedMap<String, String> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.encoded = encode(entries);
    }

    /** {@return the empty context (allowed, but a record id and tenant are strongly recommended)} */
    public static EncryptionContext empty() {
        return EMPTY;
    }

    /**
     * A context of the given entries.
     *
     * @param entries keys and values, neither {@code null}, keys non-empty
     * @return the context
     * @throws InvalidInputException when a key is empty or {@code null}, a value is {@code null}, or the
     *     limits are exceeded
     */
    public static EncryptionContext of(Map<String, String> entries) {
        if (entries == null) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION, "encryption context must not be null");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                        "encryption context keys must be non-empty");
            }
            if (e.getValue() == null) {
                throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                        "encryption context value for '" + e.getKey() + "' must not be null");
            }
            copy.put(e.getKey(), e.getValue());
        }
        if (copy.size() > MAX_ENTRIES) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                    "encryption context has " + copy.size() + " entries; at most " + MAX_ENTRIES + " allowed");
        }
        return copy.isEmpty() ? EMPTY : new EncryptionContext(copy);
    }

    /**
     * A context from alternating keys and values: {@code of("tenant", "org-42", "row", "u-17")}.
     *
     * @param keysAndValues an even number of strings
     * @return the context
     * @throws InvalidInputException on an odd count or as {@link #of(Map)}
     */
    public static EncryptionContext of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                    "encryption context needs key/value pairs, got an odd number of strings");
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i] != null && m.containsKey(keysAndValues[i])) {
                throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                        "encryption context key '" + keysAndValues[i] + "' given twice");
            }
            m.put(keysAndValues[i] == null ? "" : keysAndValues[i], keysAndValues[i + 1]);
        }
        return of(m);
    }

    /** {@return the entries, sorted by key, unmodifiable} */
    public SortedMap<String, String> entries() {
        return entries;
    }

    /** {@return a copy of the canonical encoding (the associated data)} */
    public byte[] encoded() {
        return encoded.clone();
    }

    byte[] encodedUnsafe() {
        return encoded;
    }

    private static byte[] encode(SortedMap<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + entries.size() * 24);
        u16(out, entries.size());
        for (Map.Entry<String, String> e : entries.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        if (out.size() > MAX_ENCODED_BYTES) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                    "encryption context encodes to " + out.size() + " bytes; at most " + MAX_ENCODED_BYTES);
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION,
                    "encryption context entry longer than 65535 bytes");
        }
        u16(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptionContext && ((EncryptionContext) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** {@return the entries, e.g. {@code EncryptionContext{row=u-17, tenant=org-42}} (not secret)} */
    @Override
    public String toString() {
        return "EncryptionContext" + entries;
    }
}
