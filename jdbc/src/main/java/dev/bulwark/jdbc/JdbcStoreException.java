package dev.bulwark.jdbc;

import dev.bulwark.core.BulwarkException;

/**
 * PostgreSQL answered but refused a statement Bulwark sent (a constraint, a privilege, a missing table: usually
 * a schema that was not migrated). Carries the SQLSTATE; never statement parameters. Connection failures and
 * timeouts are {@link dev.bulwark.core.StoreUnavailableException} instead.
 */
public class JdbcStoreException extends BulwarkException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param operation what was attempted
     * @param sqlState the SQLSTATE reported by the server, or null
     * @param cause the driver's exception
     */
    public JdbcStoreException(String operation, String sqlState, Throwable cause) {
        super(JdbcReason.STATEMENT_FAILED, "postgresql: " + operation + " refused (SQLSTATE " + sqlState + ")", cause);
        this.sqlState = sqlState;
    }

    /**
     * @param reason the reason
     * @param message the message, without secrets
     */
    public JdbcStoreException(JdbcReason reason, String message) {
        super(reason, message);
        this.sqlState = null;
    }

    /** {@return the SQLSTATE, or null when the failure was detected by Bulwark itself} */
    public String sqlState() {
        return sqlState;
    }
}
