package dev.bulwark.authz;

import dev.bulwark.core.ConfigurationException;

/**
 * A policy (document or builder) was refused at load or build time: malformed permission, unknown role in
 * {@code inherits} or in a membership, inheritance cycle, duplicate role, malformed document. The message
 * names the offending entry, e.g. {@code roles[1] "admin": grants[0] "Projects.read": ...}.
 */
public final class InvalidPolicyException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message what is wrong and where
     */
    public InvalidPolicyException(AuthzReason reason, String message) {
        super(reason, message);
    }

    /**
     * @param reason the reason code
     * @param message what is wrong and where
     * @param cause the underlying parser error
     */
    public InvalidPolicyException(AuthzReason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    /** {@return the reason, as the module's enum} */
    @Override
    public AuthzReason reason() {
        return (AuthzReason) super.reason();
    }
}
