package dev.bulwark.authz;

import dev.bulwark.authz.internal.CompiledRole;
import java.util.List;
import java.util.Objects;

/**
 * One role of a {@link Policy}, resolved once, for checking many permissions against it: a request handler
 * that renders which of fifty actions a user may take, or a batch job that checks every row against the
 * caller's role. {@link #decide(Permission)} gives exactly what
 * {@link Policy#decide(String, String, List, Permission, Resource)} gives for a user holding this role alone
 * and no resource, without looking the role up by name again: for a plain request the role's pre-computed
 * decision is one int-keyed probe, allocation-free.
 *
 * <p>Obtained from {@link Policy#roleCheck(String)}; immutable and thread-safe. It answers for the policy it
 * came from (a {@link Permission} remembers its id per policy, so using the same permission with several
 * policies stays correct). Like {@code Policy.decide}, it does not audit and knows nothing of memberships:
 * use {@link Authorizer} for a subject's full check.
 */
public final class RoleCheck {

    private static final String NO_USER = "";
    private static final String NO_ORG = "";

    private final Policy policy;
    private final String roleName;
    private final CompiledRole role;
    private final List<String> asList;

    RoleCheck(Policy policy, String roleName, CompiledRole role) {
        this.policy = policy;
        this.roleName = roleName;
        this.role = role;
        this.asList = List.of(roleName);
    }

    /** {@return the role's name} */
    public String roleName() {
        return roleName;
    }

    /**
     * The decision for a user holding only this role, with no resource (so {@code :own} grants do not apply).
     *
     * @param request a plain request permission
     * @return the decision, naming this role and the grant that decided, or the reason for denial
     * @throws InvalidPermissionException when {@code request} has a wildcard or {@code :own}
     * @throws NullPointerException when {@code request} is null
     */
    public Decision decide(Permission request) {
        Objects.requireNonNull(request, "request");
        if (role != null && request.isPlain()) {
            Decision d = policy.precomputed(role, request, false);
            if (d != null) {
                return d;
            }
        }
        return policy.decide(NO_USER, NO_ORG, asList, request, null);
    }

    /**
     * @param request a plain request permission
     * @return whether {@link #decide(Permission)} allows it
     * @throws InvalidPermissionException when {@code request} has a wildcard or {@code :own}
     */
    public boolean implies(Permission request) {
        return decide(request).allowed();
    }

    /** {@return the role's name and whether the policy defines it; never any decision data} */
    @Override
    public String toString() {
        return "RoleCheck[" + roleName + (role == null ? ", not defined by the policy]" : "]");
    }
}
