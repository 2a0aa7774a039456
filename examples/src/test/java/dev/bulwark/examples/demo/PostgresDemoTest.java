package dev.bulwark.examples.demo;

import static dev.bulwark.examples.demo.DemoHttp.login;
import static dev.bulwark.examples.demo.DemoHttp.refreshBody;
import static dev.bulwark.examples.demo.DemoHttp.send;
import static dev.bulwark.examples.demo.DemoHttp.signup;
import static dev.bulwark.examples.demo.DemoHttp.verificationToken;
import static dev.bulwark.examples.demo.DemoHttp.verifiedUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.examples.demo.DemoHttp.Res;
import dev.bulwark.examples.demo.DemoHttp.User;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code --postgres}: sessions, refresh-token families, one-time tokens, API keys, memberships
 * and the audit log live in PostgreSQL (a schema of this class's own), shared by two instances.
 */
class PostgresDemoTest extends SharedStoresDemoContract {

    private DemoServices.PostgresSchema pg;

    @Override
    void openBackend() {
        pg = DemoServices.PostgresSchema.create();
    }

    @Override
    DemoServer.Config backend(DemoServer.Config base) {
        return base.postgres(pg.demoUrl());
    }

    @Override
    void closeBackend() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void storePlacement_namesPostgresForEveryStoreItHas() {
        for (String store : new String[] {"sessions", "refresh-token families", "one-time tokens", "API keys",
                "memberships", "audit log"}) {
            assertThat(a.storePlacement().get(store)).as(store).startsWith("postgresql (").contains(pg.name);
        }
        assertThat(a.storePlacement().get("login rate limits")).startsWith("memory");
        assertThat(a.storePlacement().get("sessions")).contains("user postgres");
    }

    @Test
    void apiKeyCreatedOnOneInstance_worksOnTheOther_untilRevokedThere() throws Exception {
        User u = verifiedUser(a, console, "keys");
        JsonNode onA = login(a, u);
        Res created = send(a, "POST", "/api/keys", access(onA), "{\"name\":\"ci\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String raw = created.text("key");

        // memberships are shared too: B resolves the user's personal org and role from PostgreSQL
        Res userOnB = send(b, "POST", "/auth/refresh", null, refreshBody(refresh(onA)));
        assertThat(userOnB.status()).isEqualTo(200);
        Res whoOnB = send(b, "GET", "/api/whoami", access(userOnB.body()), null);
        assertThat(whoOnB.status()).as(whoOnB.raw().body()).isEqualTo(200);
        assertThat(whoOnB.text("org")).isEqualTo(u.org());
        assertThat(whoOnB.text("role")).isEqualTo("owner");
        Res keysOnB = send(b, "GET", "/api/keys", access(userOnB.body()), null);
        assertThat(keysOnB.body()).hasSize(1);
        assertThat(keysOnB.body().get(0).get("id").asText()).isEqualTo(created.text("id"));
        assertThat(keysOnB.raw().body()).doesNotContain(raw);

        Res exchangedOnB = send(b, "POST", "/auth/token", raw, null);
        assertThat(exchangedOnB.status()).as(exchangedOnB.raw().body()).isEqualTo(200);
        Res keyWho = send(b, "GET", "/api/whoami", access(exchangedOnB.body()), null);
        assertThat(keyWho.status()).as(keyWho.raw().body()).isEqualTo(200);
        assertThat(keyWho.text("org")).isEqualTo(u.org());
        assertThat(keyWho.text("role")).isEqualTo("member");
        assertThat(send(b, "GET", "/api/projects", raw, null).status()).isEqualTo(200);

        assertThat(send(a, "DELETE", "/api/keys/" + created.text("id"), access(onA), null).status())
                .isEqualTo(204);
        assertThat(send(b, "POST", "/auth/token", raw, null).status()).isEqualTo(401);
        assertThat(send(b, "GET", "/api/projects", raw, null).status()).isEqualTo(401);
        assertThat(send(b, "GET", "/api/keys", access(userOnB.body()), null).body()).isEmpty();
        // the signing-up user is still the personal owner of the org (the key never took it over)
        assertThat(send(b, "GET", "/api/whoami", access(userOnB.body()), null).text("role")).isEqualTo("owner");
    }

    @Test
    void verificationLinks_andTheAuditLog_areRowsInPostgres() throws Exception {
        long links = pg.count("bulwark_one_time_token");
        User u = signup(a, console, "rows");
        assertThat(pg.count("bulwark_one_time_token")).isEqualTo(links + 1);
        assertThat(send(a, "GET", "/auth/verify?token=" + verificationToken(console, u), null, null).status())
                .isEqualTo(200);
        assertThat(pg.count("bulwark_one_time_token")).isEqualTo(links);

        // a third instance on the same schema (the schema is applied again, idempotently); closing it flushes
        // its audit trail
        long audit = pg.count("bulwark_audit_event");
        DemoServer c = startInstance();
        JsonNode tokens;
        try {
            tokens = login(c, verifiedUser(c, console, "audit"));
        } finally {
            c.close();
        }
        assertThat(pg.count("bulwark_audit_event")).isGreaterThan(audit);
        assertThat(pg.count("bulwark_audit_event WHERE attributes::text LIKE '%" + refresh(tokens) + "%'"
                + " OR attributes::text LIKE '%" + access(tokens).substring(0, 40) + "%'")).isZero();
        assertThat(pg.count("bulwark_session WHERE revoked_at IS NULL")).isPositive();
    }
}
