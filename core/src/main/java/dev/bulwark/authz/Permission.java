package dev.bulwark.authz;

import java.util.Objects;

/**
 * A permission {@code resource.action}, optionally scoped {@code :own}, as used in grants, denies and
 * requests.
 *
 * <p>Grammar (DESIGN.md): exactly two segments separated by one dot, each segment either {@code *} or
 * {@code [a-z][a-z0-9_-]*} (at most 64 characters), optionally followed by {@code :own}. Matching is exact
 * and case-sensitive; {@code *} stands for one whole segment. Unlike Shiro's wildcard permissions, a shorter
 * string never implies longer ones and there is no case folding: {@code projects} is simply malformed.
 *
 * <p>A <em>request</em> permission is plain: no wildcard and no {@code :own} (see {@link #parseRequest}).
 * Instances are immutable and thread-safe; parse once and reuse them on hot paths (a policy memoises its
 * lookup of a request on the instance, invisibly).
 */
public final class Permission {

    /** The wildcard segment. */
    public static final String WILDCARD = "*";
    private static final int MAX_SEGMENT = 64;
    private static final String OWN_SUFFIX = ":own";

    private final String resource;
    private final String action;
    private final boolean own;
    private final String text;
    private final boolean plain;
    /**
     * Memo of the last policy lookup of this request ({@link Policy#decide}): an immutable slot naming its
     * policy, so a stale or racing value is only a cache miss. Never part of equality, text or decisions.
     */
    Policy.RequestSlot slot;

    private Permission(String resource, String action, boolean own) {
        this.resource = resource;
        this.action = action;
        this.own = own;
        this.plain = !own && !resource.equals(WILDCARD) && !action.equals(WILDCARD);
        this.text = resource + "." + action + (own ? OWN_SUFFIX : "");
    }

    /**
     * Parses a grant or deny entry: {@code resource.action}, wildcards allowed, optional {@code :own}.
     *
     * @param text the permission, e.g. {@code "projects.read"}, {@code "projects.*"}, {@code "activity.read:own"}
     * @return the permission
     * @throws InvalidPermissionException when {@code text} is null or malformed; the message says why
     */
    public static Permission parse(String text) {
        if (text == null) {
            throw new InvalidPermissionException("permission must not be null");
        }
        String body = text;
        boolean own = false;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            // compared in place: copying the tail of a hostile, huge input would allocate as much again
            if (text.length() - colon != OWN_SUFFIX.length() || !text.startsWith(OWN_SUFFIX, colon)) {
                throw new InvalidPermissionException("permission " + quote(text)
                        + ": the only scope is ':own' at the end");
            }
            own = true;
            body = text.substring(0, colon);
        }
        int dot = body.indexOf('.');
        if (dot < 0 || body.indexOf('.', dot + 1) >= 0) {
            throw new InvalidPermissionException("permission " + quote(text)
                    + " must have exactly two segments, resource.action");
        }
        String resource = body.substring(0, dot);
        String action = body.substring(dot + 1);
        checkSegment(text, "resource", resource);
        checkSegment(text, "action", action);
        return new Permission(resource.equals(WILDCARD) ? WILDCARD : resource,
                action.equals(WILDCARD) ? WILDCARD : action, own);
    }

    /**
     * Parses a request permission: plain {@code resource.action}, no wildcard, no {@code :own} (ownership of a
     * request is given by the resource's owner, not by the permission).
     *
     * @param text the permission, e.g. {@code "projects.read"}
     * @return the permission
     * @throws InvalidPermissionException when malformed or not plain
     */
    public static Permission parseRequest(String text) {
        Permission p = parse(text);
        p.requirePlain();
        return p;
    }

    /**
     * Builds a permission from its parts, validated as {@link #parse} does.
     *
     * @param resource the resource segment or {@code *}
     * @param action the action segment or {@code *}
     * @return the unscoped permission
     * @throws InvalidPermissionException when a segment is malformed
     */
    public static Permission of(String resource, String action) {
        String text = String.valueOf(resource) + "." + action;
        checkSegment(text, "resource", resource);
        checkSegment(text, "action", action);
        return new Permission(resource, action, false);
    }

    private static void checkSegment(String text, String which, String seg) {
        if (seg == null || seg.isEmpty()) {
            throw new InvalidPermissionException("permission " + quote(text) + ": " + which + " segment is empty");
        }
        if (seg.equals(WILDCARD)) {
            return;
        }
        if (seg.length() > MAX_SEGMENT) {
            throw new InvalidPermissionException("permission " + quote(text) + ": " + which
                    + " segment is longer than " + MAX_SEGMENT + " characters");
        }
        char c0 = seg.charAt(0);
        boolean ok = c0 >= 'a' && c0 <= 'z';
        for (int i = 1; ok && i < seg.length(); i++) {
            char c = seg.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
        if (!ok) {
            throw new InvalidPermissionException("permission " + quote(text) + ": " + which + " segment "
                    + quote(seg) + " must be * or match [a-z][a-z0-9_-]* (case-sensitive)");
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** {@return whether this is a plain request permission: no wildcard, no {@code :own}} */
    public boolean isPlain() {
        return plain;
    }

    void requirePlain() {
        if (!plain) {
            throw new InvalidPermissionException("request permission " + quote(text)
                    + " must be a plain resource.action (no wildcard, no :own)");
        }
    }

    /** {@return the resource segment, or {@code *}} */
    public String resource() {
        return resource;
    }

    /** {@return the action segment, or {@code *}} */
    public String action() {
        return action;
    }

    /** {@return whether this entry carries the {@code :own} scope} */
    public boolean isOwnScoped() {
        return own;
    }

    /** {@return whether either segment is the wildcard} */
    public boolean hasWildcard() {
        return resource.equals(WILDCARD) || action.equals(WILDCARD);
    }

    /**
     * Whether this entry <em>matches</em> a request (DESIGN.md): each segment is {@code *} or equals the
     * request's segment. The {@code :own} scope is not considered here (see {@link Authorizer}).
     *
     * @param request the requested permission
     * @return true when every segment matches
     */
    public boolean matches(Permission request) {
        return (resource.equals(WILDCARD) || resource.equals(request.resource))
                && (action.equals(WILDCARD) || action.equals(request.action));
    }

    /** {@return this permission without its {@code :own} scope} */
    public Permission unscoped() {
        return own ? new Permission(resource, action, false) : this;
    }

    /** {@return the canonical text, e.g. {@code projects.*} or {@code activity.read:own}} */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission p && p.own == own && p.resource.equals(resource) && p.action.equals(action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resource, action, own);
    }
}
