package dev.bulwark.authz;

import dev.bulwark.core.BulwarkException;

/**
 * The root of the authorization module's runtime exceptions (denials, refused role changes, refused org
 * resolutions, malformed request permissions). Policy load errors are {@link InvalidPolicyException}s, which
 * are {@link dev.bulwark.core.ConfigurationException}s. Messages never contain secrets.
 */
public class AuthzException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message a message without secrets
     */
    public AuthzException(AuthzReason reason, String message) {
        super(reason, message);
    }

    /** {@return the reason, as the module's enum} */
    @Override
    public AuthzReason reason() {
        return (AuthzReason) super.reason();
    }
}
