package dev.bulwark.core;

/**
 * A machine-readable reason for a rejection or a failure.
 *
 * <p>Each module has one enum implementing this interface ({@link CoreReason}, {@code TokenReason},
 * {@code WebhookReason}, ...). The {@link #name()} of the constant is the stable, documented code that
 * appears in logs, audit events, HTTP problem bodies and on the first line of the CLI's standard error.
 * Codes never change meaning once released; new codes may be added.
 */
public interface ReasonCode {

    /**
     * The stable code, for example {@code TOKEN_EXPIRED}. Enum constants return their constant name.
     *
     * @return the code, never {@code null}, upper case with underscores
     */
    String name();
}
