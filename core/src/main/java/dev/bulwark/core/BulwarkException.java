package dev.bulwark.core;

import java.util.Objects;

/**
 * The root of every exception Bulwark throws on purpose.
 *
 * <p>Each module has one family of subclasses, and every instance carries a machine-readable
 * {@link #reason()}. Messages are written for the developer reading a log: they say what was wrong and,
 * where useful, what was expected. <strong>A message never contains a secret, a token or a signature
 * from the input</strong>; it may contain non-secret identifiers such as a key id or a setting's name.
 *
 * <p>Bulwark exceptions are unchecked: verification methods return a verified value or throw, so a result
 * cannot be ignored by mistake, and misconfiguration surfaces at {@code build()}.
 */
public abstract class BulwarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;

    /**
     * @param reason the machine-readable reason, never {@code null}
     * @param message a message without secrets
     */
    protected BulwarkException(ReasonCode reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason the machine-readable reason, never {@code null}
     * @param message a message without secrets
     * @param cause the underlying cause, or {@code null}
     */
    protected BulwarkException(ReasonCode reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The machine-readable reason for this exception.
     *
     * @return the reason code, never {@code null}
     */
    public ReasonCode reason() {
        return reason;
    }

    /** {@return the reason code followed by the message, e.g. {@code "EXPIRED: token expired at ..."}} */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + reason.name() + "]: " + getMessage();
    }
}
