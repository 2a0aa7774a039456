package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** How the probe finds the created resource's id in a response it does not control. */
class TenantIsolationProbeIdTest {

    @Example
    void id_fromJsonStringNumberOrLocation() {
        assertThat(TenantIsolationProbe.defaultId("{\"name\":\"x\", \"id\" : \"prj_9\"}", null)).isEqualTo("prj_9");
        assertThat(TenantIsolationProbe.defaultId("{\"id\":42,\"n\":1}", null)).isEqualTo("42");
        assertThat(TenantIsolationProbe.defaultId("", "/api/projects/p7/")).isEqualTo("p7");
        assertThat(TenantIsolationProbe.defaultId("{}", "https://h/api/projects/p8?x=1")).isEqualTo("p8");
        assertThat(TenantIsolationProbe.defaultId("{\"id\":\"\"}", null)).isNull();
        assertThat(TenantIsolationProbe.defaultId(null, "/")).isNull();
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("\"id: {}/?,0123abc").ofMaxLength(60));
    }

    @Property(tries = 1000)
    void defaultId_neverThrows_andAnIdItReturnsIsInTheInput(@ForAll("junk") String body, @ForAll("junk") String location) {
        String id = TenantIsolationProbe.defaultId(body, location);
        if (id != null) {
            assertThat(id).isNotEmpty();
            assertThat(body.contains(id) || location.contains(id)).isTrue();
        }
    }

    @Property(tries = 300)
    void containsToken_findsTheIdInAnyJsonPosition(@ForAll("ids") String id, @ForAll("ids") String other) {
        String json = "{\"items\":[{\"id\":\"" + other + "x\"},{\"id\":\"" + id + "\"}]}";
        assertThat(TenantIsolationProbe.containsToken(json, id)).isTrue();
        assertThat(TenantIsolationProbe.containsToken("{\"id\":\"" + id + "x\"}", id)).isFalse();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).filter(s -> !s.equals("id"));
    }
}
