package dev.bulwark.examples.cli;

import dev.bulwark.tokens.Pkce;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bulwark pkce challenge VERIFIER}: prints the S256 code challenge (RFC 7636). */
@Command(name = "pkce", description = "PKCE (RFC 7636) tools.", mixinStandardHelpOptions = true,
        subcommands = {PkceCommand.Challenge.class})
public final class PkceCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: challenge");
    }

    /** {@code pkce challenge VERIFIER}. */
    @Command(name = "challenge", description = "Print BASE64URL(SHA-256(verifier)).", mixinStandardHelpOptions = true)
    static final class Challenge implements Callable<Integer> {
        private final CliIo io;

        @Parameters(index = "0", paramLabel = "VERIFIER", description = "43 to 128 characters of [A-Za-z0-9-._~]")
        private String verifier;

        Challenge(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            String c = Pkce.challenge(verifier);
            PrintWriter out = io.outText();
            out.println(c);
            out.flush();
            return BulwarkCli.OK;
        }
    }
}
