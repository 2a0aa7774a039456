package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int run(InputStream stdin, String... args) {
        return BulwarkCli.runCommand(PiiCommand.class, new CliIo(stdin, out, new PrintStream(err, true,
                StandardCharsets.UTF_8)), args);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void scan_printsOneJsonObjectPerLine_withDesignShape() throws Exception {
        String in = "Contact: john.doe@example.com\nnothing here\r\ncard 4242 4242 4242 4242 ip 10.0.0.1";
        assertThat(run(in, "scan")).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(
                "{\"line\":1,\"spans\":[{\"type\":\"EMAIL\",\"start\":9,\"end\":29,\"confidence\":0.99}]}");
        assertThat(lines.get(1)).isEqualTo("{\"line\":2,\"spans\":[]}");
        JsonNode third = new ObjectMapper().readTree(lines.get(2));
        assertThat(third.get("line").asInt()).isEqualTo(3);
        assertThat(third.get("spans")).extracting(s -> s.get("type").asText()).containsExactly("CREDIT_CARD", "IPV4");
        assertThat(third.get("spans").get(0).get("start").asInt()).isEqualTo(5);
        assertThat(third.get("spans").get(0).get("end").asInt()).isEqualTo(24);
    }

    @Test
    void scan_utf16Indices() {
        assertThat(run("\uD83D\uDE00 a@example.com\n", "scan", "--json")).isZero();
        assertThat(lines().get(0)).contains("\"start\":3,\"end\":16");
    }

    @Test
    void scan_typesFilter() {
        assertThat(run("a@example.com 10.0.0.1\n", "scan", "--types", "ipv4")).isZero();
        assertThat(lines().get(0)).contains("IPV4").doesNotContain("EMAIL");
    }

    @Test
    void scan_unknownType_exit2() {
        assertThat(run("x\n", "scan", "--types", "email,passport")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("passport");
    }

    @Test
    void mask_redactPartialHash() {
        String in = "mail john@example.com card 4242 4242 4242 4242\nclean line\n";
        assertThat(run(in, "mask")).isZero();
        assertThat(lines()).containsExactly("mail [EMAIL] card [CREDIT_CARD]", "clean line");
        out.reset();
        assertThat(run(in, "mask", "--operator", "partial")).isZero();
        assertThat(lines().get(0)).isEqualTo("mail j***@example.com card **** **** **** 4242");
        out.reset();
        assertThat(run("a john@example.com\nb john@example.com\n", "mask", "--operator", "hash")).isZero();
        List<String> hashed = lines();
        assertThat(hashed.get(0)).matches("a \\[EMAIL_[0-9a-f]{16}]");
        assertThat(hashed.get(1).substring(2)).isEqualTo(hashed.get(0).substring(2));
    }

    @Test
    void mask_typesFilter_andUnknownOperator() {
        assertThat(run("a@example.com 10.0.0.1\n", "mask", "--types", "email")).isZero();
        assertThat(lines()).containsExactly("[EMAIL] 10.0.0.1");
        assertThat(run("x\n", "mask", "--operator", "rot13")).isEqualTo(2);
        assertThat(run("x\n", "mask", "--types", "nope")).isEqualTo(2);
    }

    @Test
    void mask_streamsLineByLine_constantMemory() {
        // 200,000 lines (about 9 MB) through a generator stream: never materialised as one string
        InputStream gen = new InputStream() {
            private final byte[] line = "user john@example.com from 10.0.0.1 ok\n".getBytes(StandardCharsets.UTF_8);
            private long pos;
            private final long total = 200_000L * line.length;

            @Override
            public int read() {
                return pos < total ? line[(int) (pos++ % line.length)] : -1;
            }
        };
        ByteArrayOutputStream counting = new ByteArrayOutputStream();
        int code = BulwarkCli.runCommand(PiiCommand.class, new CliIo(gen, counting, new PrintStream(err)), "mask");
        assertThat(code).isZero();
        String s = counting.toString(StandardCharsets.UTF_8);
        assertThat(s.lines().count()).isEqualTo(200_000);
        assertThat(s).doesNotContain("john@example.com").startsWith("user [EMAIL] from [IPV4] ok\n");
    }

    @Test
    void mask_lineTooLong_rejectedWithReason() {
        String huge = "x".repeat(PiiCommand.MAX_LINE + 1);
        assertThat(run(huge, "mask")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("INPUT_TOO_LARGE: ");
    }

    @Test
    void noSubcommand_exit2() {
        assertThat(run("", new String[0])).isEqualTo(2);
    }
}
