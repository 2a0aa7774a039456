package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptDecryptCommandTest {

    @TempDir
    Path dir;
    private Path ring;
    private Path otherRing;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void rings() throws Exception {
        ring = dir.resolve("ring.json");
        Files.writeString(ring, KeysCommand.generate(KeysCommand.Kind.kek));
        otherRing = dir.resolve("other.json");
        Files.writeString(otherRing, KeysCommand.generate(KeysCommand.Kind.kek));
    }

    private record Result(int code, byte[] out, String err) {
    }

    private Result run(Class<?> cmd, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        err.reset();
        int code = BulwarkCli.runCommand(cmd, new CliIo(new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void encrypt_thenDecrypt_binarySafeRoundTrip() {
        byte[] plain = new byte[70_000];
        new Random(1).nextBytes(plain);
        Result sealed = run(EncryptCommand.class, plain, "--keyring", ring.toString(), "--context", "tenant=t1",
                "--context", "row=42");
        assertThat(sealed.code()).isZero();
        assertThat(sealed.out()).hasSizeGreaterThan(plain.length);
        Result opened = run(DecryptCommand.class, sealed.out(), "--keyring", ring.toString(), "--context", "row=42",
                "--context", "tenant=t1");
        assertThat(opened.code()).isZero();
        assertThat(opened.out()).isEqualTo(plain);
    }

    @Test
    void decrypt_wrongContext_exit1WithReason() {
        byte[] sealed = run(EncryptCommand.class, "hi".getBytes(StandardCharsets.UTF_8), "--keyring", ring.toString(),
                "--context", "tenant=t1").out();
        Result r = run(DecryptCommand.class, sealed, "--keyring", ring.toString(), "--context", "tenant=t2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("AUTHENTICATION_FAILED: ");
        assertThat(r.out()).isEmpty();
        assertThat(run(DecryptCommand.class, sealed, "--keyring", ring.toString()).code()).isEqualTo(1);
    }

    @Test
    void decrypt_tampered_exit1() {
        byte[] sealed = run(EncryptCommand.class, "hi".getBytes(StandardCharsets.UTF_8), "--keyring", ring.toString())
                .out();
        sealed[sealed.length - 1] ^= 1;
        Result r = run(DecryptCommand.class, sealed, "--keyring", ring.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("AUTHENTICATION_FAILED: ").doesNotContain("\n\n");
    }

    @Test
    void decrypt_wrongKeyRing_exit1UnknownKek() {
        byte[] sealed = run(EncryptCommand.class, "hi".getBytes(StandardCharsets.UTF_8), "--keyring", ring.toString())
                .out();
        Result r = run(DecryptCommand.class, sealed, "--keyring", otherRing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("UNKNOWN_KEK: ");
    }

    @Test
    void decrypt_garbageOrEmpty_exit1() {
        assertThat(run(DecryptCommand.class, new byte[0], "--keyring", ring.toString()).err()).startsWith("TRUNCATED: ");
        assertThat(run(DecryptCommand.class, new byte[] {9, 9, 9}, "--keyring", ring.toString()).err())
                .startsWith("UNSUPPORTED_VERSION: ");
    }

    @Test
    void encrypt_badKeyRingFile_exit1MalformedKeyRing() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\":2}");
        Result r = run(EncryptCommand.class, new byte[1], "--keyring", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("MALFORMED_KEY_RING: ");
        assertThat(run(EncryptCommand.class, new byte[1], "--keyring", dir.resolve("none.json").toString()).err())
                .startsWith("MALFORMED_KEY_RING: ");
    }

    @Test
    void usageErrors_exit2() {
        assertThat(run(EncryptCommand.class, new byte[1]).code()).isEqualTo(2);
        assertThat(run(EncryptCommand.class, new byte[1], "--keyring", ring.toString(), "--context", "novalue").code())
                .isEqualTo(2);
        assertThat(run(EncryptCommand.class, new byte[1], "--keyring", ring.toString(), "--context", "a=1",
                "--context", "a=2").code()).isEqualTo(2);
    }

    @Test
    void encrypt_emptyInput_roundTrips() {
        byte[] sealed = run(EncryptCommand.class, new byte[0], "--keyring", ring.toString()).out();
        Result r = run(DecryptCommand.class, sealed, "--keyring", ring.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
    }
}
