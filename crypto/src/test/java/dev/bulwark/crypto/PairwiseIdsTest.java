package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PairwiseIdsTest {

    private static final PairwiseIds DET = PairwiseIds.deterministic(Secret.ofBytes(new byte[32]));

    @Test
    void deterministic_stablePerPair_differentAcrossApps() {
        PairwiseId a = DET.idFor("user-17", "app-a");
        assertThat(DET.idFor("user-17", "app-a")).isEqualTo(a);
        assertThat(DET.idFor("user-17", "app-b")).isNotEqualTo(a);
        assertThat(DET.idFor("user-18", "app-a")).isNotEqualTo(a);
        assertThat(a.bytes()).hasSize(16);
        assertThat(a.base62()).hasSize(22).matches("[0-9A-Za-z]{22}");
        assertThat(a.base64Url()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void deterministic_fieldBoundariesAreUnambiguous() {
        assertThat(DET.idFor("ab", "c")).isNotEqualTo(DET.idFor("a", "bc"));
    }

    @Test
    void deterministic_otherKey_otherIds() {
        PairwiseIds other = PairwiseIds.deterministic(Secret.ofBytes(new byte[] {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
        assertThat(other.idFor("u", "a")).isNotEqualTo(DET.idFor("u", "a"));
    }

    @Test
    void random_storedOnFirstUse_thenStable() {
        InMemoryPairwiseIdStore store = new InMemoryPairwiseIdStore(10);
        PairwiseIds ids = PairwiseIds.random(store);
        PairwiseId a = ids.idFor("u", "app-a");
        assertThat(ids.idFor("u", "app-a")).isEqualTo(a);
        assertThat(ids.idFor("u", "app-b")).isNotEqualTo(a);
        assertThat(store.find("u", "app-a")).hasValueSatisfying(b -> assertThat(b).isEqualTo(a.bytes()));
    }

    @Test
    void inMemoryStore_full_refusesNewPairs() {
        PairwiseIds ids = PairwiseIds.random(new InMemoryPairwiseIdStore(1));
        ids.idFor("u", "a");
        assertThat(ids.idFor("u", "a")).isNotNull();
        assertThatThrownBy(() -> ids.idFor("u", "b")).isInstanceOf(BulwarkException.class).hasMessageContaining("full");
    }

    @Test
    void badInputs_refused() {
        assertThatThrownBy(() -> PairwiseIds.deterministic(Secret.ofBytes(new byte[16])))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DET.idFor("", "a")).isInstanceOf(CryptoException.class);
        assertThat(DET.toString()).doesNotContain("0, 0");
    }

    @Test
    void base62_ofZeroAndMax() {
        assertThat(PairwiseId.ofBytes(new byte[16]).base62()).isEqualTo("0".repeat(22));
        byte[] max = new byte[16];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThat(PairwiseId.ofBytes(max).base62()).isEqualTo("7n42DGM5Tflk9n8mt7Fhc7");
    }

    @Property(tries = 200)
    void deterministic_noCollisionsAcrossApps(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String user) {
        Set<PairwiseId> seen = new HashSet<>();
        for (int app = 0; app < 20; app++) {
            assertThat(seen.add(DET.idFor(user, "app-" + app))).isTrue();
        }
    }
}
