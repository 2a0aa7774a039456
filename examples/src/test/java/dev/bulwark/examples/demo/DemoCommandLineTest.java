package dev.bulwark.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.cli.BulwarkCli;
import dev.bulwark.examples.cli.CliIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bulwark demo}'s option errors (the running demo itself is covered by {@link DemoServerTest}). */
class DemoCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BulwarkCli.run(new CliIo(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    @Test
    void unknownWebhookScheme_isAUsageError() {
        assertThat(run("demo", "--port", "0", "--webhook-secret", "slack=abc")).isEqualTo(BulwarkCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--webhook-secret").doesNotContain("abc");
    }

    @Test
    void webhookSecretWithoutEquals_isAUsageError() {
        assertThat(run("demo", "--port", "0", "--webhook-secret", "github")).isEqualTo(BulwarkCli.USAGE);
    }

    @Test
    void portOutOfRange_isAUsageError() {
        assertThat(run("demo", "--port", "70000")).isEqualTo(BulwarkCli.USAGE);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unreachableRedis_failsFast_withOneLineAndExit1_neverFallingBackToMemory() {
        assertThat(run("demo", "--port", "0", "--redis", "redis://:hunter2@127.0.0.1:1")).isEqualTo(BulwarkCli.REJECTED);
        assertThat(errText().strip().lines()).hasSize(1);
        assertThat(errText()).startsWith("STORE_UNAVAILABLE: redis at redis://127.0.0.1:1")
                .doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening");
    }

    @Test
    void unreachablePostgres_failsFast_withOneLineAndExit1_neverFallingBackToMemory() {
        assertThat(run("demo", "--port", "0", "--postgres",
                "jdbc:postgresql://127.0.0.1:1/test?user=app&password=hunter2")).isEqualTo(BulwarkCli.REJECTED);
        assertThat(errText().strip().lines()).hasSize(1);
        assertThat(errText()).startsWith("STORE_UNAVAILABLE: postgresql at jdbc:postgresql://127.0.0.1:1/test?user=app as app")
                .doesNotContain("hunter2").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening");
    }

    @Test
    void malformedBackendUris_areUsageErrors() {
        assertThat(run("demo", "--port", "0", "--redis", "http://127.0.0.1:6379")).isEqualTo(BulwarkCli.USAGE);
        assertThat(errText()).contains("--redis");
        assertThat(run("demo", "--port", "0", "--postgres", "postgresql://127.0.0.1/test")).isEqualTo(BulwarkCli.USAGE);
        assertThat(errText()).contains("--postgres");
    }
}
