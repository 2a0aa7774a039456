package dev.bulwark.examples.cli;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.crypto.EncryptionContext;
import dev.bulwark.crypto.EnvelopeEncryptor;
import dev.bulwark.crypto.KekProviders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared plumbing of {@code bulwark encrypt} and {@code bulwark decrypt}. */
final class EnvelopeCommands {

    /** Largest input read from standard input (1 GiB). */
    static final int MAX_INPUT = 1 << 30;

    private EnvelopeCommands() {
    }

    static EnvelopeEncryptor encryptor(Path keyring) {
        return EnvelopeEncryptor.builder().kekProvider(KekProviders.localFile(keyring))
                .clock(Clock.systemUTC()).auditSink(AuditSinks.noop()).build();
    }

    static EncryptionContext context(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new CliUsageException("--context takes key=value with a non-empty key, got '" + p + "'");
            }
            if (m.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new CliUsageException("--context key '" + p.substring(0, eq) + "' given twice");
            }
        }
        return EncryptionContext.of(m);
    }

    static byte[] readInput(CliIo io) {
        try {
            byte[] in = io.in().readNBytes(MAX_INPUT + 1);
            if (in.length > MAX_INPUT) {
                throw new CliUsageException("standard input exceeds " + MAX_INPUT + " bytes");
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    static void write(CliIo io, byte[] out) {
        try {
            io.out().write(out);
            io.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write standard output", e);
        }
    }
}
