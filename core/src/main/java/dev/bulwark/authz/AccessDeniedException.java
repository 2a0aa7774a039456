package dev.bulwark.authz;

/**
 * Thrown by {@link Authorizer#require}: the check was denied. {@link #reason()} is the decision's reason and
 * {@link #decision()} the full decision; the message names user, org and permission, never a secret.
 */
public final class AccessDeniedException extends AuthzException {

    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    /**
     * @param decision the denial
     * @param message the message
     */
    public AccessDeniedException(Decision decision, String message) {
        super(requireDenied(decision), message);
        this.decision = decision;
    }

    private static AuthzReason requireDenied(Decision d) {
        if (d == null || d.allowed()) {
            throw new IllegalArgumentException("AccessDeniedException needs a denied decision");
        }
        return d.reason();
    }

    /** {@return the denial} */
    public Decision decision() {
        return decision;
    }
}
