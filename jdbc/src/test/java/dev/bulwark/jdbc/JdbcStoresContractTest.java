package dev.bulwark.jdbc;

import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.testkit.contracts.ApiKeyStoreContract;
import dev.bulwark.testkit.contracts.MembershipsContract;
import dev.bulwark.testkit.contracts.OneTimeTokenStoreContract;
import dev.bulwark.testkit.contracts.RefreshTokenStoreContract;
import dev.bulwark.testkit.contracts.SessionStoreContract;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The PostgreSQL stores pass the same contract suites as the in-memory ones, against the real server, as a plain
 * (non-superuser) application role.
 */
class JdbcStoresContractTest {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void setUp() throws SQLException {
        db = PostgresTestDatabase.create();
        JdbcSchema.apply(db.admin());
        db.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON bulwark_session, bulwark_session_valid_after,"
                + " bulwark_api_key, bulwark_refresh_token, bulwark_one_time_token, bulwark_org, bulwark_membership TO "
                + db.appRole);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store() {
            return JdbcSessionStore.create(db.app());
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return JdbcApiKeyStore.create(db.app());
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store() {
            return JdbcRefreshTokenStore.create(db.app());
        }
    }

    @Nested
    class OneTimeTokens extends OneTimeTokenStoreContract {
        @Override
        protected OneTimeTokenStore store() {
            return JdbcOneTimeTokenStore.create(db.app());
        }
    }

    @Nested
    class Orgs extends MembershipsContract {
        private final JdbcMemberships memberships = JdbcMemberships.create(db.app());

        @Override
        protected Memberships memberships() {
            return memberships;
        }

        @Override
        protected void grant(String user, String org, String role) {
            memberships.add(user, org, role);
        }

        @Override
        protected void personal(String user, String org) {
            memberships.personalOrg(user, org);
        }
    }
}
