package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitSimulatorTest {

    private static String replay(String input, String... bandwidths) throws Exception {
        RateLimitSimulator sim = RateLimitSimulator.of(
                java.util.Arrays.stream(bandwidths).map(RateLimitSimulator::parseBandwidth).toList());
        StringWriter out = new StringWriter();
        sim.run(new BufferedReader(new StringReader(input)), out);
        return out.toString();
    }

    @Test
    void run_workedExample() throws Exception {
        String in = "0 1\n0 1\n0 1\n500 1\n999 1\n1000 1\n1000 3\n";
        assertThat(replay(in, "2/1/1000")).isEqualTo("allow 1\nallow 0\ndeny 1000\ndeny 500\ndeny 1\nallow 0\ndeny -1\n");
    }

    @Test
    void run_fractionalRefill_retryRoundsUpToWholeMs() throws Exception {
        // 3 tokens per 1000 ms: one token every 333.33 ms
        assertThat(replay("0 3\n0 1\n333 1\n334 1\n", "3/3/1000")).isEqualTo("allow 0\ndeny 334\ndeny 1\nallow 0\n");
    }

    @Test
    void run_keysIndependent_defaultKeyShared() throws Exception {
        assertThat(replay("0 1 a\n0 1 a\n0 1 b\n0 1\n0 1\n", "1/1/1000")).isEqualTo("allow 0\ndeny 1000\nallow 0\nallow 0\ndeny 1000\n");
    }

    @Test
    void run_severalBandwidths_remainingIsTightest_retryIsSlowest() throws Exception {
        // burst 5 per second, sustained 3 per minute: the sustained one is tightest and slowest
        assertThat(replay("0 2\n0 2\n100 1\n100 1\n", "5/5/1000", "3/1/60000"))
                .isEqualTo("allow 1\ndeny 60000\nallow 0\ndeny 59900\n");
    }

    @Test
    void run_blankLinesAndTabs_accepted() throws Exception {
        assertThat(replay("\n0\t1\n  \n5   1   k \r\n", "1/1/10")).isEqualTo("allow 0\nallow 0\n");
    }

    @Test
    void apply_timeBackwards_malformedWithLineNumber() {
        RateLimitSimulator sim = RateLimitSimulator.of(List.of(RateLimitSimulator.parseBandwidth("1/1/10")));
        sim.apply("10 1");
        assertThatThrownBy(() -> sim.apply("9 1")).isInstanceOf(RateLimitException.class)
                .hasMessage("line 2: time goes backwards: 9 after 10")
                .extracting(e -> ((RateLimitException) e).reason()).isEqualTo(RateLimitReason.MALFORMED_INPUT);
    }

    @Test
    void apply_badLines_typedErrors() {
        RateLimitSimulator sim = RateLimitSimulator.of(List.of(RateLimitSimulator.parseBandwidth("1/1/10")));
        assertThatThrownBy(() -> sim.apply("10")).hasMessage("line 1: expected 'TIME_MS COST [KEY]'");
        assertThatThrownBy(() -> sim.apply("10 1 k extra")).hasMessage("line 2: expected 'TIME_MS COST [KEY]'");
        assertThatThrownBy(() -> sim.apply("-1 1")).hasMessage("line 3: TIME_MS must be a non-negative integer");
        assertThatThrownBy(() -> sim.apply("1 x")).hasMessage("line 4: COST must be a non-negative integer");
        assertThatThrownBy(() -> sim.apply("99999999999999999999 1")).hasMessageContaining("TIME_MS");
        assertThatThrownBy(() -> sim.apply("9999999999999999 1")).hasMessageContaining("TIME_MS must be at most");
        assertThatThrownBy(() -> sim.apply("1 0")).isInstanceOf(RateLimitException.class)
                .extracting(e -> ((RateLimitException) e).reason()).isEqualTo(RateLimitReason.INVALID_COST);
    }

    @Test
    void parseBandwidth_rejectsBadSpecs() {
        assertThat(RateLimitSimulator.parseBandwidth("10/1/1000").id()).isEqualTo("10/1/1000ms");
        for (String bad : new String[] {"10/1", "10/1/1000/5", "0/1/1000", "10/0/1000", "10/1/0", "a/1/1", "-1/1/1", "10//1", ""}) {
            assertThatThrownBy(() -> RateLimitSimulator.parseBandwidth(bad)).as(bad).isInstanceOf(ConfigurationException.class);
        }
    }
}
