package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookCommandTest {

    // published examples (webhooks/src/test/resources/vectors/webhook_vectors.json)
    private static final String STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String STD_BODY = "{\"test\": 2432232314}";
    private static final String STD_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String STRIPE_BODY = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
    private static final String STRIPE_HEADER =
            "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";

    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void streams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    private int run(String... args) {
        return BulwarkCli.runCommand(WebhookCommand.class, new CliIo(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String content) throws Exception {
        Path f = Files.createTempFile(dir, "body", ".bin");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void verify_stripeDocVector_exit0_printsJson() throws Exception {
        int code = run("verify", "--scheme", "stripe", "--secret", "whsec_test_secret", "--body-file",
                file(STRIPE_BODY).toString(), "--header", "Stripe-Signature: " + STRIPE_HEADER, "--now", "1700000100");
        assertThat(code).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("scheme").asText()).isEqualTo("stripe");
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_700_000_000L);
        assertThat(err()).isEmpty();
    }

    @Test
    void verify_tamperedBody_exit1_reasonLineOnStderr() throws Exception {
        int code = run("verify", "--scheme", "stripe", "--secret", "whsec_test_secret", "--body-file",
                file(STRIPE_BODY + " ").toString(), "--header", "Stripe-Signature: " + STRIPE_HEADER, "--now", "1700000000");
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("NO_MATCHING_SIGNATURE: ").doesNotContain("whsec_test_secret")
                .doesNotContain("4f1cd7fe");
        assertThat(err().strip().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void verify_stale_exit1_timestampOutsideTolerance_toleranceOptionWidens() throws Exception {
        String body = file(STRIPE_BODY).toString();
        assertThat(run("verify", "--scheme", "stripe", "--secret", "whsec_test_secret", "--body-file", body,
                "--header", "Stripe-Signature: " + STRIPE_HEADER, "--now", "1700000301")).isEqualTo(1);
        assertThat(err()).startsWith("TIMESTAMP_OUTSIDE_TOLERANCE: ");
        streams();
        assertThat(run("verify", "--scheme", "stripe", "--secret", "whsec_test_secret", "--body-file", body,
                "--header", "Stripe-Signature: " + STRIPE_HEADER, "--now", "1700000301", "--tolerance", "600"))
                .as(err()).isZero();
    }

    @Test
    void verify_standardWithRotation_oldSecretStillVerifies() throws Exception {
        int code = run("verify", "--scheme", "standard", "--secret", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                "--secret", STD_SECRET, "--body-file", file(STD_BODY).toString(),
                "--header", "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek", "--header", "webhook-timestamp: 1614265330",
                "--header", "webhook-signature: " + STD_SIG, "--now", "1614265330");
        assertThat(code).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("event_id").asText()).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
    }

    @Test
    void verify_twilioFormBodyAndUrl_exit0() throws Exception {
        String form = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
        int code = run("verify", "--scheme", "twilio", "--secret", "12345", "--body-file", file(form).toString(),
                "--header", "Content-Type: application/x-www-form-urlencoded",
                "--header", "X-Twilio-Signature: RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                "--url", "https://mycompany.com/myapp.php?foo=1&bar=2");
        assertThat(code).as(err()).isZero();
        streams();
        assertThat(run("verify", "--scheme", "twilio", "--secret", "12345", "--body-file", file(form).toString(),
                "--header", "Content-Type: application/x-www-form-urlencoded",
                "--header", "X-Twilio-Signature: RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isEqualTo(1);
        assertThat(err()).startsWith("MALFORMED_REQUEST: ");
    }

    @Test
    void sign_reproducesStandardWebhooksVector_andVerifyAcceptsItsOutput() throws Exception {
        Path body = file(STD_BODY);
        assertThat(run("sign", "--scheme", "standard", "--secret", STD_SECRET, "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "--body-file", body.toString(), "--now", "1614265330")).as(err()).isZero();
        assertThat(out().lines()).containsExactly("webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp: 1614265330", "webhook-signature: " + STD_SIG);
        String[] headers = out().lines().toArray(String[]::new);
        streams();
        assertThat(run("verify", "--scheme", "standard", "--secret", STD_SECRET, "--body-file", body.toString(),
                "--header", headers[0], "--header", headers[1], "--header", headers[2], "--now", "1614265400"))
                .as(err()).isZero();
    }

    @Test
    void missingHeader_exit1() throws Exception {
        assertThat(run("verify", "--scheme", "github", "--secret", "s", "--body-file", file("{}").toString())).isEqualTo(1);
        assertThat(err()).startsWith("MISSING_HEADER: ");
    }

    @Test
    void usageErrors_exit2() throws Exception {
        String body = file("{}").toString();
        assertThat(run("verify", "--scheme", "gitlab", "--secret", "s", "--body-file", body)).isEqualTo(2);
        assertThat(err()).contains("unknown webhook scheme");
        assertThat(run("verify", "--scheme", "github", "--secret", "s")).isEqualTo(2);
        assertThat(run("verify", "--scheme", "github", "--body-file", body)).isEqualTo(2);
        assertThat(run("verify", "--scheme", "github", "--secret", "s", "--body-file", body, "--header", "nocolon"))
                .isEqualTo(2);
        assertThat(run("verify", "--scheme", "github", "--secret", "s", "--body-file", body, "--tolerance", "60"))
                .isEqualTo(2);
        assertThat(run("verify", "--scheme", "stripe", "--secret", "", "--body-file", body)).isEqualTo(2);
        assertThat(run("verify", "--scheme", "github", "--secret", "s", "--body-file", dir.resolve("absent").toString()))
                .isEqualTo(2);
        assertThat(run("sign", "--scheme", "stripe", "--secret", STD_SECRET, "--id", "m", "--body-file", body)).isEqualTo(2);
        assertThat(run("sign", "--scheme", "standard", "--secret", "whsec_!!", "--id", "m", "--body-file", body))
                .isEqualTo(2);
        assertThat(run("sign", "--scheme", "standard", "--secret", STD_SECRET, "--id", "a b", "--body-file", body))
                .isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(out()).isEmpty();
    }
}
