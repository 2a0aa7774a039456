package dev.bulwark.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The key-ring file format (JSON), written by {@code bulwark keys new kek} and read by {@code --keyring},
 * {@link KekProviders#localFile} and {@link KekProviders#environment}:
 *
 * <pre>{@code
 * {"version":1,"primary":"kek-1a2b3c4d","keys":[
 *   {"id":"kek-1a2b3c4d","state":"PRIMARY","created":"2026-11-23T10:00:00Z","material":"<base64, 32 bytes>"},
 *   {"id":"kek-00ff00ff","state":"RETIRED","created":"2026-01-01T00:00:00Z","material":"<base64>"},
 *   {"id":"kek-0badc0de","state":"DESTROYED","created":"2025-01-01T00:00:00Z"}]}
 * }</pre>
 *
 * <p>Rules checked on read (each failure is a {@link ConfigurationException} with reason
 * {@link CryptoReason#MALFORMED_KEY_RING} and a message naming the field, never the material):
 * {@code version} is {@code 1}; {@code keys} is a non-empty array of at most {@value KeyRing#MAX_KEKS}
 * objects with exactly the fields above; ids match {@link Kek#ID_PATTERN} and are distinct; {@code state} is
 * a {@link KekState} name; {@code created} an ISO-8601 instant; {@code material} standard base64 of exactly
 * 32 bytes, present unless the state is {@code DESTROYED} (and then absent); exactly one key is
 * {@code PRIMARY}, and {@code primary} names it. Documents over {@value #MAX_DOCUMENT_CHARS} characters are
 * refused. The file holds raw key material: protect it like a private key (mode 0600, a secret manager).
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class KeyRings {

    /** The format version written and read. */
    public static final int VERSION = 1;
    /** Maximum document size in characters. */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEY_FIELDS = Set.of("id", "state", "created", "material");
    private static final Set<String> TOP_FIELDS = Set.of("version", "primary", "keys");

    private KeyRings() {
    }

    /**
     * A new ring with one fresh local primary KEK.
     *
     * @param clock the clock that stamps {@code created}
     * @return the ring
     */
    public static KeyRing generate(Clock clock) {
        return KeyRing.of(newLocalKek(KekState.PRIMARY, clock));
    }

    /**
     * A fresh local KEK: id {@code kek-} + 8 random hex digits, 32 random bytes of material.
     *
     * @param state its state
     * @param clock the clock that stamps {@code created} (truncated to seconds)
     * @return the KEK
     */
    public static Kek newLocalKek(KekState state, Clock clock) {
        String id = "kek-" + RandomTokens.hex(RandomTokens.MIN_TOKEN_BYTES).substring(0, 8);
        byte[] material = RandomTokens.bytes(32);
        try {
            return Kek.local(id, state, clock.instant().truncatedTo(ChronoUnit.SECONDS), Secret.ofBytes(material));
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Writes {@code ring} in the format above, on one line.
     *
     * @param ring a ring whose KEKs are all local or destroyed
     * @return the JSON document
     * @throws ConfigurationException when a KEK is remote (its material is not ours to write)
     */
    public static String toJson(KeyRing ring) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("primary", ring.primary().id());
        ArrayNode keys = root.putArray("keys");
        for (Kek k : ring.keks()) {
            ConfigurationException.check(k.isLocal() || k.state() == KekState.DESTROYED,
                    "KEK " + k.id() + " is remote; only local KEKs can be written to a key-ring file");
            ObjectNode n = keys.addObject();
            n.put("id", k.id());
            n.put("state", k.state().name());
            n.put("created", k.created().toString());
            if (k.isLocal()) {
                n.put("material", k.material().base64());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write key ring", e);
        }
    }

    /**
     * Reads a key-ring document.
     *
     * @param json the document
     * @return the ring
     * @throws ConfigurationException with {@link CryptoReason#MALFORMED_KEY_RING} when it breaks a rule above
     */
    public static KeyRing fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw bad("key ring document is empty");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw bad("key ring document exceeds " + MAX_DOCUMENT_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw bad("key ring document is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad("key ring document must be a JSON object");
        }
        onlyFields(root, TOP_FIELDS, "key ring");
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw bad("key ring version must be " + VERSION);
        }
        String primary = text(root, "primary", "key ring");
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw bad("key ring 'keys' must be a non-empty array");
        }
        if (keys.size() > KeyRing.MAX_KEKS) {
            throw bad("key ring has more than " + KeyRing.MAX_KEKS + " keys");
        }
        List<Kek> keks = new ArrayList<>();
        int index = 0;
        for (JsonNode k : keys) {
            keks.add(readKek(k, "keys[" + index++ + "]"));
        }
        KeyRing ring;
        try {
            ring = KeyRing.of(keks);
        } catch (ConfigurationException e) {
            throw bad("key ring is inconsistent: " + e.getMessage());
        }
        if (!ring.primary().id().equals(primary)) {
            throw bad("key ring 'primary' is " + primary + " but the PRIMARY key is " + ring.primary().id());
        }
        return ring;
    }

    private static Kek readKek(JsonNode k, String where) {
        if (!k.isObject()) {
            throw bad(where + " must be an object");
        }
        onlyFields(k, KEY_FIELDS, where);
        String id = text(k, "id", where);
        if (!Kek.ID_PATTERN.matcher(id).matches()) {
            throw bad(where + ".id must match " + Kek.ID_PATTERN.pattern());
        }
        KekState state;
        try {
            state = KekState.valueOf(text(k, "state", where));
        } catch (IllegalArgumentException e) {
            throw bad(where + ".state must be one of PRIMARY, ACTIVE, RETIRED, DESTROYED");
        }
        Instant created;
        try {
            created = Instant.parse(text(k, "created", where));
        } catch (DateTimeParseException e) {
            throw bad(where + ".created must be an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
        JsonNode material = k.get("material");
        if (state == KekState.DESTROYED) {
            if (material != null && !material.isNull()) {
                throw bad(where + " is DESTROYED and must not carry material");
            }
            return Kek.destroyed(id, created);
        }
        if (material == null || !material.isTextual()) {
            throw bad(where + ".material must be base64 of 32 bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(material.textValue());
        } catch (IllegalArgumentException e) {
            throw bad(where + ".material is not valid base64");
        }
        try {
            if (bytes.length != 32) {
                throw bad(where + ".material must decode to 32 bytes, was " + bytes.length);
            }
            return Kek.local(id, state, created, Secret.ofBytes(bytes));
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw bad(where + " has an unknown field '" + name.substring(0, Math.min(40, name.length())) + "'");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw bad(where + "." + field + " must be a string");
        }
        return v.textValue();
    }

    private static ConfigurationException bad(String message) {
        return new ConfigurationException(CryptoReason.MALFORMED_KEY_RING, message);
    }
}
