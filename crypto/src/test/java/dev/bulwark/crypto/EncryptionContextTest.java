package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InvalidInputException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {

    @Test
    void encoded_isDocumentedCanonicalForm() {
        EncryptionContext c = EncryptionContext.of("row", "7", "a", "");
        // u16 count=2, "a" -> "", "row" -> "7"
        assertThat(HexFormat.of().formatHex(c.encoded())).isEqualTo("0002" + "000161" + "0000" + "0003726f77" + "000137");
        assertThat(EncryptionContext.empty().encoded()).containsExactly(0, 0);
    }

    @Test
    void of_orderIndependent_equalAndSameEncoding() {
        EncryptionContext a = EncryptionContext.of("x", "1", "y", "2");
        EncryptionContext b = EncryptionContext.of(Map.of("y", "2", "x", "1"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.encoded()).isEqualTo(b.encoded());
        assertThat(a.toString()).isEqualTo("EncryptionContext{x=1, y=2}");
    }

    @Test
    void of_ambiguousConcatenations_differ() {
        assertThat(EncryptionContext.of("ab", "c").encoded()).isNotEqualTo(EncryptionContext.of("a", "bc").encoded());
    }

    @Test
    void of_badInput_invalidInputException() {
        assertThatThrownBy(() -> EncryptionContext.of("a")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> EncryptionContext.of("a", "1", "a", "2")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> EncryptionContext.of("", "1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EncryptionContext.of("a", null)).isInstanceOf(InvalidInputException.class);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= EncryptionContext.MAX_ENTRIES; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> EncryptionContext.of(many)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 64");
        assertThatThrownBy(() -> EncryptionContext.of("k", "v".repeat(9000))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void encoded_returnsCopy() {
        EncryptionContext c = EncryptionContext.of("a", "b");
        c.encoded()[0] = 9;
        assertThat(c.encoded()[0]).isZero();
    }
}
