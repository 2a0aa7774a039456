package dev.bulwark.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** In-memory streams for command tests. */
final class TokenCliTestIo {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CliIo io() {
        out.reset();
        err.reset();
        return new CliIo(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}
