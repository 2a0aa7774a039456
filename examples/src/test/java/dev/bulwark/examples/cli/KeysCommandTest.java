package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BulwarkCli.run(new CliIo(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void keysNewApiKey_printsDocumentedFormat() {
        assertThat(run("keys", "new", "api-key")).isZero();
        assertThat(out()).matches("ak_live_[0-9a-f]{64}");
    }

    @Test
    void keysNewWebhookSecret_printsWhsecOf32Bytes() {
        assertThat(run("keys", "new", "webhook-secret")).isZero();
        assertThat(out()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(out().substring(6))).hasSize(32);
    }

    @Test
    void keysNewTotpSecret_printsBase32Of160Bits() {
        assertThat(run("keys", "new", "totp-secret")).isZero();
        assertThat(out()).matches("[A-Z2-7]{32}");
    }

    @Test
    void keysNewKek_printsKeyRingJson() throws Exception {
        assertThat(run("keys", "new", "kek")).isZero();
        JsonNode doc = new ObjectMapper().readTree(out());
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        JsonNode key = doc.get("keys").get(0);
        assertThat(key.get("id").asText()).isEqualTo(doc.get("primary").asText()).matches("kek-[0-9a-f]{8}");
        assertThat(key.get("state").asText()).isEqualTo("PRIMARY");
        assertThat(Base64.getDecoder().decode(key.get("material").asText())).hasSize(32);
    }

    @Test
    void keysNew_badKind_exit2WithUsage() {
        assertThat(run("keys", "new", "rsa")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown kind 'rsa'").contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void noArguments_orUnknownCommand_exit2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("keys", "new")).isEqualTo(2);
    }

    @Test
    void keysNew_twice_differentKeys() {
        assertThat(KeysCommand.generate(KeysCommand.Kind.api_key)).isNotEqualTo(KeysCommand.generate(KeysCommand.Kind.api_key));
    }
}
