package dev.bulwark.examples.cli;

import dev.bulwark.core.Secret;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.CryptoReason;
import dev.bulwark.crypto.PasswordHasher;
import dev.bulwark.crypto.VerifiedPassword;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark password hash} (password on stdin; prints an Argon2id PHC string at OWASP parameters) and
 * {@code bulwark password verify PHC} (password on stdin; exit 0 and {@code match} when it matches, exit 1
 * with {@code PASSWORD_MISMATCH} when not). {@code verify} accepts Argon2id PHC strings and bcrypt
 * {@code $2a$/$2b$/$2y$} hashes. One trailing line break on stdin is not part of the password.
 */
@Command(name = "password", description = "Hash and verify passwords (Argon2id, bcrypt).",
        mixinStandardHelpOptions = true, subcommands = {PasswordCommand.Hash.class, PasswordCommand.Verify.class})
public final class PasswordCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: hash, verify");
    }

    static PasswordHasher hasher() {
        return PasswordHasher.delegating(PasswordHasher.argon2id().build(), PasswordHasher.bcrypt().build());
    }

    static Secret readPassword(CliIo io) {
        byte[] in;
        try {
            in = io.in().readNBytes(PasswordHasher.MAX_PASSWORD_BYTES + 3);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        int n = in.length;
        if (n > 0 && in[n - 1] == '\n') {
            n--;
            if (n > 0 && in[n - 1] == '\r') {
                n--;
            }
        }
        try {
            if (n == 0) {
                throw new CryptoException(CryptoReason.INVALID_INPUT, "no password on standard input");
            }
            return Secret.ofBytes(Arrays.copyOf(in, n));
        } finally {
            Arrays.fill(in, (byte) 0);
        }
    }

    /** {@code password hash}. */
    @Command(name = "hash", description = "Read a password on stdin and print its Argon2id PHC string.",
            mixinStandardHelpOptions = true)
    static final class Hash implements Callable<Integer> {
        private final CliIo io;

        Hash(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            Secret pw = readPassword(io);
            try {
                PrintWriter out = io.outText();
                out.println(hasher().hash(pw));
                out.flush();
                return BulwarkCli.OK;
            } finally {
                pw.destroy();
            }
        }
    }

    /** {@code password verify PHC}. */
    @Command(name = "verify", description = "Read a password on stdin; exit 0 when it matches PHC, 1 when not.",
            mixinStandardHelpOptions = true)
    static final class Verify implements Callable<Integer> {
        private final CliIo io;

        @Parameters(index = "0", paramLabel = "PHC", description = "The stored hash ($argon2id$... or $2b$...).")
        private String phc;

        Verify(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            Secret pw = readPassword(io);
            try {
                VerifiedPassword v = hasher().verify(pw, phc);
                PrintWriter out = io.outText();
                out.println(v.needsRehash() ? "match (needs rehash)" : "match");
                out.flush();
                return BulwarkCli.OK;
            } finally {
                pw.destroy();
            }
        }
    }
}
