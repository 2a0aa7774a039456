package dev.bulwark.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.InvalidInputException;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.AccessTokens;
import dev.bulwark.tokens.JwsAlgorithm;
import dev.bulwark.tokens.SigningKey;
import dev.bulwark.tokens.SigningKeys;
import dev.bulwark.tokens.TokenException;
import dev.bulwark.tokens.TokenReason;
import dev.bulwark.tokens.VerifiedToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark jwt sign|verify}: signs a claims file as an {@code at+jwt} access token, or verifies one
 * with every access-token rule of {@link AccessTokens} (except the session check, which needs a store) and
 * prints the verified claims as JSON.
 */
@Command(name = "jwt", description = "Sign and verify JWT access tokens.", mixinStandardHelpOptions = true,
        subcommands = {JwtCommand.Sign.class, JwtCommand.Verify.class})
public final class JwtCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: sign or verify");
    }

    /** {@code jwt sign --alg A --key-file F [--kid K] --claims-file F}. */
    @Command(name = "sign", description = "Sign the claims in a JSON file as an at+jwt token.", mixinStandardHelpOptions = true)
    static final class Sign implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--alg", required = true, description = "HS256 | RS256 | PS256 | ES256 | EdDSA | Ed25519")
        private String alg;

        @Option(names = "--key-file", required = true, description = "PEM private key, or base64 / whsec_ secret for HS256")
        private Path keyFile;

        @Option(names = "--kid", defaultValue = "default", description = "key id written in the header (default: ${DEFAULT-VALUE})")
        private String kid;

        @Option(names = "--claims-file", required = true, description = "JSON object of claims")
        private Path claimsFile;

        Sign(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            SigningKey key = readKey(kid, algorithm(alg), keyFile);
            if (!key.canSign()) {
                throw new CliUsageException("--key-file holds no private key: cannot sign");
            }
            byte[] claims = Files.readAllBytes(claimsFile);
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(claims);
            } catch (IOException e) {
                throw new CliRejection(CliRejection.Reason.MALFORMED_INPUT, "claims file is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw new CliRejection(CliRejection.Reason.MALFORMED_INPUT, "claims file must hold one JSON object");
            }
            String token = SigningKeys.of(key).sign(new ObjectMapper().writeValueAsBytes(node), AccessTokens.TYPE);
            PrintWriter out = io.outText();
            out.println(token);
            out.flush();
            return BulwarkCli.OK;
        }
    }

    /** {@code jwt verify --alg A --key-file F [--iss I] [--aud A] [--now EPOCH_SECONDS] TOKEN}. */
    @Command(name = "verify", description = "Verify an at+jwt access token and print its claims as JSON.",
            mixinStandardHelpOptions = true)
    static final class Verify implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--alg", required = true, description = "the one algorithm accepted")
        private String alg;

        @Option(names = "--key-file", required = true, description = "PEM public key, or base64 / whsec_ secret for HS256")
        private Path keyFile;

        @Option(names = "--iss", description = "required issuer (otherwise any issuer, still required to be present)")
        private String iss;

        @Option(names = "--aud", description = "required audience (otherwise any audience, still required)")
        private String aud;

        @Option(names = "--now", description = "verification time, epoch seconds (default: the system clock)")
        private Long now;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "the compact JWT")
        private String token;

        Verify(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            JwsAlgorithm a = algorithm(alg);
            SigningKey key = readKey(kidOf(token), a, keyFile);
            if (!key.canVerify()) {
                throw new CliUsageException("--key-file holds no public key: cannot verify");
            }
            Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
            AccessTokens.Builder b = AccessTokens.builder().signingKeys(SigningKeys.verifyOnly(key)).clock(clock)
                    .ttl(Duration.ofHours(24)).maxTtl(Duration.ofHours(24)).withoutSessionCheck();
            if (iss == null) {
                b.acceptAnyIssuer();
            } else {
                b.issuer(iss);
            }
            if (aud == null) {
                b.acceptAnyAudience();
            } else {
                b.audience(aud);
            }
            VerifiedToken v = b.build().verify(token);
            PrintWriter out = io.outText();
            out.println(new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(v.claims()));
            out.flush();
            return BulwarkCli.OK;
        }
    }

    /** The header's kid when it is well formed (the one key given on the command line is filed under it). */
    private static String kidOf(String token) {
        int dot = token.indexOf('.');
        if (dot > 0) {
            try {
                JsonNode h = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
                JsonNode kid = h == null ? null : h.get("kid");
                if (kid != null && kid.isTextual() && SigningKey.isValidKid(kid.asText())) {
                    return kid.asText();
                }
                if (kid != null) {
                    throw new TokenException(TokenReason.INVALID_KID, "kid must be 1 to 64 characters of [A-Za-z0-9._-]");
                }
            } catch (IOException | IllegalArgumentException e) {
                // the verifier reports the malformed token
            }
        }
        return "cli";
    }

    private static JwsAlgorithm algorithm(String name) {
        try {
            return JwsAlgorithm.of(name);
        } catch (dev.bulwark.core.ConfigurationException e) {
            throw new CliUsageException(e.getMessage());
        }
    }

    static SigningKey readKey(String kid, JwsAlgorithm alg, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (alg == JwsAlgorithm.HS256 && text.startsWith("whsec_")) {
            try {
                return SigningKey.hmac(kid, Secret.ofWhsec(text));
            } catch (InvalidInputException e) {
                throw new CliUsageException("--key-file is not a valid whsec_ secret");
            }
        }
        return SigningKey.fromPem(kid, alg, text);
    }
}
