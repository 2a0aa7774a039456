package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentTest {

    static String resource(String name) {
        try (InputStream in = PolicyDocumentTest.class.getResourceAsStream("/authz/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fromJson_designExample_loadsRolesAndMemberships() {
        Policy p = Policy.fromJson(resource("design-example.json"));
        assertThat(p.roles()).extracting(Role::name).containsExactly("admin", "member", "viewer");
        Role admin = p.role("admin").orElseThrow();
        assertThat(admin.level()).isEqualTo(80);
        assertThat(admin.grants()).extracting(Permission::toString).containsExactly("projects.*", "members.read");
        assertThat(admin.denies()).extracting(Permission::toString).containsExactly("billing.*");
        assertThat(admin.inherits()).containsExactly("member");
        assertThat(p.memberships()).contains(new Membership("u1", "o1", "admin"), new Membership("u3", "o2", "admin"));
    }

    @Test
    void effectiveGrants_transitive_ownFirstThenInherited() {
        Policy p = Policy.fromJson(resource("design-example.json"));
        assertThat(p.effectiveGrants("admin")).extracting(Permission::toString).containsExactly(
                "projects.*", "members.read", "projects.read", "activity.read:own", "dashboards.read");
        assertThat(p.effectiveDenies("admin")).extracting(Permission::toString).containsExactly("billing.*");
        assertThat(p.effectiveGrants("viewer")).extracting(Permission::toString).containsExactly("dashboards.read");
        assertThat(p.effectiveGrants("nobody")).isEmpty();
    }

    @Test
    void fromYaml_sameModelAsJson() {
        Policy json = Policy.fromJson(resource("design-example.json"));
        Policy yaml = Policy.fromYaml(resource("design-example.yaml"));
        assertThat(yaml.roles()).isEqualTo(json.roles());
        assertThat(yaml.memberships()).isEqualTo(json.memberships());
    }

    @Test
    void javaBuilder_sameModelAsDocument() {
        Policy built = Policy.builder()
                .role(Role.builder("admin").level(80).grants("projects.*", "members.read").denies("billing.*")
                        .inherits("member").build())
                .role(Role.builder("member").level(40).grants("projects.read", "activity.read:own")
                        .inherits("viewer").build())
                .role(Role.builder("viewer").level(20).grants("dashboards.read").build())
                .membership("u1", "o1", "admin").membership("u2", "o1", "member")
                .membership("u3", "o1", "viewer").membership("u3", "o2", "admin")
                .build();
        Policy doc = Policy.fromJson(resource("design-example.json"));
        assertThat(built.roles()).isEqualTo(doc.roles());
        assertThat(built.memberships()).isEqualTo(doc.memberships());
    }

    @Test
    void load_picksFormatByExtension(@TempDir Path dir) throws IOException {
        Path y = dir.resolve("p.yml");
        Files.writeString(y, resource("design-example.yaml"));
        Path j = dir.resolve("p.json");
        Files.writeString(j, resource("design-example.json"));
        assertThat(Policy.load(y).roles()).isEqualTo(Policy.load(j).roles());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invalid-cycle.json | INHERITANCE_CYCLE | a -> b -> c -> a",
        "invalid-unknown-inherit.json | UNKNOWN_ROLE | \"ghost\"",
        "invalid-permission.json | MALFORMED_PERMISSION | roles[1]: role \"admin\": grants[1] permission \"Projects.read\"",
        "invalid-membership-role.json | UNKNOWN_ROLE | memberships[1]"
    })
    void invalidFixtures_typedErrorNamingTheEntry(String file, AuthzReason reason, String inMessage) {
        assertThatThrownBy(() -> Policy.fromJson(resource(file)))
                .isInstanceOf(InvalidPolicyException.class)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(inMessage)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json | MALFORMED_POLICY | not valid JSON",
        "[] | MALFORMED_POLICY | must be an object",
        "{} | MALFORMED_POLICY | \"roles\" must be an array",
        "{\"roles\":{}} | MALFORMED_POLICY | \"roles\" must be an array",
        "{\"roles\":[],\"extra\":1} | MALFORMED_POLICY | unknown key \"extra\"",
        "{\"roles\":[{\"name\":\"a\",\"denys\":[]}]} | MALFORMED_POLICY | roles[0]: unknown key \"denys\"",
        "{\"roles\":[{\"level\":3}]} | INVALID_ROLE | roles[0]: \"name\" must be a non-empty string",
        "{\"roles\":[{\"name\":\"a\",\"level\":\"80\"}]} | INVALID_ROLE | \"level\" must be an integer",
        "{\"roles\":[{\"name\":\"a\",\"level\":8.5}]} | INVALID_ROLE | \"level\" must be an integer",
        "{\"roles\":[{\"name\":\"a\",\"level\":-1}]} | INVALID_ROLE | level must be between 0",
        "{\"roles\":[{\"name\":\"a b\"}]} | INVALID_ROLE | role name",
        "{\"roles\":[{\"name\":\"a\",\"grants\":\"x.y\"}]} | MALFORMED_POLICY | \"grants\" must be an array",
        "{\"roles\":[{\"name\":\"a\",\"grants\":[1]}]} | MALFORMED_POLICY | grants[0] must be a string",
        "{\"roles\":[{\"name\":\"a\"},{\"name\":\"a\"}]} | DUPLICATE_ROLE | \"a\" is defined twice",
        "{\"roles\":[{\"name\":\"a\",\"inherits\":[\"a\"]}]} | INHERITANCE_CYCLE | a -> a",
        "{\"roles\":[],\"roles\":[]} | MALFORMED_POLICY | Duplicate field",
        "{\"roles\":[]} x | MALFORMED_POLICY | not valid JSON",
        "{\"roles\":[],\"memberships\":[{\"user\":\"u\",\"org\":\"o\"}]} | INVALID_MEMBERSHIP | memberships[0]: \"role\"",
        "{\"roles\":[],\"memberships\":[{\"user\":\"\",\"org\":\"o\",\"role\":\"r\"}]} | INVALID_MEMBERSHIP | memberships[0]",
        "{\"roles\":[],\"memberships\":{}} | MALFORMED_POLICY | \"memberships\" must be an array",
        "{\"roles\":[{\"name\":\"a\",\"denies\":[\"x.y:all\"]}]} | MALFORMED_PERMISSION | denies[0]"
    })
    void malformedDocuments_typedErrors(String json, AuthzReason reason, String inMessage) {
        assertThatThrownBy(() -> Policy.fromJson(json))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(inMessage)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).reason()).isEqualTo(reason));
    }

    @Test
    void malformedYaml_typedError() {
        assertThatThrownBy(() -> Policy.fromYaml("roles: [unclosed"))
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).reason()).isEqualTo(AuthzReason.MALFORMED_POLICY));
        assertThatThrownBy(() -> Policy.fromYaml("")).isInstanceOf(InvalidPolicyException.class);
        assertThatThrownBy(() -> Policy.fromYaml("roles: []\nroles: []\n")).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> Policy.fromYaml("roles:\n  - name: a\n    grants: [Projects.read]\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("roles[0]")
                .satisfies(e -> assertThat(((InvalidPolicyException) e).reason()).isEqualTo(AuthzReason.MALFORMED_PERMISSION));
    }

    @Test
    void deepInheritance_beyondJcasbinsTenLevels_isFollowed() {
        Policy.Builder b = Policy.builder();
        b.role(Role.builder("r0").grants("deep.read").build());
        for (int i = 1; i <= 50; i++) {
            b.role(Role.builder("r" + i).level(i).inherits("r" + (i - 1)).build());
        }
        Policy p = b.build();
        assertThat(p.decide("u", "o", List.of("r50"), Permission.parseRequest("deep.read"), null).allowed()).isTrue();
    }

    @Test
    void emptyRoles_validPolicy_deniesEverything() {
        Policy p = Policy.fromJson("{\"roles\":[]}");
        assertThat(p.roles()).isEmpty();
        assertThat(p.decide("u", "o", List.of("ghost"), Permission.parseRequest("a.b"), null).reason())
                .isEqualTo(AuthzReason.NO_GRANT);
    }

    @Test
    void builder_unknownInherit_andCycle_rejected() {
        assertThatThrownBy(() -> Policy.builder().role(Role.builder("a").inherits("b").build()).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("\"b\", which is not defined");
        assertThatThrownBy(() -> Policy.builder()
                .role(Role.builder("a").inherits("b").build())
                .role(Role.builder("b").inherits("a").build()).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("a -> b -> a");
        assertThatThrownBy(() -> Role.builder("a").grants("bad").build())
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).reason()).isEqualTo(AuthzReason.MALFORMED_PERMISSION));
    }
}
