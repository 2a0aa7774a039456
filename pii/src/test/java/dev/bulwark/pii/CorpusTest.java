package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per type on a seeded labelled corpus (see {@link LabelledCorpus}). A finding counts as
 * a true positive only with the exact type and bounds of a label.
 */
class CorpusTest {

    private static final long SEED = 20261123L;
    private static final int SAMPLES = 6_000;

    @Test
    void precisionAndRecall_meetFloorsPerType() {
        List<LabelledCorpus.Sample> corpus = new LabelledCorpus(SEED).generate(SAMPLES);
        PiiDetector detector = PiiDetector.ofDefaults();
        Map<PiiType, int[]> stats = new EnumMap<>(PiiType.class); // tp, fp, fn
        List<String> misses = new ArrayList<>();
        for (LabelledCorpus.Sample s : corpus) {
            Set<String> expected = new HashSet<>();
            for (LabelledCorpus.Label l : s.labels()) {
                expected.add(l.type() + ":" + l.start() + ":" + l.end());
            }
            Set<String> seen = new HashSet<>();
            for (PiiSpan span : detector.detect(s.text())) {
                String key = span.type() + ":" + span.start() + ":" + span.end();
                int[] st = stats.computeIfAbsent(span.type(), t -> new int[3]);
                if (expected.contains(key)) {
                    st[0]++;
                    seen.add(key);
                } else {
                    st[1]++;
                    if (misses.size() < 40) {
                        misses.add("FP " + span.type() + " '" + span.text(s.text()) + "' in: " + s.text());
                    }
                }
            }
            for (LabelledCorpus.Label l : s.labels()) {
                if (!seen.contains(l.type() + ":" + l.start() + ":" + l.end())) {
                    stats.computeIfAbsent(l.type(), t -> new int[3])[2]++;
                    if (misses.size() < 40) {
                        misses.add("FN " + l.type() + " '" + s.text().substring(l.start(), l.end()) + "' in: "
                                + s.text());
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        Map<PiiType, Double> precision = new EnumMap<>(PiiType.class);
        Map<PiiType, Double> recall = new EnumMap<>(PiiType.class);
        stats.forEach((t, st) -> {
            double p = st[0] + st[1] == 0 ? 1 : (double) st[0] / (st[0] + st[1]);
            double r = st[0] + st[2] == 0 ? 1 : (double) st[0] / (st[0] + st[2]);
            precision.put(t, p);
            recall.put(t, r);
            report.append(String.format("%-12s tp=%5d fp=%4d fn=%4d precision=%.4f recall=%.4f%n", t, st[0], st[1],
                    st[2], p, r));
        });
        System.out.println(report);
        misses.forEach(System.out::println);
        for (PiiType t : List.of(PiiType.EMAIL, PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.IPV4, PiiType.IPV6,
                PiiType.IBAN)) {
            assertThat(stats.get(t)[0]).as("true positives of %s", t).isGreaterThan(300);
            assertThat(precision.get(t)).as("precision of %s%n%s", t, report).isGreaterThanOrEqualTo(0.99);
            assertThat(recall.get(t)).as("recall of %s%n%s", t, report).isGreaterThanOrEqualTo(0.99);
        }
        assertThat(stats.get(PiiType.PHONE)[0]).isGreaterThan(300);
        assertThat(precision.get(PiiType.PHONE)).as("precision of PHONE%n%s", report).isGreaterThanOrEqualTo(0.95);
        assertThat(recall.get(PiiType.PHONE)).as("recall of PHONE%n%s", report).isGreaterThanOrEqualTo(0.95);
    }
}
