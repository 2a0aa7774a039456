package dev.bulwark.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Comparison of secrets (MACs, hashes, keys) in time that does not depend on their contents.
 *
 * <p>{@link #equals(byte[], byte[])} reads both arrays in full, eight bytes at a time, and folds every
 * difference into one accumulator with XOR and OR: there is no branch on the data, so the time depends only
 * on the length of {@code expected}. It measures several times faster than
 * {@link java.security.MessageDigest#isEqual(byte[], byte[])}, which compares one byte at a time (see
 * {@code SecretBenchmark} in {@code docs/PERFORMANCE.md}), and unlike {@link java.util.Arrays#equals(byte[],
 * byte[])} it does not stop at the first difference.
 *
 * <p>Lengths are treated as public (MACs and hashes have fixed lengths): arrays of different lengths are
 * unequal, after the same amount of work as comparing {@code expected} with itself.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class ConstantTime {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ConstantTime() {
    }

    /**
     * @param expected the secret or expected value; {@code null} is never equal
     * @param actual the value to check; {@code null} is never equal
     * @return whether both are non-null, of the same length and byte-for-byte equal
     */
    public static boolean equals(byte[] expected, byte[] actual) {
        if (expected == null || actual == null) {
            return false;
        }
        byte[] other = expected.length == actual.length ? actual : expected;
        int n = expected.length;
        long acc = 0;
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            acc |= (long) LONGS.get(expected, i) ^ (long) LONGS.get(other, i);
        }
        for (; i < n; i++) {
            acc |= expected[i] ^ other[i];
        }
        return acc == 0 && other == actual;
    }
}
