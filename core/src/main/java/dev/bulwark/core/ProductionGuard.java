package dev.bulwark.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a production service with missing, placeholder or weak secrets, or with settings below
 * a documented floor. Seeded from real incidents: a default JWT secret left in production lets anyone mint
 * admin tokens.
 *
 * <pre>{@code
 * ProductionGuard.forEnvironment(System.getenv("APP_ENV"))
 *     .requireSecret("JWT_SIGNING_KEY", jwtKey)                 // a Secret, a String or null
 *     .requireSecret("STRIPE_WEBHOOK_SECRET", stripeSecret)
 *     .require("ARGON2_MEMORY_KIB", memoryKib >= 19_456, "Argon2id memory must be at least 19 MiB")
 *     .check();                                                  // throws in production, warns elsewhere
 * }</pre>
 *
 * <p>The environment is production when its name is, ignoring case and surrounding space, one of
 * {@code production}, {@code prod}, {@code prd} or {@code live}. Anything else (including {@code null})
 * is not production: {@link #check()} then logs each violation at {@code WARN} and returns.
 *
 * <p>A secret is refused, in this order, when it is:
 * <ol>
 *   <li>{@link CoreReason#MISSING_SECRET missing}: {@code null}, empty or blank;</li>
 *   <li>{@link CoreReason#PLACEHOLDER_SECRET a placeholder}: equal to or containing (ignoring case) one of
 *       {@link #PLACEHOLDER_WORDS}, such as {@code changeme}, {@code secret}, {@code your-secret-key};</li>
 *   <li>{@link CoreReason#SECRET_TOO_SHORT too short}: under {@value #MIN_SECRET_BYTES} bytes;</li>
 *   <li>{@link CoreReason#LOW_ENTROPY_SECRET low-entropy}: one byte repeated, a shorter pattern repeated,
 *       a counting sequence ({@code 0123...}, {@code abcd...}), fewer than 10 distinct bytes, or a
 *       Shannon entropy under 3 bits per byte.</li>
 * </ol>
 * <p>Messages name the setting and the rule, never the value.
 *
 * <p>Not thread-safe while being configured; {@link #check()} may be called from any thread afterwards.
 */
public final class ProductionGuard {

    /** Minimum secret length in production, in bytes (256 bits). */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Placeholder words: a secret equal to one of these, or containing one, is refused in production.
     */
    public static final Set<String> PLACEHOLDER_WORDS = Set.of(
            "changeme", "change-me", "change_me", "changethis", "change-this", "change_this",
            "secret", "your-secret", "your_secret", "yoursecret", "your-secret-key", "placeholder",
            "replaceme", "replace-me", "replace_me", "example", "default", "dummy", "insecure",
            "notasecret", "not-a-secret", "password", "passw0rd", "letmein", "qwerty", "123456", "xxxxxx",
            "todo", "fixme", "test-key", "testkey", "sample", "foobar");

    private static final Set<String> PRODUCTION_NAMES = Set.of("production", "prod", "prd", "live");
    private static final Logger LOG = LoggerFactory.getLogger(ProductionGuard.class);

    private final String environment;
    private final boolean production;
    private final List<Violation> violations = new ArrayList<>();

    /**
     * One broken rule.
     *
     * @param setting the setting's name (never its value)
     * @param reason the reason code
     * @param rule what the rule demands
     */
    public record Violation(String setting, CoreReason reason, String rule) {
        /** {@return {@code "SETTING: rule"}} */
        @Override
        public String toString() {
            return setting + ": " + rule;
        }
    }

    private ProductionGuard(String environment) {
        this.environment = environment == null ? "" : environment.strip();
        this.production = isProduction(environment);
    }

    /**
     * @param environment the environment's name, e.g. from {@code APP_ENV}; {@code null} is not production
     * @return a guard for that environment
     */
    public static ProductionGuard forEnvironment(String environment) {
        return new ProductionGuard(environment);
    }

    /**
     * @param environment an environment name, may be {@code null}
     * @return whether it names production
     */
    public static boolean isProduction(String environment) {
        return environment != null && PRODUCTION_NAMES.contains(environment.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Requires {@code secret} to be present and strong.
     *
     * @param setting the setting's name, used in messages
     * @param secret the secret, or {@code null} when unset
     * @return this
     */
    public ProductionGuard requireSecret(String setting, Secret secret) {
        Objects.requireNonNull(setting, "setting");
        if (secret == null || secret.isEmpty()) {
            return add(setting, CoreReason.MISSING_SECRET, "must be set");
        }
        byte[] bytes = secret.bytes();
        try {
            return evaluate(setting, bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Requires a secret given as a string (its UTF-8 bytes are judged).
     *
     * @param setting the setting's name, used in messages
     * @param secret the secret, or {@code null} when unset
     * @return this
     */
    public ProductionGuard requireSecret(String setting, String secret) {
        Objects.requireNonNull(setting, "setting");
        if (secret == null || secret.isBlank()) {
            return add(setting, CoreReason.MISSING_SECRET, "must be set");
        }
        return evaluate(setting, secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Requires an arbitrary condition, for settings that are not secrets (hash parameters, tolerances).
     *
     * @param setting the setting's name
     * @param condition whether the requirement holds
     * @param rule what is required, e.g. {@code "Argon2id memory must be at least 19 MiB"}
     * @return this
     */
    public ProductionGuard require(String setting, boolean condition, String rule) {
        Objects.requireNonNull(setting, "setting");
        return condition ? this : add(setting, CoreReason.PRODUCTION_REQUIREMENT, rule);
    }

    /** {@return the violations found so far (in any environment)} */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** {@return whether this guard's environment is production} */
    public boolean production() {
        return production;
    }

    /**
     * In production, throws when any requirement is broken; elsewhere logs each at {@code WARN}.
     *
     * @throws ConfigurationException in production, with the first violation's reason and a message naming
     *     every offending setting and its rule (never a value)
     */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        String summary = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        if (production) {
            throw new ConfigurationException(violations.get(0).reason(),
                    "refusing to start in environment '" + environment + "': " + summary);
        }
        for (Violation v : violations) {
            LOG.warn("insecure setting (refused in production): {}", v);
        }
    }

    private ProductionGuard evaluate(String setting, byte[] bytes) {
        String lower = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return add(setting, CoreReason.PLACEHOLDER_SECRET,
                        "is a placeholder value; generate a real one (bulwark keys new ...)");
            }
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            return add(setting, CoreReason.SECRET_TOO_SHORT,
                    "must be at least " + MIN_SECRET_BYTES + " bytes, was " + bytes.length);
        }
        String weakness = weakness(bytes);
        if (weakness != null) {
            return add(setting, CoreReason.LOW_ENTROPY_SECRET, "has too little entropy (" + weakness + ")");
        }
        return this;
    }

    /** @return a description of the weakness, or null when none is found */
    static String weakness(byte[] b) {
        int n = b.length;
        for (int period = 1; period <= n / 2; period++) {
            boolean repeats = true;
            for (int i = period; i < n && repeats; i++) {
                repeats = b[i] == b[i - period];
            }
            if (repeats) {
                return period == 1 ? "one byte repeated" : "a pattern of " + period + " bytes repeated";
            }
        }
        int steps = 0;
        for (int i = 1; i < n; i++) {
            int d = b[i] - b[i - 1];
            if (d == 1 || d == -1) {
                steps++;
            }
        }
        if (steps * 2 >= n - 1) {
            return "a counting sequence";
        }
        int[] counts = new int[256];
        int distinct = 0;
        for (byte x : b) {
            if (counts[x & 0xff]++ == 0) {
                distinct++;
            }
        }
        if (distinct < 10) {
            return "fewer than 10 distinct bytes";
        }
        double entropy = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (entropy < 3.0) {
            return "under 3 bits of entropy per byte";
        }
        return null;
    }

    private ProductionGuard add(String setting, CoreReason reason, String rule) {
        violations.add(new Violation(setting, reason, rule));
        return this;
    }
}
