package dev.bulwark.authz;

import dev.bulwark.core.ReasonCode;

/**
 * Reason codes of the authorization module: why a check was denied, why a policy was refused at load, why a
 * role change or an org resolution was refused. The constant names are the stable codes printed by the CLI,
 * recorded in audit events and returned in HTTP problem bodies.
 */
public enum AuthzReason implements ReasonCode {
    // --- decisions (DESIGN.md "Authorization policy document and semantics") ---
    /** The resource belongs to another org than the subject's current org; denied whatever the role. */
    ORG_MISMATCH,
    /** The user holds no membership (no role) in the org. */
    NOT_A_MEMBER,
    /** An applying deny entry of one of the user's roles matched the request. */
    EXPLICIT_DENY,
    /** Only an {@code :own} grant matched, and the resource's owner is absent or another user. */
    NOT_OWNER,
    /** No grant of the user's roles matched the request (the default). */
    NO_GRANT,

    // --- policy load / build errors ---
    /** A permission string does not follow {@code resource.action[:own]} with segments {@code [a-z][a-z0-9_-]*} or {@code *}. */
    MALFORMED_PERMISSION,
    /** The policy document is not well-formed JSON/YAML or does not have the documented shape. */
    MALFORMED_POLICY,
    /** A role definition is invalid (bad name, negative level...). */
    INVALID_ROLE,
    /** Two roles share one name. */
    DUPLICATE_ROLE,
    /** An {@code inherits} entry or a membership names a role the policy does not define. */
    UNKNOWN_ROLE,
    /** Role inheritance contains a cycle. */
    INHERITANCE_CYCLE,
    /** A membership entry is invalid (missing or malformed user, org or role). */
    INVALID_MEMBERSHIP,

    // --- role change rules ---
    /** The actor may not manage members (lacks the member-management permission). */
    MANAGE_NOT_PERMITTED,
    /** The role to grant is above the actor's own level. */
    ROLE_ABOVE_OWN_LEVEL,
    /** The target holds a role at or above the actor's level (an Admin cannot change another Admin). */
    TARGET_AT_OR_ABOVE_OWN_LEVEL,
    /** The owner cannot be removed or demoted, and ownership is only given by an explicit transfer. */
    OWNER_PROTECTED,
    /** The last owner of an org cannot leave it. */
    LAST_OWNER,
    /** Only an owner can transfer ownership. */
    NOT_AN_OWNER,

    // --- org context resolution ---
    /** No org could be determined for the request (no API key org, no header, no personal org). */
    NO_ORG_CONTEXT,
    /** The org id given (e.g. in {@code X-Org-Id}) is not a well-formed id. */
    MALFORMED_ORG_ID,
    /** The org does not exist (HTTP 404). */
    UNKNOWN_ORG,
    /** The {@code X-Org-Id} header names another org than the one the API key is bound to. */
    API_KEY_ORG_MISMATCH,

    // --- stores ---
    /** An in-memory store reached its configured bound and refused a new entry. */
    STORE_FULL
}
