package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.spi.PairwiseIdStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairwise identifiers (OpenID Connect's "pairwise subject"): each app sees a user under a different
 * 128-bit id, so two apps cannot correlate their users by id.
 *
 * <ul>
 *   <li>{@link #deterministic(Secret)}: {@code HMAC-SHA-256(key, "bulwark-pairwise-v1" || u32 len(user) ||
 *       user || u32 len(app) || app)} truncated to 16 bytes. Stateless and stable; anyone without the key
 *       cannot link ids across apps or recover the user id. Rotating the key changes every id.</li>
 *   <li>{@link #random(PairwiseIdStore)}: 16 random bytes per pair, stored on first use. Unlinkable even by
 *       someone holding every secret; needs storage.</li>
 * </ul>
 *
 * <pre>{@code
 * PairwiseIds ids = PairwiseIds.deterministic(Hkdf.sha256().derive(master, null, "bulwark/pairwise", 32));
 * String slug = ids.idFor("user-17", "app-analytics").base62();   // 22 characters
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PairwiseIds {

    private static final byte[] LABEL = "bulwark-pairwise-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final PairwiseIdStore store;

    private PairwiseIds(SecretKeySpec key, PairwiseIdStore store) {
        this.key = key;
        this.store = store;
    }

    /**
     * Keyed deterministic mode.
     *
     * @param key at least 32 bytes
     * @return the generator
     * @throws ConfigurationException when the key is missing or short
     */
    public static PairwiseIds deterministic(Secret key) {
        ConfigurationException.requireSet(key, "pairwise id key");
        ConfigurationException.check(key.length() >= 32, "pairwise id key must be at least 32 bytes, was " + key.length());
        byte[] k = key.bytes();
        try {
            return new PairwiseIds(new SecretKeySpec(k, "HmacSHA256"), null);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Random-and-stored mode.
     *
     * @param store where ids are kept
     * @return the generator
     */
    public static PairwiseIds random(PairwiseIdStore store) {
        return new PairwiseIds(null, ConfigurationException.requireSet(store, "pairwise id store"));
    }

    /**
     * The id of {@code userId} towards {@code appId}.
     *
     * @param userId the user's internal id, not empty
     * @param appId the app (client) id, not empty
     * @return the pairwise id
     * @throws CryptoException with {@link CryptoReason#INVALID_INPUT} for empty ids
     */
    public PairwiseId idFor(String userId, String appId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(appId, "appId");
        if (userId.isEmpty() || appId.isEmpty()) {
            throw new CryptoException(CryptoReason.INVALID_INPUT, "user id and app id must not be empty");
        }
        if (key == null) {
            return PairwiseId.ofBytes(store.find(userId, appId)
                    .orElseGet(() -> store.putIfAbsent(userId, appId, RandomTokens.bytes(PairwiseId.BYTES))));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            field(mac, userId);
            field(mac, appId);
            return PairwiseId.ofBytes(Arrays.copyOf(mac.doFinal(), PairwiseId.BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute HmacSHA256", e);
        }
    }

    private static void field(Mac mac, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        mac.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
            (byte) b.length});
        mac.update(b);
    }

    @Override
    public String toString() {
        return key == null ? "PairwiseIds[random]" : "PairwiseIds[deterministic, key=***]";
    }
}
