package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of docs/authz.md, compiled and run. */
class AuthzDocsExampleTest {

    @Test
    void docsExample(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, PolicyDocumentTest.resource("design-example.json"));

        Policy policy = Policy.load(file);
        InMemoryMemberships members = policy.membershipStore();
        members.personalOrg("u1", "o1");
        Authorizer authz = Authorizer.builder()
                .policy(policy).memberships(members)
                .auditSink(AuditSinks.slf4j()).clock(Clock.systemUTC())
                .build();

        Permission read = Permission.parseRequest("projects.read");
        Decision d = authz.check(Subject.of("u1", "o1"), read, Resource.of("o1", "u7"));
        assertThat(d.allowed()).isTrue();
        authz.require(Subject.of("u1", "o1"), read, null);
        assertThatThrownBy(() -> authz.require(Subject.of("u1", "o2"), read, null))
                .isInstanceOf(AccessDeniedException.class);

        OrgContextResolver resolver = OrgContextResolver.create(members, AuditSinks.slf4j(), Clock.systemUTC());
        OrgContext ctx = resolver.resolve(AuthenticatedPrincipal.user("u1"), null);
        assertThat(authz.check(ctx, read, null).allowed()).isTrue();

        Policy matrix = Presets.orgMatrix();
        InMemoryMemberships org = InMemoryMemberships.create().add("admin1", "o1", "admin").add("member7", "o1", "member");
        RoleChangeRules rules = RoleChangeRules.builder(matrix).ownerRole("owner").build();
        assertThat(rules.assign("admin1", "o1", "member7", "admin", org).orThrow().allowed()).isTrue();
    }
}
