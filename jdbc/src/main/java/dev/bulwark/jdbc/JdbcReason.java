package dev.bulwark.jdbc;

import dev.bulwark.core.ReasonCode;

/** Reason codes of the JDBC module (an unreachable or slow server is {@code STORE_UNAVAILABLE} from core). */
public enum JdbcReason implements ReasonCode {
    /** The server answered but refused the statement (constraint, privilege, missing table...). */
    STATEMENT_FAILED,
    /** A tenant scope was asked for with a missing or malformed org id. */
    INVALID_ORG,
    /** The connected role can bypass row-level security (superuser or BYPASSRLS), so tenant isolation would not hold. */
    ROLE_BYPASSES_RLS
}
