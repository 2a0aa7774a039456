package dev.bulwark.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark encrypt --keyring F [--context k=v]... < plain > sealed}: envelope-encrypts standard input
 * (binary-safe) under the key ring's primary KEK, binding the context; writes the sealed bytes (format v1,
 * see {@code EnvelopeEncryptor}) to standard output. Exit 1 with {@code MALFORMED_KEY_RING} for an unreadable
 * key ring, 2 for a malformed {@code --context}.
 */
@Command(name = "encrypt", description = "Envelope-encrypt stdin to stdout with a key-ring file.",
        mixinStandardHelpOptions = true)
public final class EncryptCommand implements Callable<Integer> {

    private final CliIo io;

    @Option(names = "--keyring", required = true, paramLabel = "F",
            description = "Key-ring JSON file (as printed by 'bulwark keys new kek').")
    private Path keyring;

    @Option(names = "--context", paramLabel = "k=v",
            description = "Encryption context entry bound to the ciphertext (repeatable); decrypt needs the same.")
    private List<String> context = new ArrayList<>();

    EncryptCommand(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        var ctx = EnvelopeCommands.context(context);
        var encryptor = EnvelopeCommands.encryptor(keyring);
        EnvelopeCommands.write(io, encryptor.encrypt(EnvelopeCommands.readInput(io), ctx));
        return BulwarkCli.OK;
    }
}
