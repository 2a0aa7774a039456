package dev.bulwark.authz;

/**
 * The outcome of a {@link RoleChangeRules} check: allowed, or refused with a reason code and a message.
 *
 * @param allowed whether the change may be applied
 * @param reason why it was refused, or null when allowed
 * @param message a human-readable explanation (no secrets)
 */
public record RoleChangeDecision(boolean allowed, AuthzReason reason, String message) {

    /** The allowed outcome. */
    public static final RoleChangeDecision ALLOWED = new RoleChangeDecision(true, null, "allowed");

    /** Checks that an allowed decision carries no reason and a refusal carries one. */
    public RoleChangeDecision {
        if (allowed == (reason != null)) {
            throw new IllegalArgumentException("an allowed change has no reason; a refusal has one");
        }
    }

    static RoleChangeDecision refuse(AuthzReason reason, String message) {
        return new RoleChangeDecision(false, reason, message);
    }

    /**
     * @return this decision when allowed
     * @throws RoleChangeDeniedException when refused
     */
    public RoleChangeDecision orThrow() {
        if (!allowed) {
            throw new RoleChangeDeniedException(reason, message);
        }
        return this;
    }
}
