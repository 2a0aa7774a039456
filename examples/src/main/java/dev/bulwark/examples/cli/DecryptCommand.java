package dev.bulwark.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark decrypt --keyring F [--context k=v]... < sealed > plain}: authenticates and decrypts what
 * {@code bulwark encrypt} wrote. Any tampering, another context or a key ring without the record's KEK exits
 * 1 with the reason on standard error ({@code AUTHENTICATION_FAILED}, {@code UNKNOWN_KEK}, {@code TRUNCATED},
 * {@code UNSUPPORTED_VERSION}, {@code MALFORMED_CIPHERTEXT}, {@code KEK_DESTROYED}) and writes nothing to
 * standard output.
 */
@Command(name = "decrypt", description = "Decrypt stdin (from 'bulwark encrypt') to stdout with a key-ring file.",
        mixinStandardHelpOptions = true)
public final class DecryptCommand implements Callable<Integer> {

    private final CliIo io;

    @Option(names = "--keyring", required = true, paramLabel = "F",
            description = "Key-ring JSON file holding the KEK the input was sealed with.")
    private Path keyring;

    @Option(names = "--context", paramLabel = "k=v",
            description = "The encryption context given to 'bulwark encrypt' (repeatable; order does not matter).")
    private List<String> context = new ArrayList<>();

    DecryptCommand(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        var ctx = EnvelopeCommands.context(context);
        var encryptor = EnvelopeCommands.encryptor(keyring);
        EnvelopeCommands.write(io, encryptor.decrypt(EnvelopeCommands.readInput(io), ctx));
        return BulwarkCli.OK;
    }
}
