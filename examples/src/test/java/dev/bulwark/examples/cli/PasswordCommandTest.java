package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return BulwarkCli.runCommand(PasswordCommand.class, new CliIo(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void hash_thenVerify_matchExit0_mismatchExit1() {
        assertThat(run("correct horse\n", "hash")).isZero();
        String phc = out();
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(run("correct horse\n", "verify", phc)).isZero();
        assertThat(out()).isEqualTo("match");
        assertThat(run("correct horse", "verify", phc)).isZero();
        assertThat(run("correct horsE\n", "verify", phc)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("PASSWORD_MISMATCH: ").doesNotContain("horse");
    }

    @Test
    void verify_legacyBcrypt_matchNeedsRehash() {
        assertThat(run("password\n", "verify", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")).isZero();
        assertThat(out()).isEqualTo("match (needs rehash)");
    }

    @Test
    void verify_malformedHash_exit1MalformedHash() {
        assertThat(run("pw\n", "verify", "$argon2id$v=19$nonsense")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("MALFORMED_HASH: ");
    }

    @Test
    void hash_emptyPassword_exit1_missingSubcommand_exit2() {
        assertThat(run("\n", "hash")).isEqualTo(1);
        assertThat(run("pw")).isEqualTo(2);
        assertThat(run("pw", "verify")).isEqualTo(2);
    }
}
