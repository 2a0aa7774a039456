package dev.bulwark.crypto.internal;

import dev.bulwark.core.RandomTokens;

/**
 * Random 96-bit nonces, served from a per-thread buffer refilled from {@link RandomTokens} (the library's
 * per-thread NIST SP 800-90A DRBG) 40 nonces at a time. A DRBG call has a fixed cost (state update, lock,
 * reseed check) that dominates a 12-byte request; batching amortises it. Nonces are public (they are
 * written into every ciphertext), so holding the next few in memory reveals nothing; secret values such as
 * DEKs are never drawn from this buffer. Each byte is handed out once and zeroed as it leaves the buffer.
 */
public final class Nonces {

    private static final int BATCH = 40 * AesGcm.NONCE_BYTES;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private Nonces() {
    }

    /** Writes a fresh 12-byte nonce into {@code out} at {@code off}. */
    public static void next(byte[] out, int off) {
        Buffer b = BUFFERS.get();
        if (b.pos == BATCH) {
            RandomTokens.nextBytes(b.bytes);
            b.pos = 0;
        }
        System.arraycopy(b.bytes, b.pos, out, off, AesGcm.NONCE_BYTES);
        java.util.Arrays.fill(b.bytes, b.pos, b.pos + AesGcm.NONCE_BYTES, (byte) 0);
        b.pos += AesGcm.NONCE_BYTES;
    }

    private static final class Buffer {
        final byte[] bytes = new byte[BATCH];
        int pos = BATCH;
    }
}
