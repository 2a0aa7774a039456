package dev.bulwark.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RandomTokens;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ApiKeyStore} must have. Extend it and implement {@link #store()}. */
public abstract class ApiKeyStoreContract {

    /** A fixed instant the suite's records are built around. */
    protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** {@return the store under test} */
    protected abstract ApiKeyStore store();

    private static ApiKeyRecord key(String org) {
        return new ApiKeyRecord("key_" + RandomTokens.hex(16), org, "ci deploy", "ak_live_3f9a", RandomTokens.hex(32),
                Set.of("projects.read", "projects.write"), T0, null, null, null);
    }

    private static String org() {
        return "org-" + RandomTokens.hex(16);
    }

    @Test
    void insert_thenFind_returnsEveryField() {
        ApiKeyRecord k = key(org());
        store().insert(k);
        ApiKeyRecord found = store().find(k.keyId()).orElseThrow();
        assertThat(found).isEqualTo(k);
        assertThat(found.hash()).isEqualTo(k.hash());
        assertThat(store().find("key_missing_" + RandomTokens.hex(16))).isEmpty();
    }

    @Test
    void listByOrg_isScopedToTheOrg() {
        String org = org();
        ApiKeyRecord a = key(org);
        ApiKeyRecord b = key(org);
        store().insert(a);
        store().insert(b);
        store().insert(key(org()));
        assertThat(store().listByOrg(org)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void revoke_isOnce() {
        ApiKeyRecord k = key(org());
        store().insert(k);
        assertThat(store().revoke(k.keyId(), T0.plusSeconds(7))).isTrue();
        assertThat(store().revoke(k.keyId(), T0.plusSeconds(8))).isFalse();
        assertThat(store().find(k.keyId()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void touch_recordsLastUse_andOnlyMovesForward() {
        ApiKeyRecord k = key(org());
        store().insert(k);
        store().touch(k.keyId(), T0.plusSeconds(60));
        store().touch(k.keyId(), T0.plusSeconds(10));
        assertThat(store().find(k.keyId()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }
}
