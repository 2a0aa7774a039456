package dev.bulwark.crypto.internal;

import dev.bulwark.crypto.CryptoReason;
import dev.bulwark.crypto.DecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Byte layout of envelope format version 1 (documented on {@code EnvelopeEncryptor}). */
public final class EnvelopeFormat {

    /** Format version byte. */
    public static final byte VERSION = 1;
    /** Maximum KEK id length. */
    public static final int MAX_KEK_ID = 64;
    /** Maximum wrapped DEK length. */
    public static final int MAX_WRAPPED = 1024;
    /** DEK length. */
    public static final int DEK_BYTES = 32;
    /** Commitment length. */
    public static final int COMMIT_BYTES = 32;

    private static final byte[] COMMIT_LABEL = "bulwark-envelope-v1-commit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAP_LABEL = "bulwark-envelope-v1-dek".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private EnvelopeFormat() {
    }

    /** A parsed header: offsets into the sealed array. */
    public record Header(String kekId, int wrappedOff, int wrappedLen, int commitOff, int nonceOff, int ctOff,
            int ctLen) {
    }

    /** Parses and bounds-checks a sealed record; allocates nothing from attacker-chosen lengths. */
    public static Header parse(byte[] sealed) {
        if (sealed == null || sealed.length < 2) {
            throw new DecryptionException(CryptoReason.TRUNCATED, "decryption failed: truncated");
        }
        if (sealed[0] != VERSION) {
            throw new DecryptionException(CryptoReason.UNSUPPORTED_VERSION,
                    "decryption failed: unsupported format version " + (sealed[0] & 0xff));
        }
        int k = sealed[1] & 0xff;
        if (k < 1 || k > MAX_KEK_ID) {
            throw new DecryptionException(CryptoReason.MALFORMED_CIPHERTEXT, "decryption failed: malformed header");
        }
        int pos = 2;
        if (sealed.length < pos + k + 2) {
            throw new DecryptionException(CryptoReason.TRUNCATED, "decryption failed: truncated");
        }
        for (int i = pos; i < pos + k; i++) {
            if (!idChar(sealed[i])) {
                throw new DecryptionException(CryptoReason.MALFORMED_CIPHERTEXT, "decryption failed: malformed header");
            }
        }
        String kekId = new String(sealed, pos, k, StandardCharsets.US_ASCII);
        pos += k;
        int w = ((sealed[pos] & 0xff) << 8) | (sealed[pos + 1] & 0xff);
        pos += 2;
        if (w < 1 || w > MAX_WRAPPED) {
            throw new DecryptionException(CryptoReason.MALFORMED_CIPHERTEXT, "decryption failed: malformed header");
        }
        int wrappedOff = pos;
        pos += w;
        int commitOff = pos;
        pos += COMMIT_BYTES;
        int nonceOff = pos;
        pos += AesGcm.NONCE_BYTES;
        if (sealed.length < pos + AesGcm.TAG_BYTES) {
            throw new DecryptionException(CryptoReason.TRUNCATED, "decryption failed: truncated");
        }
        return new Header(kekId, wrappedOff, w, commitOff, nonceOff, pos, sealed.length - pos);
    }

    private static boolean idChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == ':' || b == '-' || b == '/';
    }

    /** @return SHA-256(label || dek) */
    public static byte[] commitment(byte[] dek) {
        MessageDigest md = SHA256.get();
        md.update(COMMIT_LABEL);
        md.update(dek);
        return md.digest();
    }

    /** @return the wrapping AAD: label || version || idLen || id || context */
    public static byte[] wrapAad(String kekId, byte[] context) {
        byte[] id = kekId.getBytes(StandardCharsets.US_ASCII);
        byte[] aad = new byte[WRAP_LABEL.length + 2 + id.length + context.length];
        System.arraycopy(WRAP_LABEL, 0, aad, 0, WRAP_LABEL.length);
        int p = WRAP_LABEL.length;
        aad[p++] = VERSION;
        aad[p++] = (byte) id.length;
        System.arraycopy(id, 0, aad, p, id.length);
        System.arraycopy(context, 0, aad, p + id.length, context.length);
        return aad;
    }

    /** @return the data AAD: version || commitment || context */
    public static byte[] dataAad(byte[] commit, int commitOff, byte[] context) {
        byte[] aad = new byte[1 + COMMIT_BYTES + context.length];
        aad[0] = VERSION;
        System.arraycopy(commit, commitOff, aad, 1, COMMIT_BYTES);
        System.arraycopy(context, 0, aad, 1 + COMMIT_BYTES, context.length);
        return aad;
    }

    /** Writes version, id and wrapped-DEK length and bytes; @return the next offset */
    public static int writeKeyHeader(byte[] out, String kekId, byte[] wrapped) {
        out[0] = VERSION;
        out[1] = (byte) kekId.length();
        for (int i = 0; i < kekId.length(); i++) {
            out[2 + i] = (byte) kekId.charAt(i);
        }
        int p = 2 + kekId.length();
        out[p++] = (byte) (wrapped.length >>> 8);
        out[p++] = (byte) wrapped.length;
        System.arraycopy(wrapped, 0, out, p, wrapped.length);
        return p + wrapped.length;
    }
}
