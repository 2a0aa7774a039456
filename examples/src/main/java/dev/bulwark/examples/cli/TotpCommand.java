package dev.bulwark.examples.cli;

import dev.bulwark.core.Secret;
import dev.bulwark.tokens.Totp;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark totp code}: prints the RFC 6238 code of a base32 secret at a time. */
@Command(name = "totp", description = "TOTP (RFC 6238) tools.", mixinStandardHelpOptions = true,
        subcommands = {TotpCommand.Code.class})
public final class TotpCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: code");
    }

    /** {@code totp code --secret BASE32 [--digits 6] [--period 30] [--alg SHA1|SHA256|SHA512] [--now EPOCH_SECONDS]}. */
    @Command(name = "code", description = "Print the code for a secret.", mixinStandardHelpOptions = true)
    static final class Code implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--secret", required = true, description = "the shared secret, RFC 4648 base32")
        private String secret;

        @Option(names = "--digits", defaultValue = "6", description = "6 to 8 (default ${DEFAULT-VALUE})")
        private int digits;

        @Option(names = "--period", defaultValue = "30", description = "step in seconds (default ${DEFAULT-VALUE})")
        private long period;

        @Option(names = "--alg", defaultValue = "SHA1", description = "SHA1 | SHA256 | SHA512 (default ${DEFAULT-VALUE})")
        private Totp.Algorithm alg;

        @Option(names = "--now", description = "time in epoch seconds (default: the system clock)")
        private Long now;

        Code(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            if (digits < 6 || digits > 8) {
                throw new CliUsageException("--digits must be 6 to 8, was " + digits);
            }
            if (period < 1 || period > 3600) {
                throw new CliUsageException("--period must be 1 to 3600 seconds, was " + period);
            }
            Secret s = Secret.ofBase32(secret);
            if (s.isEmpty()) {
                throw new CliUsageException("--secret is empty");
            }
            Instant at = now == null ? Clock.systemUTC().instant() : Instant.ofEpochSecond(now);
            PrintWriter out = io.outText();
            out.println(Totp.code(s, at, alg, digits, period));
            out.flush();
            return BulwarkCli.OK;
        }
    }
}
