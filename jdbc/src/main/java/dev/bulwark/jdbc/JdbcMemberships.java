package dev.bulwark.jdbc;

import dev.bulwark.authz.AuthzException;
import dev.bulwark.authz.AuthzReason;
import dev.bulwark.authz.Membership;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.jdbc.internal.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link Memberships} in PostgreSQL ({@code bulwark_org}, {@code bulwark_membership}): which users hold which
 * roles in which org, and each user's personal org. Reads are single prepared queries with a timeout; the
 * write methods mirror {@code InMemoryMemberships} ({@link #addOrg}, {@link #add}, {@link #remove},
 * {@link #setRole}, {@link #removeMember}, {@link #personalOrg}); each is idempotent.
 *
 * <p>Unavailable PostgreSQL throws {@link dev.bulwark.core.StoreUnavailableException}, so org resolution and
 * authorization fail closed. Thread-safe.
 */
public final class JdbcMemberships implements Memberships {

    private final Sql sql;

    private JdbcMemberships(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param dataSource connections whose role may read (and, for the write methods, write) the tables
     * @return the memberships, with a 5-second query timeout
     */
    public static JdbcMemberships create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(5));
    }

    /**
     * @param dataSource the connections
     * @param queryTimeout each statement's timeout, 1 s to 5 min
     * @return the memberships
     */
    public static JdbcMemberships create(DataSource dataSource, Duration queryTimeout) {
        return new JdbcMemberships(new Sql(dataSource, queryTimeout));
    }

    @Override
    public List<String> rolesOf(String userId, String orgId) {
        if (userId == null || orgId == null) {
            return List.of();
        }
        return List.copyOf(sql.query("membership lookup", "SELECT role FROM bulwark_membership"
                + " WHERE org_id = ? AND user_id = ? ORDER BY granted_no", ps -> {
                    ps.setString(1, orgId);
                    ps.setString(2, userId);
                }, rs -> rs.getString(1)));
    }

    @Override
    public boolean orgExists(String orgId) {
        return orgId != null && sql.one("org lookup", "SELECT 1 FROM bulwark_org WHERE org_id = ?",
                ps -> ps.setString(1, orgId), rs -> Boolean.TRUE).isPresent();
    }

    @Override
    public Optional<String> personalOrgOf(String userId) {
        return userId == null ? Optional.empty() : sql.one("personal org lookup",
                "SELECT org_id FROM bulwark_org WHERE personal_of = ?", ps -> ps.setString(1, userId),
                rs -> rs.getString(1));
    }

    @Override
    public List<Membership> membersOf(String orgId) {
        if (orgId == null) {
            return List.of();
        }
        return sql.query("member list", "SELECT user_id, role FROM bulwark_membership WHERE org_id = ?"
                + " ORDER BY granted_no", ps -> ps.setString(1, orgId),
                rs -> new Membership(rs.getString(1), orgId, rs.getString(2)));
    }

    /**
     * Creates the org if it does not exist.
     *
     * @param orgId the org
     * @return this
     */
    public JdbcMemberships addOrg(String orgId) {
        requireId(orgId, "orgId");
        sql.update("org insert", "INSERT INTO bulwark_org (org_id) VALUES (?) ON CONFLICT DO NOTHING",
                ps -> ps.setString(1, orgId));
        return this;
    }

    /**
     * Grants {@code role} in {@code orgId} to {@code userId} (creating the org if needed); idempotent.
     *
     * @param userId the user
     * @param orgId the org
     * @param role the role
     * @return this
     */
    public JdbcMemberships add(String userId, String orgId, String role) {
        requireId(userId, "userId");
        requireId(role, "role");
        addOrg(orgId);
        sql.update("membership insert", "INSERT INTO bulwark_membership (org_id, user_id, role) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, orgId);
                    ps.setString(2, userId);
                    ps.setString(3, role);
                });
        return this;
    }

    /**
     * @param userId the user
     * @param orgId the org
     * @param role the role to take away
     * @return this
     */
    public JdbcMemberships remove(String userId, String orgId, String role) {
        sql.update("membership delete", "DELETE FROM bulwark_membership WHERE org_id = ? AND user_id = ? AND role = ?",
                ps -> {
                    ps.setString(1, orgId);
                    ps.setString(2, userId);
                    ps.setString(3, role);
                });
        return this;
    }

    /**
     * Replaces every role of the user in the org with {@code role} (removes the others, then adds it).
     *
     * @param userId the user
     * @param orgId the org
     * @param role the new role
     * @return this
     */
    public JdbcMemberships setRole(String userId, String orgId, String role) {
        requireId(userId, "userId");
        requireId(role, "role");
        addOrg(orgId);
        sql.update("membership set role", "DELETE FROM bulwark_membership WHERE org_id = ? AND user_id = ? AND role <> ?",
                ps -> {
                    ps.setString(1, orgId);
                    ps.setString(2, userId);
                    ps.setString(3, role);
                });
        add(userId, orgId, role);
        return this;
    }

    /**
     * @param userId the user
     * @param orgId the org to remove them from (every role)
     * @return this
     */
    public JdbcMemberships removeMember(String userId, String orgId) {
        sql.update("member delete", "DELETE FROM bulwark_membership WHERE org_id = ? AND user_id = ?", ps -> {
            ps.setString(1, orgId);
            ps.setString(2, userId);
        });
        return this;
    }

    /**
     * Makes {@code orgId} the user's personal org (creating it if needed).
     *
     * @param userId the user
     * @param orgId the org
     * @return this
     */
    public JdbcMemberships personalOrg(String userId, String orgId) {
        requireId(userId, "userId");
        requireId(orgId, "orgId");
        sql.update("personal org", "INSERT INTO bulwark_org (org_id, personal_of) VALUES (?, ?)"
                + " ON CONFLICT (org_id) DO UPDATE SET personal_of = EXCLUDED.personal_of", ps -> {
                    ps.setString(1, orgId);
                    ps.setString(2, userId);
                });
        return this;
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new AuthzException(AuthzReason.INVALID_MEMBERSHIP, what + " must be a non-empty string");
        }
    }
}
