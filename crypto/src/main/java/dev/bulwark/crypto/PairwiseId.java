package dev.bulwark.crypto;

import dev.bulwark.core.ConstantTime;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * A 128-bit pairwise identifier of one user towards one app (see {@link PairwiseIds}), with its renderings.
 * Immutable and thread-safe.
 */
public final class PairwiseId {

    /** Length in bytes. */
    public static final int BYTES = 16;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final byte[] bytes;

    private PairwiseId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes exactly 16 bytes; copied
     * @return the id
     * @throws CryptoException with {@link CryptoReason#INVALID_INPUT} for another length
     */
    public static PairwiseId ofBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new CryptoException(CryptoReason.INVALID_INPUT, "a pairwise id is 16 bytes");
        }
        return new PairwiseId(bytes.clone());
    }

    /** {@return a copy of the 16 bytes} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return base64url without padding: 22 characters} */
    public String base64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@return base62 ({@code 0-9A-Za-z}), left-padded with {@code 0} to 22 characters: the URL-safe "slug"} */
    public String base62() {
        BigInteger v = new BigInteger(1, bytes);
        char[] out = new char[22];
        Arrays.fill(out, '0');
        BigInteger base = BigInteger.valueOf(62);
        for (int i = out.length - 1; v.signum() > 0; i--) {
            BigInteger[] qr = v.divideAndRemainder(base);
            out[i] = BASE62[qr[1].intValue()];
            v = qr[0];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairwiseId && ConstantTime.equals(bytes, ((PairwiseId) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@return the base62 slug (an identifier, not a secret)} */
    @Override
    public String toString() {
        return base62();
    }
}
