package dev.bulwark.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.CoreReason;
import dev.bulwark.core.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TenantScopeTest {

    private static PostgresTestDatabase db;
    private static TenantScope scope;

    @BeforeAll
    static void setUp() throws SQLException {
        db = PostgresTestDatabase.create();
        db.exec("CREATE TABLE notes (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, org_id TEXT NOT NULL,"
                + " body TEXT NOT NULL)");
        db.exec(TenantScope.rowLevelSecurity("notes", "org_id", "text").toArray(String[]::new));
        // idempotent: running the template twice is harmless
        db.exec(TenantScope.rowLevelSecurity("notes", "org_id", "text").toArray(String[]::new));
        db.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO " + db.appRole);
        scope = TenantScope.builder(db.app()).build();
        scope.inOrg("org-a", c -> insert(c, "org-a", "a1") + insert(c, "org-a", "a2"));
        scope.inOrg("org-b", c -> insert(c, "org-b", "b1"));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void queryWithoutWhereClause_seesOnlyTheCurrentOrgsRows() {
        assertThat(rows(scope, "org-a", "SELECT body FROM notes ORDER BY body"))
                .containsExactly("a1", "a2");
        assertThat(rows(scope, "org-b", "SELECT body FROM notes ORDER BY body"))
                .containsExactly("b1");
        assertThat(rows(scope, "org-c", "SELECT body FROM notes")).isEmpty();
    }

    @Test
    void evenAnExplicitQueryForAnotherOrg_returnsNothing_andCannotUpdateOrDeleteIt() {
        assertThat(rows(scope, "org-a", "SELECT body FROM notes WHERE org_id = 'org-b'")).isEmpty();
        int updated = scope.inOrg("org-a", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE notes SET body = 'pwned' WHERE org_id = 'org-b'")
                        + s.executeUpdate("DELETE FROM notes WHERE org_id = 'org-b'");
            }
        });
        assertThat(updated).isZero();
        assertThat(rows(scope, "org-b", "SELECT body FROM notes")).containsExactly("b1");
    }

    @Test
    void writingARowForAnotherOrg_isRefusedByThePolicy() {
        assertThatThrownBy(() -> scope.inOrg("org-a", c -> insert(c, "org-b", "smuggled")))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JdbcReason.STATEMENT_FAILED);
                    assertThat(e.sqlState()).isEqualTo("42501");
                    assertThat(e.getMessage()).doesNotContain("smuggled");
                });
    }

    @Test
    void outsideAnyScope_theApplicationRoleSeesNoRows() throws SQLException {
        try (Connection c = db.app().getConnection()) {
            assertThat(bodies(c, "SELECT body FROM notes")).isEmpty();
        }
    }

    @Test
    void theScopeEndsWithTheTransaction_aPooledConnectionCarriesNothingOver() throws SQLException {
        try (Connection c = db.app().getConnection()) {
            TenantScope onOneConnection = TenantScope.builder(PostgresTestDatabase.single(c)).build();
            assertThat(rows(onOneConnection, "org-a", "SELECT body FROM notes")).hasSize(2);
            assertThat(bodies(c, "SELECT coalesce(current_setting('app.current_org', true), '')")).containsExactly("");
            assertThat(bodies(c, "SELECT body FROM notes")).isEmpty();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void anExceptionRollsTheWorkBack() {
        assertThatThrownBy(() -> scope.inOrg("org-a", c -> {
            insert(c, "org-a", "rolled-back");
            throw new IllegalStateException("application failure");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows(scope, "org-a", "SELECT body FROM notes")).doesNotContain("rolled-back");
    }

    @Test
    void superuserConnections_areRefused_unlessExplicitlyAllowed() {
        TenantScope asSuperuser = TenantScope.builder(db.admin()).build();
        assertThatThrownBy(() -> asSuperuser.inOrg("org-a", c -> bodies(c, "SELECT body FROM notes")))
                .isInstanceOfSatisfying(JdbcStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(JdbcReason.ROLE_BYPASSES_RLS));
        TenantScope admin = TenantScope.builder(db.admin()).allowRoleThatBypassesRls(true).build();
        assertThat(rows(admin, "org-a", "SELECT body FROM notes")).hasSize(3);
    }

    @Test
    void malformedOrgIds_areRejectedBeforeAnySql() {
        for (String bad : new String[] {null, "", "org a", "org';--", "x".repeat(129), "org\n"}) {
            assertThatThrownBy(() -> scope.inOrg(bad, c -> 1))
                    .isInstanceOfSatisfying(JdbcStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(JdbcReason.INVALID_ORG));
        }
    }

    @Test
    void unreachableDatabase_isStoreUnavailable() {
        TenantScope down = TenantScope.builder(PostgresTestDatabase.unreachable()).build();
        assertThatThrownBy(() -> down.inOrg("org-a", c -> 1))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(CoreReason.STORE_UNAVAILABLE));
    }

    @Test
    void templates_validateNames() {
        assertThat(TenantScope.rowLevelSecurity("app.notes", "org_id", "uuid")).last().asString()
                .isEqualTo("CREATE POLICY bulwark_tenant_isolation ON app.notes USING (org_id = NULLIF(current_setting("
                        + "'app.current_org', true), '')::uuid) WITH CHECK (org_id = NULLIF(current_setting("
                        + "'app.current_org', true), '')::uuid)");
        assertThatThrownBy(() -> TenantScope.rowLevelSecurity("notes; DROP TABLE x", "org_id", "text"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TenantScope.rowLevelSecurity("notes", "Org", "text"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TenantScope.rowLevelSecurity("notes", "org_id", "text) OR (true"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TenantScope.builder(db.app()).setting("nodot").build())
                .isInstanceOf(ConfigurationException.class);
    }

    private static List<String> rows(TenantScope s, String org, String sql) {
        return s.inOrg(org, c -> bodies(c, sql));
    }

    private static int insert(Connection c, String org, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes (org_id, body) VALUES (?, ?)")) {
            ps.setString(1, org);
            ps.setString(2, body);
            return ps.executeUpdate();
        }
    }

    private static List<String> bodies(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
