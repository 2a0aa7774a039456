package dev.bulwark.core;

/**
 * A component was built with settings it refuses: thrown by {@code build()} methods and by
 * {@link ProductionGuard}, before any request is served.
 *
 * <p>The message names the offending setting and the rule it broke ("tolerance must be between 1 s and
 * 1 h, was 0 s"); it never repeats a secret value.
 */
public class ConfigurationException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A configuration error with reason {@link CoreReason#INVALID_CONFIGURATION}.
     *
     * @param message what is wrong, naming the setting; no secret values
     */
    public ConfigurationException(String message) {
        super(CoreReason.INVALID_CONFIGURATION, message);
    }

    /**
     * A configuration error with a specific reason.
     *
     * @param reason the reason code
     * @param message what is wrong, naming the setting; no secret values
     */
    public ConfigurationException(ReasonCode reason, String message) {
        super(reason, message);
    }

    /**
     * A configuration error caused by another exception (for example a key that does not parse).
     *
     * @param reason the reason code
     * @param message what is wrong, naming the setting; no secret values
     * @param cause the cause; its message must not carry secrets either
     */
    public ConfigurationException(ReasonCode reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    /**
     * Throws a {@link ConfigurationException} with {@code message} unless {@code condition} holds: the
     * one-line validation used by builders.
     *
     * @param condition the requirement
     * @param message the message when it does not hold
     * @throws ConfigurationException when {@code condition} is false
     */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new ConfigurationException(message);
        }
    }

    /**
     * Returns {@code value} or throws when it is {@code null}.
     *
     * @param value the value
     * @param setting the setting's name, used in the message
     * @param <T> the value's type
     * @return {@code value}
     * @throws ConfigurationException when {@code value} is {@code null}
     */
    public static <T> T requireSet(T value, String setting) {
        if (value == null) {
            throw new ConfigurationException(setting + " must be set");
        }
        return value;
    }
}
