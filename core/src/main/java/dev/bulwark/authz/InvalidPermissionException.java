package dev.bulwark.authz;

/**
 * A permission string does not follow the grammar {@code resource.action[:own]} where each segment is
 * {@code [a-z][a-z0-9_-]*} or {@code *}, or a request permission is not plain (wildcard or {@code :own} in a
 * request). Reason: {@link AuthzReason#MALFORMED_PERMISSION}.
 */
public final class InvalidPermissionException extends AuthzException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public InvalidPermissionException(String message) {
        super(AuthzReason.MALFORMED_PERMISSION, message);
    }
}
