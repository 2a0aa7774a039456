package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceCommandTest {

    private final TokenCliTestIo t = new TokenCliTestIo();

    private int run(String... args) {
        return BulwarkCli.runCommand(PkceCommand.class, t.io(), args);
    }

    @Test
    void challenge_rfc7636AppendixB() {
        assertThat(run("challenge", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isZero();
        assertThat(t.out()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void invalidVerifier_exit1_missing_exit2() {
        assertThat(run("challenge", "too-short")).isEqualTo(1);
        assertThat(t.err()).startsWith("PKCE_INVALID_VERIFIER: ");
        assertThat(run("challenge")).isEqualTo(2);
    }
}
