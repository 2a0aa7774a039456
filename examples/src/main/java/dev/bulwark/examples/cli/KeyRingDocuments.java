package dev.bulwark.examples.cli;

import dev.bulwark.crypto.KeyRings;
import java.time.Clock;

/**
 * Writes the key-ring JSON document that {@code bulwark keys new kek} prints and {@code --keyring} reads;
 * the format is defined and parsed by {@link KeyRings} in {@code bulwark-crypto}:
 *
 * <pre>{@code
 * {"version":1,"primary":"kek-1a2b3c4d","keys":[
 *   {"id":"kek-1a2b3c4d","state":"PRIMARY","created":"2026-11-23T10:00:00Z","material":"<base64, 32 bytes>"}]}
 * }</pre>
 */
final class KeyRingDocuments {

    private KeyRingDocuments() {
    }

    static String newKeyRing() {
        return KeyRings.toJson(KeyRings.generate(Clock.systemUTC()));
    }
}
