package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.crypto.spi.KekProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shipped {@link KekProvider}s. All are thread-safe; each returns a cached ring on every call.
 */
public final class KekProviders {

    private KekProviders() {
    }

    /**
     * A provider that always returns {@code ring}.
     *
     * @param ring the ring
     * @return the provider
     */
    public static KekProvider fixed(KeyRing ring) {
        ConfigurationException.requireSet(ring, "key ring");
        return () -> ring;
    }

    /**
     * A provider whose ring the host swaps at run time ({@link Rotatable#set}), e.g. when a new key-ring
     * file is deployed: encryptions started after the swap use the new primary.
     *
     * @param initial the first ring
     * @return the provider
     */
    public static Rotatable rotatable(KeyRing initial) {
        return new Rotatable(initial);
    }

    /**
     * Reads a key-ring file ({@link KeyRings} format) once, now. Call {@link Rotatable#set} with
     * {@link KeyRings#fromJson} to reload it.
     *
     * @param file the key-ring file
     * @return the provider
     * @throws ConfigurationException when the file cannot be read or is malformed
     */
    public static Rotatable localFile(Path file) {
        ConfigurationException.requireSet(file, "key ring file");
        String json;
        try {
            if (Files.size(file) > KeyRings.MAX_DOCUMENT_CHARS * 4L) {
                throw new ConfigurationException(CryptoReason.MALFORMED_KEY_RING, "key ring file " + file + " is too large");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(CryptoReason.MALFORMED_KEY_RING,
                    "cannot read key ring file " + file + ": " + e.getClass().getSimpleName());
        }
        return new Rotatable(KeyRings.fromJson(json));
    }

    /**
     * Reads the key ring from the process environment variable {@code variable}: either a key-ring JSON
     * document, or the base64 of one 32-byte KEK (which becomes the primary, with id {@code variable}
     * lower-cased and {@code _} replaced by {@code -}, created at the epoch).
     *
     * @param variable the environment variable's name
     * @return the provider
     * @throws ConfigurationException when unset or malformed (the message names the variable, not its value)
     */
    public static KekProvider environment(String variable) {
        return environment(System.getenv(), variable);
    }

    /**
     * As {@link #environment(String)}, reading from the given map (tests, or a host's own config source).
     *
     * @param environment the variables
     * @param variable the name
     * @return the provider
     */
    public static KekProvider environment(Map<String, String> environment, String variable) {
        ConfigurationException.requireSet(variable, "variable");
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(CryptoReason.MALFORMED_KEY_RING, "environment variable " + variable + " is not set");
        }
        String v = value.strip();
        if (v.startsWith("{")) {
            return fixed(KeyRings.fromJson(v));
        }
        dev.bulwark.core.Secret material;
        try {
            material = dev.bulwark.core.Secret.ofBase64(v);
        } catch (dev.bulwark.core.InvalidInputException e) {
            throw new ConfigurationException(CryptoReason.MALFORMED_KEY_RING,
                    "environment variable " + variable + " is neither a key-ring document nor base64");
        }
        if (material.length() != 32) {
            throw new ConfigurationException(CryptoReason.MALFORMED_KEY_RING,
                    "environment variable " + variable + " must hold 32 bytes of base64, was " + material.length());
        }
        String id = variable.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return fixed(KeyRing.of(Kek.local(id, KekState.PRIMARY, java.time.Instant.EPOCH, material)));
    }

    /** A provider holding a ring that can be replaced atomically. Thread-safe. */
    public static final class Rotatable implements KekProvider {
        private final AtomicReference<KeyRing> ring;

        private Rotatable(KeyRing initial) {
            this.ring = new AtomicReference<>(ConfigurationException.requireSet(initial, "key ring"));
        }

        @Override
        public KeyRing keyRing() {
            return ring.get();
        }

        /**
         * Replaces the ring. The new ring should keep every KEK still in use (only retire or destroy a KEK
         * after its records are rewrapped).
         *
         * @param next the new ring
         */
        public void set(KeyRing next) {
            ring.set(Objects.requireNonNull(next, "next"));
        }
    }
}
