package dev.bulwark.testkit;

import dev.bulwark.tokens.JwsAlgorithm;
import dev.bulwark.tokens.SigningKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys for a host's tests: one per algorithm, generated once per JVM (RSA generation is slow) and
 * shared, with fixed key ids ({@code test-hs256}, {@code test-rs256}, {@code test-ps256}, {@code test-es256},
 * {@code test-eddsa}). Never use them outside tests: they live in memory and are not secret from the test code.
 */
public final class TestKeys {

    private static final Map<JwsAlgorithm, SigningKey> KEYS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** {@return a 256-bit HMAC key} */
    public static SigningKey hmac() {
        return of(JwsAlgorithm.HS256);
    }

    /** {@return an RSA 2048 key for RS256} */
    public static SigningKey rsa() {
        return of(JwsAlgorithm.RS256);
    }

    /** {@return a P-256 key for ES256} */
    public static SigningKey ec() {
        return of(JwsAlgorithm.ES256);
    }

    /** {@return an Ed25519 key} */
    public static SigningKey ed25519() {
        return of(JwsAlgorithm.EdDSA);
    }

    /**
     * @param algorithm any supported algorithm
     * @return the shared test key for it
     */
    public static SigningKey of(JwsAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm,
                a -> SigningKey.generate("test-" + a.name().toLowerCase(java.util.Locale.ROOT), a));
    }
}
