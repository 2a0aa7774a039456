package dev.bulwark.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthzCommandTest {

    private static final String POLICY = """
            {"roles": [{"name": "admin", "level": 80, "grants": ["projects.*", "members.read"],
                        "denies": ["billing.*"], "inherits": ["member"]},
                       {"name": "member", "level": 40, "grants": ["projects.read", "activity.read:own"],
                        "inherits": ["viewer"]},
                       {"name": "viewer", "level": 20, "grants": ["dashboards.read"]}],
             "memberships": [{"user": "alice", "org": "acme", "role": "admin"},
                             {"user": "bob", "org": "acme", "role": "member"},
                             {"user": "vera", "org": "acme", "role": "viewer"}]}
            """;

    @TempDir
    Path dir;
    private Path policy;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writePolicy() throws IOException {
        policy = dir.resolve("policy.json");
        Files.writeString(policy, POLICY);
    }

    private int run(String... args) {
        CliIo io = new CliIo(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return BulwarkCli.runCommand(AuthzCommand.class, io, args);
    }

    private int check(String... extra) {
        String[] base = {"check", "--policy", policy.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice | acme | projects.delete | - | - | 0 | {\"allowed\":true,\"reason\":null,\"role\":\"admin\",\"grant\":\"projects.*\"}",
        "vera | acme | projects.read | - | - | 1 | {\"allowed\":false,\"reason\":\"NO_GRANT\",\"role\":\"viewer\",\"grant\":null}",
        "alice | acme | billing.read | - | - | 1 | {\"allowed\":false,\"reason\":\"EXPLICIT_DENY\",\"role\":\"admin\",\"grant\":\"billing.*\"}",
        "bob | acme | activity.read | bob | - | 0 | {\"allowed\":true,\"reason\":null,\"role\":\"member\",\"grant\":\"activity.read:own\"}",
        "bob | acme | activity.read | alice | - | 1 | {\"allowed\":false,\"reason\":\"NOT_OWNER\",\"role\":\"member\",\"grant\":\"activity.read:own\"}",
        "alice | acme | projects.read | - | globex | 1 | {\"allowed\":false,\"reason\":\"ORG_MISMATCH\",\"role\":null,\"grant\":null}",
        "alice | globex | projects.read | - | - | 1 | {\"allowed\":false,\"reason\":\"NOT_A_MEMBER\",\"role\":null,\"grant\":null}"
    })
    void check_printsDecisionJson_exit0AllowedOr1Denied(String user, String org, String perm, String owner,
            String resourceOrg, int exit, String json) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--user", user, "--org", org,
                "--permission", perm));
        if (!owner.equals("-")) {
            args.addAll(java.util.List.of("--owner", owner));
        }
        if (!resourceOrg.equals("-")) {
            args.addAll(java.util.List.of("--resource-org", resourceOrg));
        }
        assertThat(check(args.toArray(new String[0]))).isEqualTo(exit);
        assertThat(out()).isEqualTo(json);
        if (exit == 1) {
            String reason = json.replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "$1");
            assertThat(err()).startsWith(reason + ": ").doesNotContain("\n");
        } else {
            assertThat(err()).isEmpty();
        }
    }

    @Test
    void yamlPolicy_works() throws IOException {
        Path y = dir.resolve("p.yaml");
        Files.writeString(y, "roles:\n  - {name: viewer, level: 1, grants: [docs.read]}\n"
                + "memberships:\n  - {user: u, org: o, role: viewer}\n");
        assertThat(run("check", "--policy", y.toString(), "--user", "u", "--org", "o", "--permission", "docs.read"))
                .isZero();
        assertThat(out()).isEqualTo("{\"allowed\":true,\"reason\":null,\"role\":\"viewer\",\"grant\":\"docs.read\"}");
    }

    @Test
    void invalidPolicy_exit2_namingTheEntry() throws IOException {
        Files.writeString(policy, "{\"roles\":[{\"name\":\"a\",\"grants\":[\"ok.read\",\"Bad.read\"]}]}");
        assertThat(check("--user", "u", "--org", "o", "--permission", "ok.read")).isEqualTo(2);
        assertThat(err()).contains("MALFORMED_PERMISSION").contains("roles[0]").contains("grants[1]")
                .contains("\"Bad.read\"");
        assertThat(out()).isEmpty();
    }

    @Test
    void cyclicPolicy_exit2() throws IOException {
        Files.writeString(policy, "{\"roles\":[{\"name\":\"a\",\"inherits\":[\"b\"]},{\"name\":\"b\",\"inherits\":[\"a\"]}]}");
        assertThat(check("--user", "u", "--org", "o", "--permission", "ok.read")).isEqualTo(2);
        assertThat(err()).contains("INHERITANCE_CYCLE").contains("a -> b -> a");
    }

    @Test
    void missingFile_malformedPermission_missingOption_exit2() {
        assertThat(run("check", "--policy", dir.resolve("nope.json").toString(), "--user", "u", "--org", "o",
                "--permission", "a.b")).isEqualTo(2);
        assertThat(err()).contains("cannot read policy");
        assertThat(check("--user", "u", "--org", "o", "--permission", "Projects.read")).isEqualTo(2);
        assertThat(check("--user", "u", "--org", "o", "--permission", "projects.*")).isEqualTo(2);
        assertThat(check("--user", "u", "--org", "o")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(out()).isEmpty();
    }
}
