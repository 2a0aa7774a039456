package dev.bulwark.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.VerifiedWebhook;
import dev.bulwark.webhooks.WebhookRequest;
import dev.bulwark.webhooks.WebhookScheme;
import dev.bulwark.webhooks.WebhookSchemes;
import dev.bulwark.webhooks.WebhookSigner;
import dev.bulwark.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark webhook verify|sign} (DESIGN.md):
 * <pre>
 * bulwark webhook verify --scheme S --secret SECRET [--secret OLD...] --body-file F
 *                        [--header 'Name: value']... [--url URL] [--tolerance SECONDS] [--now EPOCH_SECONDS]
 * bulwark webhook sign   --scheme standard --secret SECRET --id MSG_ID --body-file F [--now EPOCH_SECONDS]
 * </pre>
 * {@code verify} exits 0 and prints {@code {"valid":true,"scheme":...,"event_id":...,"timestamp":...}} when
 * the webhook verifies, 1 with {@code REASON: message} on standard error when it is rejected, 2 on a usage
 * error. A form-encoded body ({@code --header 'Content-Type: application/x-www-form-urlencoded'}) supplies
 * the form parameters of URL-signed schemes (Twilio); {@code --url} is the full URL the provider called.
 * {@code sign} prints the three Standard Webhooks headers as {@code Name: value} lines, ready for
 * {@code --header}.
 */
@Command(name = "webhook", description = "Verify or sign webhooks.", mixinStandardHelpOptions = true,
        subcommands = {WebhookCommand.Verify.class, WebhookCommand.Sign.class})
public final class WebhookCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: verify or sign");
    }

    /** {@code webhook verify}. */
    @Command(name = "verify", description = "Verify a webhook delivery; exit 0 valid, 1 rejected.",
            mixinStandardHelpOptions = true)
    static final class Verify implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--scheme", required = true, paramLabel = "S",
                description = "standard, stripe, github, slack, shopify, twilio, meta, paddle, mercadopago, generic")
        private String scheme;

        @Option(names = "--secret", required = true, paramLabel = "SECRET",
                description = "the secret as the provider shows it; repeat for old secrets during a rotation")
        private List<String> secrets = new ArrayList<>();

        @Option(names = "--body-file", required = true, paramLabel = "F", description = "the raw body, byte for byte")
        private Path bodyFile;

        @Option(names = "--header", paramLabel = "'Name: value'", description = "a request header (repeatable)")
        private List<String> headers = new ArrayList<>();

        @Option(names = "--url", paramLabel = "URL", description = "the full URL the provider called (Twilio, Mercado Pago)")
        private String url;

        @Option(names = "--tolerance", paramLabel = "SECONDS", description = "timestamp tolerance (default: the provider's)")
        private Long toleranceSeconds;

        @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "check as if it were this time")
        private Long now;

        Verify(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            WebhookScheme s = scheme(scheme);
            WebhookVerifier verifier;
            try {
                WebhookVerifier.Builder b = WebhookVerifier.builder(s).clock(clock(now)).auditSink(AuditSinks.noop());
                secrets.forEach(text -> b.secret(Secret.ofUtf8(text)));
                if (toleranceSeconds != null) {
                    b.tolerance(Duration.ofSeconds(toleranceSeconds));
                }
                verifier = b.build();
            } catch (ConfigurationException e) {
                throw new CliUsageException(e.getMessage(), e);
            }
            WebhookRequest.Builder request = WebhookRequest.builder().body(Files.readAllBytes(bodyFile));
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new CliUsageException("--header must be 'Name: value', was '" + h + "'");
                }
                request.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
            if (url != null) {
                request.url(url);
            }
            VerifiedWebhook hook = verifier.verify(request.build());
            ObjectNode out = new ObjectMapper().createObjectNode().put("valid", true).put("scheme", hook.scheme());
            hook.eventId().ifPresentOrElse(id -> out.put("event_id", id), () -> out.putNull("event_id"));
            hook.timestamp().ifPresentOrElse(t -> out.put("timestamp", t.getEpochSecond()), () -> out.putNull("timestamp"));
            PrintWriter w = io.outText();
            w.println(out.toString());
            w.flush();
            return BulwarkCli.OK;
        }
    }

    /** {@code webhook sign}. */
    @Command(name = "sign", description = "Sign a body per Standard Webhooks; prints the three headers.",
            mixinStandardHelpOptions = true)
    static final class Sign implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--scheme", required = true, paramLabel = "S", description = "standard (the only signing scheme)")
        private String scheme;

        @Option(names = "--secret", required = true, paramLabel = "SECRET",
                description = "whsec_ secret; repeat to sign with several during a rotation")
        private List<String> secrets = new ArrayList<>();

        @Option(names = "--id", required = true, paramLabel = "MSG_ID", description = "the unique message id")
        private String id;

        @Option(names = "--body-file", required = true, paramLabel = "F", description = "the exact body to send")
        private Path bodyFile;

        @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "sign as if it were this time")
        private Long now;

        Sign(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            if (!scheme(scheme).name().equals("standard")) {
                throw new CliUsageException("only --scheme standard can sign, was '" + scheme + "'");
            }
            WebhookSigner signer;
            try {
                WebhookSigner.Builder b = WebhookSigner.builder().clock(clock(now));
                secrets.forEach(text -> b.secret(Secret.ofUtf8(text)));
                signer = b.build();
            } catch (ConfigurationException e) {
                throw new CliUsageException(e.getMessage(), e);
            }
            WebhookSigner.SignedWebhook signed;
            try {
                signed = signer.sign(id, Files.readAllBytes(bodyFile));
            } catch (dev.bulwark.core.InvalidInputException e) {
                throw new CliUsageException(e.getMessage(), e);
            }
            PrintWriter w = io.outText();
            signed.headers().forEach((k, v) -> w.println(k + ": " + v));
            w.flush();
            return BulwarkCli.OK;
        }
    }

    private static WebhookScheme scheme(String name) {
        try {
            return WebhookSchemes.byName(name);
        } catch (ConfigurationException e) {
            throw new CliUsageException(e.getMessage(), e);
        }
    }

    private static Clock clock(Long epochSeconds) {
        return epochSeconds == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }
}
