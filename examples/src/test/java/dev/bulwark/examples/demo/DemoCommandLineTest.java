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
}
