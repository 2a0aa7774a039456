package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RateLimitCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        CliIo io = new CliIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return BulwarkCli.runCommand(RateLimitCommand.class, io, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void simulate_printsOneAnswerPerRequest() {
        int code = run("0 1\n0 1\n0 1\n500 1\n1000 1\n1000 3\n", "simulate", "--bandwidth", "2/1/1000");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("allow 1\nallow 0\ndeny 1000\ndeny 500\nallow 0\ndeny -1\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void simulate_severalBandwidthsAndKeys() {
        int code = run("0 2 alice\n0 2 alice\n0 2 bob\n100 1 alice\n100 1 alice\n",
                "simulate", "--bandwidth", "5/5/1000", "--bandwidth", "3/1/60000");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("allow 1\ndeny 60000\nallow 1\nallow 0\ndeny 59900\n");
    }

    @Test
    void simulate_timeBackwards_exit1_earlierAnswersKept() {
        int code = run("10 1\n5 1\n20 1\n", "simulate", "--bandwidth", "2/1/1000");
        assertThat(code).isEqualTo(1);
        assertThat(out()).isEqualTo("allow 1\n");
        assertThat(err().strip()).isEqualTo("MALFORMED_INPUT: line 2: time goes backwards: 5 after 10");
    }

    @Test
    void simulate_badLineOrCost_exit1WithReason() {
        assertThat(run("0 abc\n", "simulate", "--bandwidth", "2/1/1000")).isEqualTo(1);
        assertThat(err()).startsWith("MALFORMED_INPUT: line 1:");
        err.reset();
        assertThat(run("0 0\n", "simulate", "--bandwidth", "2/1/1000")).isEqualTo(1);
        assertThat(err()).startsWith("INVALID_COST: line 1:");
    }

    @Test
    void simulate_missingOrBadBandwidth_exit2() {
        assertThat(run("0 1\n", "simulate")).isEqualTo(2);
        assertThat(err()).contains("--bandwidth");
        err.reset();
        assertThat(run("0 1\n", "simulate", "--bandwidth", "10/0/1000")).isEqualTo(2);
        assertThat(err()).contains("REFILL_TOKENS must be at least 1");
        assertThat(run("0 1\n", "simulate", "--bandwidth", "10/1")).isEqualTo(2);
        assertThat(run("0 1\n")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void simulate_emptyInput_noOutput_exit0() {
        assertThat(run("", "simulate", "--bandwidth", "1/1/1")).isZero();
        assertThat(out()).isEmpty();
    }
}
