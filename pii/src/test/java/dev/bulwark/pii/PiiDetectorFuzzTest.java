package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.Secret;
import java.util.List;

/**
 * Jazzer targets for the scanner (untrusted text). By default ({@code mvn verify}) they run as regression
 * tests over the committed inputs in {@code src/test/resources/dev/bulwark/pii/PiiDetectorFuzzTestInputs};
 * {@code -Pfuzz} fuzzes. Invariants: no exception other than the documented {@link PiiException}, spans
 * within bounds, sorted and non-overlapping, masking removes every detected value.
 */
class PiiDetectorFuzzTest {

    private static final Masker HASHING = Masker.builder()
            .operator(MaskingOperators.keyedHash(Secret.ofUtf8("fuzz-key-0123456789abcdef"))).build();

    @FuzzTest
    void detect(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<PiiSpan> spans = PiiDetector.ofDefaults().detect(text);
        PiiPropertiesTest.assertSpanInvariants(text, spans);
        String masked = Masker.ofDefaults().mask(text, spans);
        for (PiiSpan s : spans) {
            String value = s.text(text);
            if (!PiiPropertiesTest.occursOutsideSpans(text, value, spans)) {
                assertThat(masked).doesNotContain(value);
            }
        }
    }

    @FuzzTest
    void maskWithEveryOperator(FuzzedDataProvider data) {
        boolean hash = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        Masker m = hash ? HASHING : LogMasking.defaultMasker();
        String masked = m.mask(text);
        assertThat(masked).isNotNull();
        PiiPropertiesTest.assertSpanInvariants(masked, m.detector().detect(masked));
    }
}
