package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;

/**
 * Argon2id cost parameters.
 *
 * <p>OWASP's Password Storage Cheat Sheet lists equivalent minimum configurations (memory in KiB /
 * iterations): 47104 / 1, 19456 / 2, 12288 / 3, 9216 / 4, 7168 / 5, all with parallelism 1.
 * {@link #meetsOwaspFloor()} is true when the memory is at least the row for the given iteration count
 * (iterations above 5 use the 5 row). {@link #OWASP_DEFAULT} is 19 MiB / 2 / 1 (the default of
 * {@link PasswordHasher#argon2id()}), {@link #OWASP_STRONG} 46 MiB / 1 / 1.
 *
 * @param memoryKib memory in KiB, at least {@code 8 * parallelism}, at most {@value #MAX_MEMORY_KIB}
 * @param iterations passes over memory, 1..{@value #MAX_ITERATIONS}
 * @param parallelism lanes, 1..{@value #MAX_PARALLELISM}
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {

    /** OWASP's second configuration: m = 19 MiB, t = 2, p = 1. */
    public static final Argon2Params OWASP_DEFAULT = new Argon2Params(19_456, 2, 1);
    /** OWASP's first configuration: m = 46 MiB, t = 1, p = 1. */
    public static final Argon2Params OWASP_STRONG = new Argon2Params(47_104, 1, 1);
    /** Largest memory accepted, also when verifying a stored hash (1 GiB): bounds the work a hash can demand. */
    public static final int MAX_MEMORY_KIB = 1 << 20;
    /** Largest iteration count accepted. */
    public static final int MAX_ITERATIONS = 64;
    /** Largest parallelism accepted. */
    public static final int MAX_PARALLELISM = 16;

    private static final int[] FLOOR_BY_ITERATIONS = {0, 47_104, 19_456, 12_288, 9_216, 7_168};

    /**
     * Validates the ranges.
     *
     * @throws ConfigurationException when a value is out of range
     */
    public Argon2Params {
        ConfigurationException.check(parallelism >= 1 && parallelism <= MAX_PARALLELISM,
                "argon2 parallelism must be between 1 and " + MAX_PARALLELISM + ", was " + parallelism);
        ConfigurationException.check(iterations >= 1 && iterations <= MAX_ITERATIONS,
                "argon2 iterations must be between 1 and " + MAX_ITERATIONS + ", was " + iterations);
        ConfigurationException.check(memoryKib >= 8 * parallelism && memoryKib <= MAX_MEMORY_KIB,
                "argon2 memory must be between 8 * parallelism and " + MAX_MEMORY_KIB + " KiB, was " + memoryKib);
    }

    /** {@return whether these parameters meet OWASP's minimum (see the class documentation)} */
    public boolean meetsOwaspFloor() {
        return memoryKib >= FLOOR_BY_ITERATIONS[Math.min(iterations, 5)];
    }
}
