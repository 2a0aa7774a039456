package dev.bulwark.crypto;

import java.util.Objects;

/**
 * One stored record for {@link EnvelopeEncryptor#rewrapAll}: the host's record id (for progress and failure
 * reports; not secret), the sealed bytes and the context they were sealed with.
 *
 * @param id the host's record id
 * @param sealed the sealed bytes (not copied)
 * @param context the record's encryption context
 */
public record SealedRecord(String id, byte[] sealed, EncryptionContext context) {

    /** Checks that no component is {@code null}. */
    public SealedRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
    }
}
