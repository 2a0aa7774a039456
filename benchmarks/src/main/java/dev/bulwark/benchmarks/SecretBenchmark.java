package dev.bulwark.benchmarks;

import dev.bulwark.core.Secret;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Secret comparison: Bulwark's constant-time {@code Secret.equals} and {@code ConstantTime.equals} against
 * the JDK's constant-time {@code MessageDigest.isEqual} (the peer) and the early-exit {@code Arrays.equals}
 * (the floor: fast, but it leaks the position of the first difference through timing).
 *
 * <p>{@code diffAt} places the single differing byte at the start, middle or end (or nowhere): the
 * constant-time variants should not care, {@code Arrays.equals} visibly does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SecretBenchmark {

    @Param({"32", "1024"})
    public int size;

    @Param({"first", "last", "none"})
    public String diffAt;

    private byte[] a;
    private byte[] b;
    private Secret sa;
    private Secret sb;

    @Setup
    public void setUp() {
        a = new byte[size];
        new java.util.Random(42).nextBytes(a);
        b = a.clone();
        if (diffAt.equals("first")) {
            b[0] ^= 1;
        } else if (diffAt.equals("last")) {
            b[size - 1] ^= 1;
        }
        sa = Secret.ofBytes(a);
        sb = Secret.ofBytes(b);
    }

    @Benchmark
    public boolean bulwark_equals() {
        return sa.equals(sb);
    }

    @Benchmark
    public boolean bulwark_constantTimeEquals() {
        return dev.bulwark.core.ConstantTime.equals(a, b);
    }

    @Benchmark
    public boolean jdk_equals() {
        return MessageDigest.isEqual(a, b);
    }

    @Benchmark
    public boolean arrays_equals() {
        return Arrays.equals(a, b);
    }
}
