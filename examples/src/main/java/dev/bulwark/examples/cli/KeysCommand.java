package dev.bulwark.examples.cli;

import dev.bulwark.core.RandomTokens;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark keys new kek|webhook-secret|api-key|totp-secret}: prints fresh key material.
 */
@Command(name = "keys", description = "Generate keys and secrets.", mixinStandardHelpOptions = true,
        subcommands = {KeysCommand.New.class})
public final class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: new");
    }

    /** What {@code keys new} can generate. */
    public enum Kind {
        /** A key-ring JSON document with one primary 256-bit KEK (the format {@code --keyring} reads). */
        kek,
        /** A Standard Webhooks secret: {@code whsec_} + base64 of 32 random bytes. */
        webhook_secret,
        /** One raw API key: {@code ak_live_} + 64 lower-case hex characters. */
        api_key,
        /** A TOTP secret: 160 random bits in RFC 4648 base32, no padding. */
        totp_secret
    }

    /** {@code keys new KIND}. */
    @Command(name = "new", description = "Print a new kek, webhook-secret, api-key or totp-secret.",
            mixinStandardHelpOptions = true)
    static final class New implements Callable<Integer> {
        private final CliIo io;

        @Parameters(index = "0", paramLabel = "KIND",
                description = "kek | webhook-secret | api-key | totp-secret", converter = KindConverter.class)
        private Kind kind;

        New(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            PrintWriter out = io.outText();
            out.println(generate(kind));
            out.flush();
            return BulwarkCli.OK;
        }
    }

    static String generate(Kind kind) {
        switch (kind) {
            case kek:
                return KeyRingDocuments.newKeyRing();
            case webhook_secret:
                return "whsec_" + java.util.Base64.getEncoder().encodeToString(RandomTokens.bytes(32));
            case api_key:
                return "ak_live_" + RandomTokens.hex(32);
            case totp_secret:
                return RandomTokens.base32(20);
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** Accepts the dashed spelling users type ({@code webhook-secret}). */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown kind '" + value + "': expected kek, webhook-secret, api-key or totp-secret");
            }
        }
    }
}
