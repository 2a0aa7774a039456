package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.AuditSinks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnvelopeConcurrencyTest {

    @Test
    void encryptDecrypt_fromManyThreads_allRoundTrip_withRotationMidway() throws Exception {
        KekProviders.Rotatable provider = KekProviders.rotatable(KeyRing.of(
                EnvelopeEncryptorTest.kek("kek-a", KekState.PRIMARY, 1),
                EnvelopeEncryptorTest.kek("kek-b", KekState.ACTIVE, 2)));
        EnvelopeEncryptor enc = EnvelopeEncryptor.builder().kekProvider(provider).clock(EnvelopeEncryptorTest.CLOCK)
                .auditSink(AuditSinks.noop()).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 300; i++) {
                        if (thread == 0 && i == 150) {
                            provider.set(provider.keyRing().withPrimary("kek-b"));
                        }
                        EncryptionContext ctx = EncryptionContext.of("row", thread + "-" + i);
                        byte[] pt = new byte[i == 0 ? 20_000 : i];
                        pt[pt.length - 1] = (byte) (thread + 1);
                        byte[] back = enc.decrypt(enc.encrypt(pt, ctx), ctx);
                        if (java.util.Arrays.equals(pt, back)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
