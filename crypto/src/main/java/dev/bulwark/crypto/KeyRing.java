package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of {@link Kek}s with exactly one {@link KekState#PRIMARY primary}: the primary wraps new
 * DEKs; every non-destroyed KEK unwraps the DEKs it wrapped, found by the KEK id written in each ciphertext.
 *
 * <p>Rotation without downtime: (1) {@link #withKek add} the new KEK as {@link KekState#ACTIVE} and deploy the
 * ring everywhere; (2) {@link #withPrimary promote} it (the old primary becomes {@code ACTIVE}); (3)
 * {@link EnvelopeEncryptor#rewrapAll rewrap} the stored records; (4) {@link #withState retire} and later
 * destroy the old KEK. Each step returns a new ring; an {@link EnvelopeEncryptor} reads the current ring
 * from its {@link dev.bulwark.crypto.spi.KekProvider} on every call.
 *
 * <p>Limits: at most {@value #MAX_KEKS} KEKs. {@link #toString()} lists ids and states only. Thread-safe.
 */
public final class KeyRing {

    /** Maximum number of KEKs in a ring. */
    public static final int MAX_KEKS = 256;

    private final Map<String, Kek> keks;
    private final Kek primary;

    private KeyRing(Map<String, Kek> keks) {
        ConfigurationException.check(!keks.isEmpty(), "a key ring needs at least one KEK");
        ConfigurationException.check(keks.size() <= MAX_KEKS,
                "a key ring holds at most " + MAX_KEKS + " KEKs, was " + keks.size());
        Kek p = null;
        for (Kek k : keks.values()) {
            if (k.state() == KekState.PRIMARY) {
                ConfigurationException.check(p == null,
                        "a key ring has exactly one PRIMARY KEK, found " + (p == null ? "" : p.id()) + " and " + k.id());
                p = k;
            }
        }
        ConfigurationException.check(p != null, "a key ring needs one PRIMARY KEK, found none");
        this.keks = Collections.unmodifiableMap(keks);
        this.primary = p;
    }

    /**
     * A ring of the given KEKs.
     *
     * @param keks KEKs with distinct ids, exactly one primary
     * @return the ring
     * @throws ConfigurationException on duplicate ids, no or several primaries, or too many KEKs
     */
    public static KeyRing of(List<Kek> keks) {
        ConfigurationException.requireSet(keks, "keks");
        Map<String, Kek> m = new LinkedHashMap<>();
        for (Kek k : keks) {
            ConfigurationException.requireSet(k, "kek");
            ConfigurationException.check(m.put(k.id(), k) == null, "duplicate KEK id " + k.id());
        }
        return new KeyRing(m);
    }

    /**
     * A ring of the given KEKs.
     *
     * @param keks KEKs with distinct ids, exactly one primary
     * @return the ring
     */
    public static KeyRing of(Kek... keks) {
        return of(List.of(keks));
    }

    /** {@return the primary KEK} */
    public Kek primary() {
        return primary;
    }

    /**
     * @param id a KEK id
     * @return the KEK with that id, if any (in any state)
     */
    public Optional<Kek> find(String id) {
        return Optional.ofNullable(keks.get(id));
    }

    /** {@return every KEK, in insertion order} */
    public List<Kek> keks() {
        return List.copyOf(keks.values());
    }

    /**
     * This ring plus {@code kek}, which must not be primary (promote it afterwards with {@link #withPrimary}).
     *
     * @param kek a new KEK, usually {@link KekState#ACTIVE}
     * @return the new ring
     * @throws ConfigurationException when the id exists or {@code kek} is primary
     */
    public KeyRing withKek(Kek kek) {
        ConfigurationException.requireSet(kek, "kek");
        ConfigurationException.check(kek.state() != KekState.PRIMARY,
                "add a KEK as ACTIVE, then promote it with withPrimary(id)");
        List<Kek> list = new ArrayList<>(keks.values());
        list.add(kek);
        return of(list);
    }

    /**
     * This ring with {@code id} as primary; the previous primary becomes {@link KekState#ACTIVE}.
     *
     * @param id the KEK to promote (not destroyed)
     * @return the new ring
     * @throws ConfigurationException when unknown or destroyed
     */
    public KeyRing withPrimary(String id) {
        Kek target = keks.get(id);
        ConfigurationException.check(target != null, "no KEK with id " + id);
        ConfigurationException.check(target.state() != KekState.DESTROYED, "KEK " + id + " is destroyed");
        Map<String, Kek> m = new LinkedHashMap<>();
        for (Kek k : keks.values()) {
            if (k.id().equals(id)) {
                m.put(k.id(), k.withState(KekState.PRIMARY));
            } else if (k.state() == KekState.PRIMARY) {
                m.put(k.id(), k.withState(KekState.ACTIVE));
            } else {
                m.put(k.id(), k);
            }
        }
        return new KeyRing(m);
    }

    /**
     * This ring with one KEK moved to {@code state} ({@link KekState#RETIRED} or {@link KekState#DESTROYED}
     * for an old KEK). The primary cannot leave {@code PRIMARY} this way: promote another first.
     *
     * @param id the KEK
     * @param state its new state (not {@link KekState#PRIMARY}: use {@link #withPrimary})
     * @return the new ring
     */
    public KeyRing withState(String id, KekState state) {
        Kek target = keks.get(id);
        ConfigurationException.check(target != null, "no KEK with id " + id);
        ConfigurationException.check(state != KekState.PRIMARY, "use withPrimary(id) to promote a KEK");
        ConfigurationException.check(target.state() != KekState.PRIMARY,
                "KEK " + id + " is the primary; promote another KEK first");
        Map<String, Kek> m = new LinkedHashMap<>(keks);
        m.put(id, target.withState(state));
        return new KeyRing(m);
    }

    /** {@return the ids and states, e.g. {@code KeyRing[kek-1:PRIMARY, kek-0:RETIRED]}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KeyRing[");
        String sep = "";
        for (Kek k : keks.values()) {
            sb.append(sep).append(k.id()).append(':').append(k.state());
            sep = ", ";
        }
        return sb.append(']').toString();
    }
}
