package dev.bulwark.authz;

/**
 * The org of a request could not be resolved or the user may not act in it. {@link #httpStatus()} is what an
 * HTTP adapter answers: 403 for {@link AuthzReason#NOT_A_MEMBER} ("Not a member of this organization") and
 * {@link AuthzReason#API_KEY_ORG_MISMATCH}, 404 for {@link AuthzReason#UNKNOWN_ORG}, 400 for
 * {@link AuthzReason#MALFORMED_ORG_ID} and {@link AuthzReason#NO_ORG_CONTEXT}.
 */
public final class OrgResolutionException extends AuthzException {

    private static final long serialVersionUID = 1L;

    /** The message of a membership refusal, as the HTTP API shows it. */
    public static final String NOT_A_MEMBER_MESSAGE = "Not a member of this organization";
    /** The message of an unknown org, as the HTTP API shows it. */
    public static final String UNKNOWN_ORG_MESSAGE = "Organization not found";

    /** The HTTP status an adapter answers with. */
    private final int httpStatus;

    /**
     * @param reason the reason
     * @param message the message (no secrets)
     */
    public OrgResolutionException(AuthzReason reason, String message) {
        super(reason, message);
        this.httpStatus = statusOf(reason);
    }

    /**
     * @param reason a resolution reason
     * @return the HTTP status an adapter answers with
     */
    public static int statusOf(AuthzReason reason) {
        switch (reason) {
            case UNKNOWN_ORG:
                return 404;
            case MALFORMED_ORG_ID:
            case NO_ORG_CONTEXT:
                return 400;
            default:
                return 403;
        }
    }

    /** {@return the HTTP status: 403, 404 or 400} */
    public int httpStatus() {
        return httpStatus;
    }
}
