package dev.bulwark.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The linear-time check (issue 11, item 4) shared by every module's {@code *LinearTimeGrowthTest}: an operation
 * fed adversarial inputs of 16 KiB, 128 KiB and 1 MiB must take at most {@value #MAX_RATIO} times longer per
 * 8-fold growth (a linear operation takes about 8 times longer; a quadratic one 64). Measured as a ratio of
 * this thread's CPU time, never as an absolute time, so a loaded machine does not make it fail.
 */
public final class LinearTime {

    /** The input sizes, in characters. */
    public static final int[] SIZES = {16 * 1024, 128 * 1024, 1024 * 1024};
    /** The largest accepted CPU-time ratio between two consecutive sizes (8× the input). */
    public static final double MAX_RATIO = 8 * 4;

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private LinearTime() {
    }

    /**
     * Measures the CPU time per call at each size (minimum of 5 runs; small inputs repeated up to about 2 MiB
     * or 20 ms of CPU per run) and fails at the first step whose ratio reaches the bound, before trying the
     * next, larger size.
     *
     * @param what the operation and input, for the failure message
     * @param input makes an input of the given length
     * @param op the operation (its exceptions must be caught inside: a rejection is a valid outcome)
     */
    public static void assertLinear(String what, IntFunction<String> input, Consumer<String> op) {
        op.accept(input.apply(SIZES[0])); // warm-up
        double previous = 0;
        for (int i = 0; i < SIZES.length; i++) {
            String s = input.apply(SIZES[i]);
            long first = MX.getCurrentThreadCpuTime();
            op.accept(s);
            long one = Math.max(1, MX.getCurrentThreadCpuTime() - first);
            int iterations = (int) Math.max(1, Math.min(2L * SIZES[SIZES.length - 1] / SIZES[i], 20_000_000L / one));
            double perCall = one;
            for (int run = 0; run < (one > 100_000_000L ? 0 : 5); run++) { // a slow call is measured once
                long start = MX.getCurrentThreadCpuTime();
                for (int k = 0; k < iterations; k++) {
                    op.accept(s);
                }
                perCall = Math.min(perCall, Math.max(1.0, MX.getCurrentThreadCpuTime() - start) / iterations);
            }
            if (i > 0) {
                double ratio = perCall / previous;
                assertThat(ratio).as("%s: CPU time ratio of %d vs %d chars (%.0f ns vs %.0f ns per call)", what,
                        SIZES[i], SIZES[i - 1], perCall, previous).isLessThan(MAX_RATIO);
            }
            previous = perCall;
        }
    }

    /**
     * @param unit the repeated text
     * @param length the length wanted
     * @return {@code unit} repeated and cut to exactly {@code length} characters
     */
    public static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.toString();
    }
}
