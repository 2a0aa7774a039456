package dev.bulwark.jdbc;

import dev.bulwark.jdbc.internal.SqlErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Bulwark's PostgreSQL schema, shipped as versioned SQL files on the class path under {@code db/postgresql/}
 * ({@code V1__bulwark.sql}, ...), named the way Flyway expects so a host can copy them into its own migrations.
 *
 * <p>Hosts that have no migration tool (and Bulwark's own tests) can {@link #apply(DataSource) apply} them
 * directly: every statement in them is idempotent. The scripts create tables, indexes and triggers only; row-level
 * security policies for the host's own tables come from {@link TenantScope#rowLevelSecurity}.
 */
public final class JdbcSchema {

    /** The class-path resources of the schema, in version order. */
    public static final List<String> MIGRATIONS = List.of("db/postgresql/V1__bulwark.sql");

    private JdbcSchema() {
    }

    /**
     * Reads every migration and splits it into statements.
     *
     * @return the statements, in order
     * @throws UncheckedIOException if a resource is missing from the class path (a broken jar)
     */
    public static List<String> statements() {
        List<String> all = new ArrayList<>();
        for (String resource : MIGRATIONS) {
            try (InputStream in = JdbcSchema.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("missing schema resource " + resource));
                }
                all.addAll(split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /**
     * Runs every migration statement in one transaction.
     *
     * @param dataSource a data source whose role may create tables in its default schema
     * @throws dev.bulwark.core.StoreUnavailableException when the server cannot be reached
     * @throws JdbcStoreException when a statement is refused (nothing is applied then)
     */
    public static void apply(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements()) {
                    s.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "schema migration");
        }
    }

    /**
     * Splits a script on semicolons outside string literals, quoted identifiers, dollar-quoted bodies and
     * comments.
     *
     * @param script the SQL script
     * @return the non-empty statements, trimmed, without their terminating semicolon
     */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                current.append('\n');
            } else if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                end = end < 0 ? n - 1 : end;
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : script.substring(i, tagEnd + 1);
                if (tag != null && tag.matches("\\$[A-Za-z_]*\\$")) {
                    int close = script.indexOf(tag, tagEnd + 1);
                    int end = close < 0 ? n : close + tag.length();
                    current.append(script, i, end);
                    i = end;
                } else {
                    current.append(c);
                    i++;
                }
            } else if (c == ';') {
                add(out, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String sql = current.toString().trim();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        current.setLength(0);
    }
}
