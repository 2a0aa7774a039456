package dev.bulwark.webhooks.internal;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * The short part of a signed content that precedes the body (e.g. Standard Webhooks' {@code id.timestamp.},
 * Stripe's {@code timestamp.}), laid out in a per-thread buffer so that a verification neither allocates the
 * UTF-8 bytes of every header nor a concatenation, and the MAC sees the head in one {@code update}.
 *
 * <p>Use: {@link #begin()}, append the parts, hand it to {@link SignatureMatcher}, which MACs
 * {@code head || body}. Only the {@link #length()} bytes written since {@link #begin()} are ever MACed, so
 * what a longer earlier head left in the buffer is never part of a later one. The buffer holds only header
 * text (ids, timestamps), never a secret. Not thread-safe by design: each thread has its own instance, and a
 * verification does not call back into user code while a head is being built and MACed.
 */
final class SignedHead {

    /** Heads up to this size keep their (grown) buffer for the thread's next verification. */
    static final int RETAINED_CAPACITY = 1024;

    private static final ThreadLocal<SignedHead> HEADS = ThreadLocal.withInitial(SignedHead::new);

    private byte[] retained = new byte[128];
    private byte[] buf = retained;
    private int len;

    private SignedHead() {
    }

    /** {@return this thread's head, emptied} */
    static SignedHead begin() {
        SignedHead h = HEADS.get();
        h.buf = h.retained;
        h.len = 0;
        return h;
    }

    /**
     * Appends the UTF-8 encoding of {@code s} (as {@link String#getBytes} with UTF-8 would give it).
     *
     * @param s the text
     * @return this
     */
    SignedHead utf8(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // not ASCII: let the JDK encode it (surrogates, replacement of unpaired ones) exactly as before
                return bytes(s.substring(i).getBytes(StandardCharsets.UTF_8), at);
            }
            b[at++] = (byte) c;
        }
        len = at;
        return this;
    }

    private SignedHead bytes(byte[] tail, int at) {
        len = at;
        return bytes(tail);
    }

    /**
     * @param b bytes to append
     * @return this
     */
    SignedHead bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /**
     * @param b one byte to append
     * @return this
     */
    SignedHead put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    /** {@return the number of bytes appended since {@link #begin()}} */
    int length() {
        return len;
    }

    /** Feeds the head to {@code mac}. */
    void update(Mac mac) {
        mac.update(buf, 0, len);
    }

    private void ensure(int more) {
        int need = len + more;
        if (need <= buf.length) {
            return;
        }
        int cap = Math.max(need, buf.length * 2);
        byte[] grown = new byte[cap];
        System.arraycopy(buf, 0, grown, 0, len);
        buf = grown;
        if (cap <= RETAINED_CAPACITY) {
            retained = grown;
        }
    }
}
