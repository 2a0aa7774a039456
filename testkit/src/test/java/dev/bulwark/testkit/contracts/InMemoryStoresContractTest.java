package dev.bulwark.testkit.contracts;

import dev.bulwark.authz.InMemoryMemberships;
import dev.bulwark.authz.spi.Memberships;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.tokens.spi.ApiKeyStore;
import dev.bulwark.tokens.spi.OneTimeTokenStore;
import dev.bulwark.tokens.spi.RefreshTokenStore;
import dev.bulwark.tokens.spi.SessionStore;
import dev.bulwark.webhooks.InMemoryReplayGuard;
import dev.bulwark.webhooks.ReplayGuard;
import org.junit.jupiter.api.Nested;

/** The in-memory implementations pass the same contracts as the Redis and PostgreSQL ones. */
class InMemoryStoresContractTest {

    @Nested
    class Sessions extends SessionStoreContract {
        private final SessionStore store = SessionStore.inMemory(10_000);

        @Override
        protected SessionStore store() {
            return store;
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        private final ApiKeyStore store = ApiKeyStore.inMemory(10_000);

        @Override
        protected ApiKeyStore store() {
            return store;
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        private final RefreshTokenStore store = RefreshTokenStore.inMemory(10_000);

        @Override
        protected RefreshTokenStore store() {
            return store;
        }
    }

    @Nested
    class OneTimeTokens extends OneTimeTokenStoreContract {
        private final OneTimeTokenStore store = OneTimeTokenStore.inMemory(10_000);

        @Override
        protected OneTimeTokenStore store() {
            return store;
        }
    }

    @Nested
    class Replay extends ReplayGuardContract {
        private final ReplayGuard guard = InMemoryReplayGuard.create(10_000, new TestClock());

        @Override
        protected ReplayGuard guard() {
            return guard;
        }
    }

    @Nested
    class Orgs extends MembershipsContract {
        private final InMemoryMemberships memberships = InMemoryMemberships.create();

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

    @Nested
    class RateLimit extends RateLimitStoreContract {
        private final RateLimitStore store = RateLimitStore.inMemory(10_000, TimeSource.system());

        @Override
        protected RateLimitStore store() {
            return store;
        }
    }
}
