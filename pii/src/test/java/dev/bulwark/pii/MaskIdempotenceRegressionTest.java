package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Found by {@code PiiPropertiesTest} (seed -9107097005445279959): a context word ("Fax:") belongs to the first
 * value after it, so a later bare number ("order 7124429561") is not a phone; once the first value was masked
 * to {@code [PHONE]} it no longer looked like a value, the context word passed on to the order number, and
 * masking the masked text masked again. Masking must be idempotent for every operator.
 */
class MaskIdempotenceRegressionTest {

    private static final Secret KEY = Secret.ofUtf8("regression-test-key-0123456789");

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "Fax: (415) 555-2671 - order 7124429561 and more| REDACT",
        "Fax: (415) 555-2671 - order 7124429561 and more| PARTIAL",
        "Fax: (415) 555-2671 - order 7124429561 and more| KEEP_FIRST",
        "Fax: (415) 555-2671 - order 7124429561 and more| HASH",
        "Fax: (415) 555-2671 - order 7124429561 and more| TRUNCATE",
        "Fax: (415) 555-2671 - order 7124429561 and more| LAST_FOUR",
        "SSN 078-05-1120, then order 419296712 shipped| REDACT",
        "phone +1 415 555 2671 / ref 4155552672 end| REDACT",
    })
    void maskingTheMaskedText_changesNothing(String text, MaskOperator op) {
        Masker m = Masker.builder().operator(MaskingOperators.of(op, KEY)).build();
        String once = m.mask(text);
        assertThat(m.mask(once)).as("%s: %s", op, once).isEqualTo(once);
    }
}
