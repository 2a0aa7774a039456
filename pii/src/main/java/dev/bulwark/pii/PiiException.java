package dev.bulwark.pii;

import dev.bulwark.core.BulwarkException;

/**
 * Input refused by the {@code pii} module (too large, missing, an unknown type name). The message never
 * contains the scanned text.
 */
public class PiiException extends BulwarkException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message what was wrong, without the input text
     */
    public PiiException(PiiReason reason, String message) {
        super(reason, message);
    }

    /** {@return the reason as a {@link PiiReason}} */
    public PiiReason piiReason() {
        return (PiiReason) reason();
    }
}
