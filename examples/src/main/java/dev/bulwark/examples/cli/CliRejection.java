package dev.bulwark.examples.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ReasonCode;

/**
 * A rejection the CLI reports with exit code 1 that is not already a {@link BulwarkException} from a module
 * (for example a password that does not match). Printed as {@code REASON: message}.
 */
public final class CliRejection extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /** Reasons owned by the CLI itself. */
    public enum Reason implements ReasonCode {
        /** A password did not match the given hash. */
        PASSWORD_MISMATCH,
        /** An authorization check was denied. */
        DENIED,
        /** The input could not be read or parsed. */
        MALFORMED_INPUT
    }

    /**
     * @param reason the reason code printed first
     * @param message the message, no secrets
     */
    public CliRejection(ReasonCode reason, String message) {
        super(reason, message);
    }
}
