package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtCommandTest {

    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;
    private final TokenCliTestIo t = new TokenCliTestIo();

    private int run(String... args) {
        return BulwarkCli.runCommand(JwtCommand.class, t.io(), args);
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private Path claims(long iat, long exp) throws Exception {
        return write("claims.json", "{\"iss\":\"https://id.example\",\"aud\":\"api\",\"sub\":\"u1\",\"sid\":\"s1\","
                + "\"jti\":\"j1\",\"iat\":" + iat + ",\"exp\":" + exp + ",\"org\":\"o1\",\"scope\":\"a b\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA", "Ed25519"})
    void signThenVerify_asymmetric_printsClaims(String alg) throws Exception {
        KeyPair kp;
        if (alg.startsWith("E") && !alg.equals("ES256")) {
            kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } else if (alg.equals("ES256")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            kp = g.generateKeyPair();
        } else {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            kp = g.generateKeyPair();
        }
        Path priv = write("priv.pem", pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Path pub = write("pub.pem", pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        assertThat(run("sign", "--alg", alg, "--key-file", priv.toString(), "--kid", "k-1",
                "--claims-file", claims(NOW, NOW + 600).toString())).isZero();
        String token = t.out();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(run("verify", "--alg", alg, "--key-file", pub.toString(), "--iss", "https://id.example", "--aud", "api",
                "--now", Long.toString(NOW + 60), token)).isZero();
        JsonNode claims = new ObjectMapper().readTree(t.out());
        assertThat(claims.get("sub").asText()).isEqualTo("u1");
        assertThat(claims.get("org").asText()).isEqualTo("o1");
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW + 600);
    }

    @Test
    void hs256_withBase64AndWhsecKeys() throws Exception {
        byte[] secret = new byte[32];
        for (int i = 0; i < 32; i++) {
            secret[i] = (byte) (i * 7 + 1);
        }
        Path b64 = write("k.txt", Base64.getEncoder().encodeToString(secret));
        Path whsec = write("w.txt", "whsec_" + Base64.getEncoder().encodeToString(secret));
        assertThat(run("sign", "--alg", "HS256", "--key-file", b64.toString(), "--claims-file", claims(NOW, NOW + 60).toString())).isZero();
        String token = t.out();
        assertThat(run("verify", "--alg", "HS256", "--key-file", whsec.toString(), "--now", Long.toString(NOW), token)).isZero();
        assertThat(t.out()).contains("\"sub\":\"u1\"");
    }

    @Test
    void verify_rejections_exit1WithReasonFirst() throws Exception {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 3);
        secret[0] = 9;
        Path key = write("k.txt", Base64.getEncoder().encodeToString(secret));
        assertThat(run("sign", "--alg", "HS256", "--key-file", key.toString(), "--claims-file", claims(NOW, NOW + 600).toString())).isZero();
        String token = t.out();

        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW + 700), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("EXPIRED: ").doesNotContain(token);
        assertThat(t.out()).isEmpty();

        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--iss", "other", "--now", Long.toString(NOW), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("WRONG_ISSUER: ");

        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--aud", "other", "--now", Long.toString(NOW), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("WRONG_AUDIENCE: ");

        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW - 120), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("ISSUED_IN_FUTURE: ");

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW), tampered)).isEqualTo(1);
        assertThat(t.err()).startsWith("BAD_SIGNATURE: ");

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path pub = write("pub.pem", pem("PUBLIC KEY", g.generateKeyPair().getPublic().getEncoded()));
        assertThat(run("verify", "--alg", "RS256", "--key-file", pub.toString(), "--now", Long.toString(NOW), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("ALG_NOT_ALLOWED: ");

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'), token.lastIndexOf('.')) + ".AAAA";
        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW), none)).isEqualTo(1);
        assertThat(t.err()).startsWith("ALG_NOT_ALLOWED: ");

        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW), "garbage")).isEqualTo(1);
        assertThat(t.err()).startsWith("MALFORMED: ");
    }

    @Test
    void sign_missingClaimIsCaughtOnVerify() throws Exception {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 5);
        secret[1] = 1;
        Path key = write("k.txt", Base64.getEncoder().encodeToString(secret));
        Path c = write("c.json", "{\"iss\":\"i\",\"aud\":\"a\",\"sub\":\"u\",\"jti\":\"j\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 60) + "}");
        assertThat(run("sign", "--alg", "HS256", "--key-file", key.toString(), "--claims-file", c.toString())).isZero();
        String token = t.out();
        assertThat(run("verify", "--alg", "HS256", "--key-file", key.toString(), "--now", Long.toString(NOW), token)).isEqualTo(1);
        assertThat(t.err()).startsWith("MISSING_CLAIM: ").contains("sid");
    }

    @Test
    void usageErrors_exit2() throws Exception {
        assertThat(run("sign", "--alg", "HS256")).isEqualTo(2);
        assertThat(run("verify", "--alg", "none", "--key-file", "x", "t")).isEqualTo(2);
        assertThat(t.err()).contains("unsupported JWS algorithm");
        assertThat(run("verify", "--alg", "HS256", "--key-file", dir.resolve("missing").toString(), "t")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        Path key = write("short.txt", Base64.getEncoder().encodeToString(new byte[16]));
        Path c = write("c.json", "[1,2]");
        assertThat(run("sign", "--alg", "HS256", "--key-file", key.toString(), "--claims-file", c.toString())).isEqualTo(1);
        assertThat(t.err()).startsWith("INVALID_CONFIGURATION: ").contains("256 bits");
    }
}
