package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTokensTest {

    @Test
    void encodings_haveExpectedShapes() {
        assertThat(RandomTokens.hex(32)).matches("[0-9a-f]{64}");
        assertThat(RandomTokens.base64Url(32)).matches("[A-Za-z0-9_-]{43}");
        assertThat(RandomTokens.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(RandomTokens.base32(20)).matches("[A-Z2-7]{32}");
        assertThat(RandomTokens.bytes(12)).hasSize(12);
    }

    @Test
    void tokens_under128Bits_refused() {
        assertThatThrownBy(() -> RandomTokens.hex(15)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> RandomTokens.bytes(0)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void tokens_doNotRepeat_acrossThreads() throws InterruptedException {
        Set<String> seen = java.util.Collections.synchronizedSet(new HashSet<>());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    seen.add(RandomTokens.token());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(8_000);
        assertThat(RandomTokens.secureRandom().getAlgorithm()).isEqualTo("DRBG");
    }
}
