package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.testkit.TenantIsolationProbe.Credentials;
import dev.bulwark.testkit.TenantIsolationProbe.Endpoint;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe passes against a correctly isolated service and fails, clearly, against each kind of leak. */
class TenantIsolationProbeTest {

    private static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.get("/api/projects"),
            Endpoint.delete("/api/projects/{id}"), // given first: the probe still runs it last
            Endpoint.get("/api/projects/{id}"),
            Endpoint.put("/api/projects/{id}", "{\"name\":\"taken over\"}"));

    private static TenantIsolationProbe probe(IsolationTestApp app) {
        return TenantIsolationProbe.builder(URI.create(app.baseUrl()))
                .orgA(Credentials.bearer("org_a", "token-a"))
                .orgB(Credentials.bearer("org_b", "token-b"))
                .create(Endpoint.post("/api/projects", "{\"name\":\"b's project\"}"))
                .endpoints(ENDPOINTS)
                .build();
    }

    @Test
    void isolatedService_probePasses_andCleansUp() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.NONE)) {
            TenantIsolationProbe.Report r = probe(app).assertIsolated();
            assertThat(r.isolated()).isTrue();
            assertThat(r.resourceId()).isEqualTo("p1");
            assertThat(r.checks()).contains("org org_a GET /api/projects/p1 -> 404",
                    "org org_a PUT /api/projects/p1 -> 404", "org org_a DELETE /api/projects/p1 -> 404",
                    "cleanup: org org_b DELETE /api/projects/p1 -> 204");
            assertThat(r.checks().indexOf("org org_a DELETE /api/projects/p1 -> 404"))
                    .isGreaterThan(r.checks().indexOf("org org_a PUT /api/projects/p1 -> 404"));
            assertThat(app.count()).isZero();
            assertThat(probe(app).run().resourceId()).isEqualTo("p2"); // repeatable
        }
    }

    @Test
    void docsExample_asWrittenInTestingMd() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.NONE)) {
            String baseUrl = app.baseUrl();
            String tokenA = "token-a";
            String tokenB = "token-b";
            TenantIsolationProbe.builder(URI.create(baseUrl))
                    .orgA(TenantIsolationProbe.Credentials.bearer("org_a", tokenA))   // Authorization: Bearer + X-Org-Id
                    .orgB(TenantIsolationProbe.Credentials.bearer("org_b", tokenB))
                    .create(TenantIsolationProbe.Endpoint.post("/api/projects", "{\"name\":\"b's project\"}"))
                    .endpoint(TenantIsolationProbe.Endpoint.get("/api/projects"))
                    .endpoint(TenantIsolationProbe.Endpoint.get("/api/projects/{id}"))
                    .endpoint(TenantIsolationProbe.Endpoint.put("/api/projects/{id}", "{\"name\":\"taken over\"}"))
                    .endpoint(TenantIsolationProbe.Endpoint.delete("/api/projects/{id}"))
                    .build()
                    .assertIsolated();
        }
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.WRITE)) {
            // the message shown in testing.md
            assertThatThrownBy(() -> probe(app).assertIsolated()).hasMessage("""
                    tenant isolation violated: org org_a reached org org_b's resource p1 (2 violations)
                      - org org_a PUT /api/projects/p1 on org org_b's resource returned 200, expected one of [403, 404]
                      - after org org_a's attempts, org org_b's GET /api/projects/p1 returns a different body: \
                    the resource was modified""");
        }
    }

    @Test
    void readLeak_failsNamingTheRequest() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.READ)) {
            assertThatThrownBy(() -> probe(app).assertIsolated()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("tenant isolation violated: org org_a reached org org_b's resource p1 (1 violation)")
                    .hasMessageContaining("org org_a GET /api/projects/p1 on org org_b's resource returned 200, expected one of");
        }
    }

    @Test
    void listLeak_fails() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.LIST)) {
            TenantIsolationProbe.Report r = probe(app).run();
            assertThat(r.violations()).containsExactly("org org_a GET /api/projects lists org org_b's resource p1");
        }
    }

    @Test
    void writeLeak_failsOnStatusAndOnTheChangedResource() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.WRITE)) {
            TenantIsolationProbe.Report r = probe(app).run();
            assertThat(r.violations()).containsExactly(
                    "org org_a PUT /api/projects/p1 on org org_b's resource returned 200, expected one of [403, 404]",
                    "after org org_a's attempts, org org_b's GET /api/projects/p1 returns a different body: "
                            + "the resource was modified");
        }
    }

    @Test
    void deleteThatAnswers404ButDeletes_caughtByTheAfterCheck() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.DELETE_SILENTLY)) {
            TenantIsolationProbe.Report r = probe(app).run();
            assertThat(r.violations()).containsExactly("after org org_a's attempts, org org_b's GET /api/projects/p1"
                    + " returned 404: the resource was removed");
        }
    }

    @Test
    void everyLeak_everyViolationListed_noCredentialInTheMessage() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.EVERYTHING)) {
            assertThatThrownBy(() -> probe(app).assertIsolated()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("violations)")
                    .hasMessageContaining("lists org org_b's resource p1")
                    .hasMessageContaining("GET /api/projects/p1 on org org_b's resource returned 200")
                    .hasMessageContaining("PUT /api/projects/p1 on org org_b's resource returned 200")
                    .hasMessageNotContaining("token-a").hasMessageNotContaining("token-b");
        }
    }

    @Test
    void badCredentials_reportedAsSetupOrControlFailures_notAsAPass() throws Exception {
        try (IsolationTestApp app = new IsolationTestApp(IsolationTestApp.Leak.NONE)) {
            TenantIsolationProbe.Report noB = TenantIsolationProbe.builder(URI.create(app.baseUrl()))
                    .orgA(Credentials.bearer("org_a", "token-a")).orgB(Credentials.bearer("org_b", "wrong"))
                    .create(Endpoint.post("/api/projects", "{}")).endpoints(ENDPOINTS).build().run();
            assertThat(noB.isolated()).isFalse();
            assertThat(noB.violations()).singleElement().asString().startsWith("setup: org org_b could not create")
                    .contains("returned 401");
            // A's credentials rejected: a 401 everywhere must not pass as isolation
            TenantIsolationProbe.Report badA = TenantIsolationProbe.builder(URI.create(app.baseUrl()))
                    .orgA(Credentials.bearer("org_a", "wrong")).orgB(Credentials.bearer("org_b", "token-b"))
                    .create(Endpoint.post("/api/projects", "{}")).endpoints(ENDPOINTS).build().run();
            assertThat(badA.violations()).anyMatch(v -> v.startsWith("control: org org_a's GET /api/projects returned 401"));
            // wrong read path: B cannot read its own resource, so the probe says it proves nothing
            TenantIsolationProbe.Report wrongPath = TenantIsolationProbe.builder(URI.create(app.baseUrl()))
                    .orgA(Credentials.bearer("org_a", "token-a")).orgB(Credentials.bearer("org_b", "token-b"))
                    .create(Endpoint.post("/api/projects", "{}")).endpoint(Endpoint.get("/api/project/{id}"))
                    .build().run();
            assertThat(wrongPath.violations()).singleElement().asString().startsWith("control: org org_b cannot read");
        }
    }

    @Test
    void build_validates() {
        URI base = URI.create("http://localhost:1");
        Credentials a = Credentials.bearer("org_a", "t");
        Credentials b = Credentials.bearer("org_b", "u");
        Endpoint create = Endpoint.post("/x", "{}");
        Endpoint item = Endpoint.get("/x/{id}");
        assertThatThrownBy(() -> TenantIsolationProbe.builder(URI.create("/relative")).orgA(a).orgB(b).create(create)
                .endpoint(item).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).create(create).endpoint(item).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("orgB");
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).orgB(a).create(create).endpoint(item)
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("different");
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).orgB(b).create(item).endpoint(item)
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("create");
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).orgB(b).create(create)
                .endpoint(Endpoint.get("/x")).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).orgB(b).create(create).endpoint(item)
                .endpoint(Endpoint.put("/x", "{}")).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PUT /x");
        assertThatThrownBy(() -> TenantIsolationProbe.builder(base).orgA(a).orgB(b).create(create).endpoint(item)
                .deniedStatuses(Set.of(200, 404)).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new Endpoint("GET", "x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Credentials.bearer("org_a", "secret-token").toString()).doesNotContain("secret-token");
    }

    @Test
    void tokenMatching_wholeIdsOnly() {
        assertThat(TenantIsolationProbe.containsToken("{\"id\":\"p12\"}", "p1")).isFalse();
        assertThat(TenantIsolationProbe.containsToken("{\"id\":\"p1\"}", "p1")).isTrue();
        assertThat(TenantIsolationProbe.containsToken("[7,17]", "7")).isTrue();
        assertThat(TenantIsolationProbe.containsToken("[17,71]", "7")).isFalse();
    }
}
