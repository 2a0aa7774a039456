package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.pii.spi.DedupStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void detector_sharedAcrossThreads_givesSameResultsAsSequential() throws Exception {
        List<String> texts = new LabelledCorpus(99).generate(400).stream().map(LabelledCorpus.Sample::text).toList();
        PiiDetector d = PiiDetector.ofDefaults();
        List<List<PiiSpan>> expected = texts.stream().map(d::detect).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<PiiSpan>>>> futures = IntStream.range(0, 4)
                    .mapToObj(k -> pool.submit(() -> texts.stream().map(d::detect).toList())).toList();
            for (Future<List<List<PiiSpan>>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inMemoryDedupStore_sameFingerprintFromManyThreads_exactlyOneFirst() throws Exception {
        DedupStore store = DedupStore.inMemory(1000);
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> fs = IntStream.range(0, 8).mapToObj(k -> pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    if (store.firstSeen("fp-" + i)) {
                        firsts.incrementAndGet();
                    }
                }
                return null;
            })).toList();
            start.countDown();
            for (Future<Object> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firsts.get()).isEqualTo(500);
    }
}
