package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key-encryption key of a {@link KeyRing}: an id (written into every ciphertext it wraps), a
 * {@link KekState state}, a creation time and the wrapping {@link Aead}. A <em>local</em> KEK holds 32 bytes
 * of AES-256 material (and can be written to a key-ring file by {@link KeyRings#toJson}); a <em>remote</em>
 * KEK is any {@code Aead}, such as a client of a cloud KMS, whose material never leaves the KMS.
 *
 * <p>Ids match {@code [A-Za-z0-9._:/-]{1,64}} (ASCII, so the ciphertext header stays bounded).
 * {@link #toString()} shows id and state, never material. Immutable and thread-safe.
 */
public final class Kek {

    /** The allowed shape of a KEK id. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private final String id;
    private final KekState state;
    private final Instant created;
    private final Secret material;
    private final Aead aead;

    private Kek(String id, KekState state, Instant created, Secret material, Aead aead) {
        ConfigurationException.requireSet(id, "KEK id");
        ConfigurationException.check(ID_PATTERN.matcher(id).matches(),
                "KEK id must match " + ID_PATTERN.pattern() + ", was '" + id + "'");
        this.id = id;
        this.state = ConfigurationException.requireSet(state, "KEK state");
        this.created = ConfigurationException.requireSet(created, "KEK created");
        this.material = material;
        this.aead = aead;
        ConfigurationException.check(state == KekState.DESTROYED || aead != null,
                "KEK " + id + " in state " + state + " needs key material");
    }

    /**
     * A local AES-256-GCM KEK.
     *
     * @param id the KEK id
     * @param state its state (not {@link KekState#DESTROYED}: use {@link #destroyed})
     * @param created when it was created
     * @param material exactly 32 bytes
     * @return the KEK
     * @throws ConfigurationException on a bad id, state or key size
     */
    public static Kek local(String id, KekState state, Instant created, Secret material) {
        ConfigurationException.requireSet(material, "KEK material");
        ConfigurationException.check(state != KekState.DESTROYED, "a destroyed KEK has no material; use Kek.destroyed");
        return new Kek(id, state, created, material, Aead.aes256Gcm(material));
    }

    /**
     * A remote KEK: wrapping is delegated to {@code aead} (e.g. a KMS client). Its wrapped DEKs may be up to
     * {@value EnvelopeEncryptor#MAX_WRAPPED_DEK_BYTES} bytes.
     *
     * @param id the KEK id
     * @param state its state
     * @param created when it was created
     * @param aead the remote AEAD
     * @return the KEK
     */
    public static Kek remote(String id, KekState state, Instant created, Aead aead) {
        ConfigurationException.requireSet(aead, "KEK aead");
        ConfigurationException.check(state != KekState.DESTROYED, "a destroyed KEK has no aead; use Kek.destroyed");
        return new Kek(id, state, created, null, aead);
    }

    /**
     * A destroyed KEK: its id is remembered so that its records fail with {@link CryptoReason#KEK_DESTROYED}
     * rather than {@link CryptoReason#UNKNOWN_KEK}.
     *
     * @param id the KEK id
     * @param created when it was created
     * @return the KEK
     */
    public static Kek destroyed(String id, Instant created) {
        return new Kek(id, KekState.DESTROYED, created, null, null);
    }

    /**
     * This KEK in another state. Moving to {@link KekState#DESTROYED} drops the material (and destroys the
     * local {@link Secret}'s copy held here).
     *
     * @param newState the state
     * @return a KEK with the same id, time and material
     */
    public Kek withState(KekState newState) {
        Objects.requireNonNull(newState, "newState");
        if (newState == state) {
            return this;
        }
        if (newState == KekState.DESTROYED) {
            return destroyed(id, created);
        }
        ConfigurationException.check(state != KekState.DESTROYED, "KEK " + id + " is destroyed; it cannot be revived");
        return new Kek(id, newState, created, material, aead);
    }

    /** {@return the id} */
    public String id() {
        return id;
    }

    /** {@return the state} */
    public KekState state() {
        return state;
    }

    /** {@return when the KEK was created} */
    public Instant created() {
        return created;
    }

    /** {@return whether the material is held locally (and can be written to a key-ring file)} */
    public boolean isLocal() {
        return material != null;
    }

    Secret material() {
        return material;
    }

    Aead aead() {
        return aead;
    }

    /** {@return {@code Kek[id=..., state=...]}; never material} */
    @Override
    public String toString() {
        return "Kek[id=" + id + ", state=" + state + (material != null ? ", local" : aead != null ? ", remote" : "")
                + "]";
    }
}
