package dev.bulwark.examples.cli;

import dev.bulwark.core.RandomTokens;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Writes the key-ring JSON document that {@code bulwark keys new kek} prints and {@code --keyring} reads:
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
        String id = "kek-" + RandomTokens.hex(16).substring(0, 8);
        String material = Base64.getEncoder().encodeToString(RandomTokens.bytes(32));
        String created = Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return "{\"version\":1,\"primary\":\"" + id + "\",\"keys\":[{\"id\":\"" + id
                + "\",\"state\":\"PRIMARY\",\"created\":\"" + created + "\",\"material\":\"" + material + "\"}]}";
    }
}
