package dev.bulwark.jdbc;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.jdbc.internal.SqlErrors;
import dev.bulwark.jdbc.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work inside one org (tenant), so that PostgreSQL row-level security — not the
 * application's {@code WHERE} clauses — decides which rows it can see and write.
 *
 * <p>{@link #inOrg(String, Work)} opens a transaction, sets the transaction-local setting
 * {@code app.current_org} (with {@code set_config(..., true)}, the bind-parameter form of {@code SET LOCAL}) and
 * runs the work on that connection; the setting disappears at commit or rollback, so a pooled connection never
 * carries one tenant's scope into the next request. Tables get the matching policy from
 * {@link #rowLevelSecurity(String, String, String)}: a query that forgets its {@code WHERE org_id = ?} still
 * sees only the current org's rows, and a query outside any scope sees none.
 *
 * <p><strong>Fails closed.</strong> Row-level security does not apply to superusers or roles with
 * {@code BYPASSRLS}; before its first unit of work a scope checks the connected role and refuses to run
 * ({@link JdbcReason#ROLE_BYPASSES_RLS}) when it could bypass the policies, unless the builder explicitly
 * allowed it. Connection failures and statement timeouts become
 * {@link dev.bulwark.core.StoreUnavailableException}; the transaction is rolled back on any exception.
 *
 * <p>Thread-safe; each call takes its own connection from the {@link DataSource}.
 */
public final class TenantScope {

    /** The setting that policies read. */
    public static final String DEFAULT_SETTING = "app.current_org";

    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String setting;
    private final boolean allowBypassingRole;
    private volatile boolean roleChecked;

    private TenantScope(Builder b) {
        this.dataSource = b.dataSource;
        this.setting = b.setting;
        this.allowBypassingRole = b.allowBypassingRole;
    }

    /**
     * @param dataSource connections of the application's (non-owner, non-superuser) role
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * One unit of work on a connection scoped to an org.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param connection the scoped connection; do not commit, roll back or close it
         * @return the result
         * @throws SQLException passed on to the caller, translated
         */
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction whose {@code app.current_org} is {@code orgId}, and commits.
     *
     * @param <T> the result type
     * @param orgId the org, 1–128 characters of {@code [A-Za-z0-9._:@-]}
     * @param work the work
     * @return what the work returned
     * @throws JdbcStoreException with {@link JdbcReason#INVALID_ORG} for a malformed org id,
     *     {@link JdbcReason#ROLE_BYPASSES_RLS} when the role is not subject to row-level security, or
     *     {@link JdbcReason#STATEMENT_FAILED} when the work's SQL is refused
     * @throws dev.bulwark.core.StoreUnavailableException when the database cannot be reached or times out
     */
    public <T> T inOrg(String orgId, Work<T> work) {
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw new JdbcStoreException(JdbcReason.INVALID_ORG,
                    "org id must be 1-128 characters of [A-Za-z0-9._:@-]");
        }
        if (work == null) {
            throw new IllegalArgumentException("work is required");
        }
        try (Connection c = dataSource.getConnection()) {
            checkRole(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                    ps.setString(1, setting);
                    ps.setString(2, orgId);
                    ps.execute();
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, auto);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "tenant-scoped work");
        }
    }

    /**
     * The statements that put a table under tenant isolation: enable and <em>force</em> row-level security (so
     * the table's owner is subject to it too) and one policy for every command, reading and writing, that
     * compares the org column with the scope's setting. Outside a scope the setting is unset, the comparison is
     * null, and no row is visible or writable.
     *
     * @param table the table, optionally schema-qualified
     * @param orgColumn the column holding the org id
     * @param columnType the column's type ({@code text}, {@code uuid}, {@code bigint}...); the setting is cast to
     *     it so the column's index stays usable
     * @return the statements, to run once as the table's owner (they are idempotent)
     * @throws ConfigurationException when a name is not a plain lower-case identifier
     */
    public static List<String> rowLevelSecurity(String table, String orgColumn, String columnType) {
        SqlNames.qualified("table", table);
        SqlNames.identifier("orgColumn", orgColumn);
        SqlNames.type("columnType", columnType);
        String predicate = orgColumn + " = NULLIF(current_setting('" + DEFAULT_SETTING + "', true), '')::"
                + columnType;
        String policy = "bulwark_tenant_isolation";
        return List.of(
                "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY",
                "DROP POLICY IF EXISTS " + policy + " ON " + table,
                "CREATE POLICY " + policy + " ON " + table + " USING (" + predicate + ") WITH CHECK (" + predicate
                        + ")");
    }

    private void checkRole(Connection c) throws SQLException {
        if (roleChecked || allowBypassingRole) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getBoolean(1)) {
                throw new JdbcStoreException(JdbcReason.ROLE_BYPASSES_RLS,
                        "the connected role is a superuser or has BYPASSRLS, so row-level security would not isolate"
                        + " tenants; connect as a plain application role (or allow it explicitly for admin tools)");
            }
        }
        roleChecked = true;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean auto) {
        try {
            c.setAutoCommit(auto);
        } catch (SQLException ignored) {
            // the connection is broken; closing it below returns it to the pool as such
        }
    }

    /** Configures a {@link TenantScope}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String setting = DEFAULT_SETTING;
        private boolean allowBypassingRole;

        private Builder(DataSource dataSource) {
            this.dataSource = ConfigurationException.requireSet(dataSource, "dataSource");
        }

        /**
         * @param setting the custom setting the policies read, {@code namespace.name} (default
         *     {@value TenantScope#DEFAULT_SETTING}); policies from {@link TenantScope#rowLevelSecurity} read the
         *     default
         * @return this builder
         */
        public Builder setting(String setting) {
            this.setting = setting;
            return this;
        }

        /**
         * Lets the scope run as a role that bypasses row-level security (migrations, admin tools). Tenant
         * isolation then rests on the queries alone.
         *
         * @param allow whether to allow it
         * @return this builder
         */
        public Builder allowRoleThatBypassesRls(boolean allow) {
            this.allowBypassingRole = allow;
            return this;
        }

        /**
         * @return the scope
         * @throws ConfigurationException for a malformed setting name
         */
        public TenantScope build() {
            ConfigurationException.check(setting != null && SETTING.matcher(setting).matches(),
                    "setting must look like namespace.name in lower case");
            return new TenantScope(this);
        }
    }
}
