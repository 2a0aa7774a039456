package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Secret;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PiiPropertiesTest {

    private static final Secret KEY = Secret.ofUtf8("property-test-key-0123456789");

    /** Realistic text: a labelled corpus sample from a random seed, with random noise around it. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> corpus = Arbitraries.longs().map(seed -> new LabelledCorpus(seed).generate(1).get(0).text());
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789 -.+()@:/abcXYZ_=\n\u00e9\u4e2d")
                .ofMaxLength(40);
        return Combinators.combine(noise, corpus, noise).as((a, b, c) -> a + b + c);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    @Provide
    Arbitrary<MaskOperator> operators() {
        return Arbitraries.of(MaskOperator.class);
    }

    @Property(tries = 300)
    void spans_withinBounds_sorted_nonOverlapping(@ForAll("texts") String text) {
        assertSpanInvariants(text, PiiDetector.ofDefaults().detect(text));
    }

    @Property(tries = 300)
    void spans_invariants_onArbitraryUnicode(@ForAll("anyText") String text) {
        assertSpanInvariants(text, PiiDetector.ofDefaults().detect(text));
    }

    @Property(tries = 300)
    void mask_neverContainsDetectedValue_andIsIdempotent(@ForAll("texts") String text,
            @ForAll("operators") MaskOperator op) {
        Masker m = Masker.builder().operator(MaskingOperators.of(op, KEY)).build();
        List<PiiSpan> spans = m.detector().detect(text);
        String masked = m.mask(text, spans);
        for (PiiSpan s : spans) {
            String value = s.text(text);
            if (!occursOutsideSpans(text, value, spans)) {
                assertThat(masked).as("masked with %s", op).doesNotContain(value);
            }
        }
        assertThat(m.mask(masked)).as("idempotent with %s", op).isEqualTo(masked);
    }

    @Property(tries = 200)
    void pipeline_neverExceedsTruncationLimits(@ForAll("anyText") String title, @ForAll("texts") String text,
            @ForAll("anyText") String more) {
        SanitizePipeline p = SanitizePipeline.standard(KEY).build();
        String longText = (text + more).repeat(1 + 6000 / Math.max(1, (text + more).length()));
        SanitizeResult r = p.process(SanitizeItem.of("app", title.repeat(3), longText));
        if (r.accepted()) {
            assertThat(r.item().title().length()).isLessThanOrEqualTo(200);
            assertThat(r.item().text().length()).isLessThanOrEqualTo(5000);
        } else {
            assertThat(r.reason()).isEqualTo(PiiReason.DUPLICATE);
        }
    }

    static void assertSpanInvariants(String text, List<PiiSpan> spans) {
        int last = 0;
        for (PiiSpan s : spans) {
            assertThat(s.start()).isGreaterThanOrEqualTo(last);
            assertThat(s.end()).isGreaterThan(s.start()).isLessThanOrEqualTo(text.length());
            assertThat(s.confidence()).isBetween(0.5, 1.0);
            last = s.end();
        }
    }

    /** Whether {@code value} also appears in the text at a place not masked as that same value. */
    static boolean occursOutsideSpans(String text, String value, List<PiiSpan> spans) {
        int from = 0;
        while (true) {
            int at = text.indexOf(value, from);
            if (at < 0) {
                return false;
            }
            int end = at + value.length();
            boolean covered = spans.stream().anyMatch(s -> s.start() <= at && s.end() >= end);
            if (!covered) {
                return true;
            }
            from = at + 1;
        }
    }
}
