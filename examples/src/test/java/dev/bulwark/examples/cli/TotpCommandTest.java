package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TotpCommandTest {

    private final TokenCliTestIo t = new TokenCliTestIo();

    private int run(String... args) {
        return BulwarkCli.runCommand(TotpCommand.class, t.io(), args);
    }

    @Test
    void code_matchesRfc6238Vectors() {
        // RFC 6238 Appendix B, SHA1 seed "12345678901234567890" in base32.
        assertThat(run("code", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--digits", "8", "--now", "59")).isZero();
        assertThat(t.out()).isEqualTo("94287082");
        assertThat(run("code", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--digits", "8", "--now", "20000000000")).isZero();
        assertThat(t.out()).isEqualTo("65353130");
        // SHA256 seed of 32 bytes
        assertThat(run("code", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", "--digits", "8",
                "--alg", "SHA256", "--now", "1111111109")).isZero();
        assertThat(t.out()).isEqualTo("68084774");
        assertThat(run("code", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--now", "59")).isZero();
        assertThat(t.out()).isEqualTo("287082");
    }

    @Test
    void badInput() {
        assertThat(run("code", "--secret", "not base32!", "--now", "59")).isEqualTo(1);
        assertThat(t.err()).startsWith("MALFORMED_ENCODING: ");
        assertThat(run("code", "--secret", "GEZDGNBV", "--digits", "9")).isEqualTo(2);
        assertThat(run("code", "--secret", "GEZDGNBV", "--alg", "MD5")).isEqualTo(2);
        assertThat(run("code")).isEqualTo(2);
    }
}
