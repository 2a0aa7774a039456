package dev.bulwark.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {

    @Test
    void statements_keepDollarQuotedBodiesWhole_andDropComments() {
        List<String> statements = JdbcSchema.statements();
        assertThat(statements).anySatisfy(s -> assertThat(s)
                .startsWith("CREATE OR REPLACE FUNCTION bulwark_audit_event_append_only()")
                .contains("RAISE EXCEPTION").endsWith("$$"));
        assertThat(statements).noneSatisfy(s -> assertThat(s).startsWith("--"));
        assertThat(statements).allSatisfy(s -> assertThat(s).doesNotEndWith(";"));
    }

    @Test
    void split_handlesQuotesAndComments() {
        assertThat(JdbcSchema.split("SELECT ';' -- a ; comment\n; SELECT \"a;b\"; ;"))
                .containsExactly("SELECT ';'", "SELECT \"a;b\"");
    }

    @Test
    void applyingTwice_isHarmless() throws SQLException {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            JdbcSchema.apply(db.admin());
            assertThatCode(() -> JdbcSchema.apply(db.admin())).doesNotThrowAnyException();
        }
    }
}
