package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Property
    void equals_agreesWithArraysEquals(@ForAll @Size(max = 80) byte[] a, @ForAll @Size(max = 80) byte[] b) {
        assertThat(ConstantTime.equals(a, b)).isEqualTo(Arrays.equals(a, b));
        assertThat(ConstantTime.equals(a, a.clone())).isTrue();
    }

    @Property
    void equals_anySingleFlippedBit_unequal(@ForAll @Size(min = 1, max = 80) byte[] a,
            @ForAll @IntRange(min = 0, max = 639) int bit) {
        byte[] b = a.clone();
        int index = bit / 8 % a.length;
        b[index] ^= (byte) (1 << (bit % 8));
        assertThat(ConstantTime.equals(a, b)).isFalse();
        assertThat(ConstantTime.equals(b, a)).isFalse();
    }

    @Test
    void equals_nullsAndLengths() {
        assertThat(ConstantTime.equals(null, new byte[0])).isFalse();
        assertThat(ConstantTime.equals(new byte[0], null)).isFalse();
        assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
        assertThat(ConstantTime.equals(new byte[8], new byte[9])).isFalse();
        assertThat(ConstantTime.equals(new byte[9], new byte[8])).isFalse();
    }
}
