package dev.bulwark.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lenient decoders that return {@code null} instead of throwing on untrusted input. */
public final class Codecs {

    private static final byte[] HEX_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUES['a' + i] = (byte) (10 + i);
            HEX_VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private Codecs() {
    }

    /**
     * @param s hex text, either case
     * @param start first index
     * @param end end index, exclusive
     * @return the bytes, or {@code null} when the range is not even-length hex
     */
    public static byte[] hexOrNull(String s, int start, int end) {
        int n = end - start;
        if (n <= 0 || (n & 1) != 0) {
            return null;
        }
        byte[] out = new byte[n / 2];
        int bad = 0;
        for (int i = 0; i < out.length; i++) {
            char hi = s.charAt(start + 2 * i);
            char lo = s.charAt(start + 2 * i + 1);
            int h = hi < 128 ? HEX_VALUES[hi] : -1;
            int l = lo < 128 ? HEX_VALUES[lo] : -1;
            bad |= h | l;
            out[i] = (byte) ((h << 4) | (l & 0xf));
        }
        return bad < 0 ? null : out;
    }

    /**
     * @param s hex text
     * @return the bytes, or {@code null}
     */
    public static byte[] hexOrNull(String s) {
        return hexOrNull(s, 0, s.length());
    }

    /**
     * @param s standard base64 with padding
     * @return the bytes, or {@code null} when not canonical standard base64
     */
    public static byte[] base64OrNull(String s) {
        try {
            byte[] b = Base64.getDecoder().decode(s);
            // canonical only: re-encoding must give the same text (no stray bits, proper padding)
            return Base64.getEncoder().encodeToString(b).equals(s) ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param s text known to be ASCII (e.g. a validated timestamp)
     * @return its US-ASCII bytes
     */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param s text
     * @return its UTF-8 bytes
     */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
