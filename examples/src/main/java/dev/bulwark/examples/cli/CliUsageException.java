package dev.bulwark.examples.cli;

/**
 * A usage error discovered by a command after picocli parsed its options (an unreadable file, two options
 * that exclude each other, an invalid value): exit code 2, the message on standard error.
 */
public final class CliUsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the invocation */
    public CliUsageException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the invocation
     * @param cause the cause
     */
    public CliUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
