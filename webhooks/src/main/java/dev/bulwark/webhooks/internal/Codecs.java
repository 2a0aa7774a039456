package dev.bulwark.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lenient decoders that return {@code null} instead of throwing on untrusted input. */
public final class Codecs {

    private static final byte[] HEX_VALUES = new byte[128];
    private static final byte[] BASE64_VALUES = new byte[128];
    private static final byte[] EMPTY = new byte[0];

    static {
        java.util.Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUES['a' + i] = (byte) (10 + i);
            HEX_VALUES['A' + i] = (byte) (10 + i);
        }
        java.util.Arrays.fill(BASE64_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
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
        return base64OrNull(s, 0, s.length());
    }

    /**
     * Decodes canonical standard base64 — exactly the text {@link Base64#getEncoder()} produces: length a
     * multiple of four, only the alphabet {@code A-Za-z0-9+/}, one or two {@code =} only at the very end, and
     * zero bits left over before the padding. It accepts exactly what "{@link Base64#getDecoder()} decodes it
     * and re-encoding gives the same text" accepts, without the exception, the substring or the re-encoding.
     *
     * @param s the text
     * @param start first index
     * @param end end index, exclusive
     * @return the bytes (empty for an empty range), or {@code null} when the range is not canonical base64
     */
    public static byte[] base64OrNull(String s, int start, int end) {
        int n = end - start;
        if (n == 0) {
            return EMPTY.clone();
        }
        if (n < 0 || (n & 3) != 0) {
            return null;
        }
        int pad = s.charAt(end - 1) != '=' ? 0 : s.charAt(end - 2) != '=' ? 1 : 2;
        byte[] out = new byte[n / 4 * 3 - pad];
        int bad = 0;
        int o = 0;
        int full = end - (pad == 0 ? 0 : 4);
        int i = start;
        for (; i < full; i += 4) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            int c = value(s.charAt(i + 2));
            int d = value(s.charAt(i + 3));
            bad |= a | b | c | d;
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (pad == 1) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            int c = value(s.charAt(i + 2));
            // canonical: the two bits below the last byte are zero
            bad |= a | b | c | -(c & 0x3);
            int bits = a << 18 | b << 12 | c << 6;
            out[o++] = (byte) (bits >> 16);
            out[o] = (byte) (bits >> 8);
        } else if (pad == 2) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            // canonical: the four bits below the last byte are zero
            bad |= a | b | -(b & 0xf);
            out[o] = (byte) ((a << 18 | b << 12) >> 16);
        }
        return bad < 0 ? null : out;
    }

    private static int value(char c) {
        return c < 128 ? BASE64_VALUES[c] : -1;
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
