package dev.bulwark.jdbc.internal;

import dev.bulwark.core.StoreUnavailableException;
import dev.bulwark.jdbc.JdbcStoreException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** Maps driver exceptions onto Bulwark's typed ones, without statement parameters in any message. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * @param e the driver's exception
     * @param operation what was attempted, e.g. {@code "audit insert"}
     * @return {@link StoreUnavailableException} when the server could not be reached, dropped the connection,
     *     was shutting down or cancelled the statement on timeout; {@link JdbcStoreException} otherwise
     */
    public static RuntimeException translate(SQLException e, String operation) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("postgresql", operation, e);
        }
        return new JdbcStoreException(operation, e.getSQLState(), e);
    }

    /**
     * @param e a driver exception
     * @return whether it means "the store is unavailable or too slow" rather than "the statement was wrong"
     */
    public static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTimeoutException || e instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08") // connection exception
                || state.startsWith("53") // insufficient resources (too many connections, out of memory)
                || state.startsWith("57") // operator intervention: admin shutdown, cancel (statement timeout)
                || state.equals("58030"); // I/O error
    }
}
