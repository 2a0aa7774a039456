package dev.bulwark.examples.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command reads and writes. Commands take a {@code CliIo} in their constructor (the CLI's
 * factory injects it), so that tests run them against in-memory streams and binary data stays binary.
 *
 * @param in standard input (binary)
 * @param out standard output (binary; use {@link #outText()} for text)
 * @param err standard error
 */
public record CliIo(InputStream in, OutputStream out, PrintStream err) {

    /** {@return the process's own streams} */
    public static CliIo system() {
        return new CliIo(System.in, System.out, System.err);
    }

    /** {@return a UTF-8 writer over {@link #out()}; flush it (or print with println and autoflush) when done} */
    public PrintWriter outText() {
        return new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }
}
