package dev.bulwark.authz.internal;

import dev.bulwark.authz.Decision;

/**
 * The pre-built decisions of one held role for one (resource, action) pattern: what an unscoped or an
 * {@code :own} grant / deny entry of that exact pattern decides. Fields are set once while compiling (then published
 * with the policy's final fields).
 */
public final class Cell {
    /** Allow via an unscoped grant, or null. */
    public Decision grantAny;
    /** Allow via an {@code :own} grant (when the owner is the user), or null. */
    public Decision grantOwn;
    /** NOT_OWNER via the same {@code :own} grant (when it does not apply), or null. */
    public Decision notOwner;
    /** EXPLICIT_DENY via an unscoped deny, or null. */
    public Decision denyAny;
    /** EXPLICIT_DENY via an {@code :own} deny (when the owner is the user), or null. */
    public Decision denyOwn;
    /** The whole decision of the role holding this cell, held alone, for this exact request (not the owner). */
    public Decision alone;
    /** As {@link #alone}, when the resource's owner is the user. */
    public Decision aloneOwner;

    /**
     * Records the pre-computed decisions of the role held alone for this exact request.
     *
     * @param notOwnerCase the decision when the resource's owner is absent or another user
     * @param ownerCase the decision when the resource's owner is the user
     */
    public void decideAlone(Decision notOwnerCase, Decision ownerCase) {
        this.alone = notOwnerCase;
        this.aloneOwner = ownerCase;
    }
}
