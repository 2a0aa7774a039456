package dev.bulwark.authz;

/**
 * The outcome of an authorization check, explainable: whether it is allowed, and which role and entry decided
 * or why it was denied.
 *
 * <ul>
 *   <li>allowed: {@code reason} is null, {@code role} is the user's role (in that org) whose effective grants
 *       held the applying entry, {@code grant} that entry as written ({@code projects.*},
 *       {@code activity.read:own}).</li>
 *   <li>{@link AuthzReason#EXPLICIT_DENY}: {@code role} carries the deny, {@code grant} is the deny entry.</li>
 *   <li>{@link AuthzReason#NOT_OWNER}: {@code role} and {@code grant} name the {@code :own} grant that matched
 *       but did not apply.</li>
 *   <li>{@link AuthzReason#NO_GRANT}: {@code role} is the user's (first) role in the org, {@code grant} null.</li>
 *   <li>{@link AuthzReason#NOT_A_MEMBER}, {@link AuthzReason#ORG_MISMATCH}: {@code role} and {@code grant}
 *       null.</li>
 * </ul>
 *
 * <p>When several entries apply, the most specific one is reported: {@code (r,a)} before {@code (r,*)} before
 * {@code (*,a)} before {@code (*,*)}, unscoped before {@code :own}, the user's roles in membership order.
 * Immutable; the authorizer returns shared, pre-built instances on its hot path.
 *
 * @param allowed whether access is allowed
 * @param reason the denial reason, or null when allowed
 * @param role the deciding role, or null
 * @param grant the deciding entry, or null
 */
public record Decision(boolean allowed, AuthzReason reason, String role, String grant) {

    /** The decision for a resource of another org. */
    public static final Decision ORG_MISMATCH = new Decision(false, AuthzReason.ORG_MISMATCH, null, null);
    /** The decision for a user without membership in the org. */
    public static final Decision NOT_A_MEMBER = new Decision(false, AuthzReason.NOT_A_MEMBER, null, null);

    /** Checks that an allowed decision carries no reason and a denied one carries one. */
    public Decision {
        if (allowed == (reason != null)) {
            throw new IllegalArgumentException("an allowed decision has no reason; a denial has one");
        }
    }

    /** {@return whether access is denied} */
    public boolean denied() {
        return !allowed;
    }

    /**
     * The decision as the one-line JSON the CLI prints:
     * {@code {"allowed":false,"reason":"NO_GRANT","role":"viewer","grant":null}}.
     *
     * @return the JSON object
     */
    public String toJson() {
        return "{\"allowed\":" + allowed + ",\"reason\":" + str(reason == null ? null : reason.name())
                + ",\"role\":" + str(role) + ",\"grant\":" + str(grant) + "}";
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
