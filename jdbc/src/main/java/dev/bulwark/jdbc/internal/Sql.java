package dev.bulwark.jdbc.internal;

import dev.bulwark.core.ConfigurationException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The few JDBC moves every store needs: a prepared statement with a query timeout on a connection from the
 * data source, parameters bound by a lambda, rows mapped by a lambda, driver exceptions translated.
 */
public final class Sql {

    private final DataSource dataSource;
    private final int timeoutSeconds;

    /**
     * @param dataSource where connections come from
     * @param queryTimeout each statement's timeout, at least one second
     */
    public Sql(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = ConfigurationException.requireSet(dataSource, "dataSource");
        ConfigurationException.check(queryTimeout != null && queryTimeout.toSeconds() >= 1
                && queryTimeout.toSeconds() <= 300, "queryTimeout must be 1 s..5 min");
        this.timeoutSeconds = (int) queryTimeout.toSeconds();
    }

    /** Binds parameters. */
    @FunctionalInterface
    public interface Binder {
        /**
         * @param ps the statement
         * @throws SQLException from the driver
         */
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Maps the current row.
     *
     * @param <T> the row type
     */
    @FunctionalInterface
    public interface Mapper<T> {
        /**
         * @param rs the result set, on a row
         * @return the mapped value
         * @throws SQLException from the driver
         */
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * @param operation what is attempted, for errors
     * @param sql the statement
     * @param binder binds the parameters
     * @return the update count
     */
    public int update(String operation, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation);
        }
    }

    /**
     * @param <T> the row type
     * @param operation what is attempted, for errors
     * @param sql the query (or a statement with {@code RETURNING})
     * @param binder binds the parameters
     * @param mapper maps each row
     * @return the rows
     */
    public <T> List<T> query(String operation, String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation);
        }
    }

    /**
     * @param <T> the row type
     * @param operation what is attempted
     * @param sql the query
     * @param binder binds the parameters
     * @param mapper maps the row
     * @return the first row, if any
     */
    public <T> Optional<T> one(String operation, String sql, Binder binder, Mapper<T> mapper) {
        List<T> rows = query(operation, sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * @param ps the statement
     * @param index the parameter index
     * @param instant an instant, or null
     * @throws SQLException from the driver
     */
    public static void instant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /**
     * @param rs the row
     * @param column the column
     * @return the instant, or null
     * @throws SQLException from the driver
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * @param ps the statement
     * @param index the parameter index
     * @param values the strings, bound as {@code text[]}
     * @throws SQLException from the driver
     */
    public static void texts(PreparedStatement ps, int index, Collection<String> values) throws SQLException {
        Array array = ps.getConnection().createArrayOf("text", values.toArray(String[]::new));
        ps.setArray(index, array);
    }

    /**
     * @param rs the row
     * @param column a {@code text[]} column
     * @return its values as a set
     * @throws SQLException from the driver
     */
    public static Set<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
