package dev.bulwark.authz;

/** A role change was refused by {@link RoleChangeRules}; {@link #reason()} says which rule. */
public final class RoleChangeDeniedException extends AuthzException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the rule that refused
     * @param message the explanation
     */
    public RoleChangeDeniedException(AuthzReason reason, String message) {
        super(reason, message);
    }
}
