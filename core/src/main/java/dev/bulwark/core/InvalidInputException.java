package dev.bulwark.core;

/**
 * Input handed to a core primitive was not acceptable (for example a secret string that is not valid
 * base64). Modules throw their own, more specific subclasses of {@link BulwarkException} for their inputs.
 * The message never repeats the input when the input may be secret.
 */
public class InvalidInputException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message what was wrong; no secret values
     */
    public InvalidInputException(ReasonCode reason, String message) {
        super(reason, message);
    }

    /**
     * @param reason the reason code
     * @param message what was wrong; no secret values
     * @param cause the cause
     */
    public InvalidInputException(ReasonCode reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
