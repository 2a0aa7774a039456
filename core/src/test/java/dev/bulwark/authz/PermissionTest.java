package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @ParameterizedTest
    @CsvSource({
        "projects.read, projects, read, false",
        "projects.*, projects, *, false",
        "*.read, *, read, false",
        "*.*, *, *, false",
        "activity.read:own, activity, read, true",
        "api_keys.view, api_keys, view, false",
        "a-b.c9_d, a-b, c9_d, false",
        "*.*:own, *, *, true"
    })
    void parse_validEntry_splitsSegments(String text, String resource, String action, boolean own) {
        Permission p = Permission.parse(text);
        assertThat(p.resource()).isEqualTo(resource);
        assertThat(p.action()).isEqualTo(action);
        assertThat(p.isOwnScoped()).isEqualTo(own);
        assertThat(p.toString()).isEqualTo(text);
        assertThat(Permission.parse(p.toString())).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "projects", "projects.", ".read", "projects.read.extra", "Projects.read",
        "projects.Read", "projects.read:OWN", "projects.read:mine", "projects.read:own:own", "1projects.read",
        "_x.read", "pro jects.read", "projects.re*d", "**.read", "projects..read", "projects.read ",
        " projects.read", "projects.read:", ":own", "projects.*x", "projéts.read", "projects.read\n"})
    void parse_malformed_rejectedWithReason(String text) {
        assertThatThrownBy(() -> Permission.parse(text))
                .isInstanceOf(InvalidPermissionException.class)
                .satisfies(e -> assertThat(((InvalidPermissionException) e).reason())
                        .isEqualTo(AuthzReason.MALFORMED_PERMISSION));
    }

    @ParameterizedTest
    @NullSource
    void parse_null_rejected(String text) {
        assertThatThrownBy(() -> Permission.parse(text)).isInstanceOf(InvalidPermissionException.class);
    }

    @Test
    void parse_tooLongSegment_rejected() {
        assertThatThrownBy(() -> Permission.parse("a".repeat(65) + ".read"))
                .isInstanceOf(InvalidPermissionException.class).hasMessageContaining("longer than 64");
        assertThat(Permission.parse("a".repeat(64) + ".read").resource()).hasSize(64);
    }

    @Test
    void parse_message_namesTheSegmentAndRule() {
        assertThatThrownBy(() -> Permission.parse("Projects.read"))
                .hasMessageContaining("\"Projects\"").hasMessageContaining("[a-z][a-z0-9_-]*");
    }

    @Test
    void parseRequest_rejectsWildcardAndOwn() {
        assertThat(Permission.parseRequest("projects.read").isPlain()).isTrue();
        assertThatThrownBy(() -> Permission.parseRequest("projects.*")).isInstanceOf(InvalidPermissionException.class)
                .hasMessageContaining("plain");
        assertThatThrownBy(() -> Permission.parseRequest("*.read")).isInstanceOf(InvalidPermissionException.class);
        assertThatThrownBy(() -> Permission.parseRequest("projects.read:own"))
                .isInstanceOf(InvalidPermissionException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "projects.read, projects.read, true",
        "projects.*, projects.read, true",
        "*.read, projects.read, true",
        "*.*, projects.read, true",
        "projects.read:own, projects.read, true",
        "projects.write, projects.read, false",
        "project.read, projects.read, false",
        "projects.*, project.read, false",
        "*.write, projects.read, false"
    })
    void matches_eachSegmentWildcardOrEqual(String entry, String request, boolean expected) {
        assertThat(Permission.parse(entry).matches(Permission.parseRequest(request))).isEqualTo(expected);
    }

    @Test
    void shorterGrant_neverImpliesLongerOnes_unlikeShiro() {
        // Shiro: "projects" implies "projects:read:42". Here a one-segment string is not even a permission.
        assertThatThrownBy(() -> Permission.parse("projects")).isInstanceOf(InvalidPermissionException.class);
        assertThat(Permission.parse("projects.read").matches(Permission.parseRequest("projects.readall"))).isFalse();
    }

    @Test
    void of_validatesLikeParse() {
        assertThat(Permission.of("projects", "read")).isEqualTo(Permission.parse("projects.read"));
        assertThatThrownBy(() -> Permission.of("Projects", "read")).isInstanceOf(InvalidPermissionException.class);
        assertThatThrownBy(() -> Permission.of(null, "read")).isInstanceOf(InvalidPermissionException.class);
    }

    @Test
    void unscoped_dropsOwn() {
        assertThat(Permission.parse("a.b:own").unscoped()).isEqualTo(Permission.parse("a.b"));
        assertThat(Permission.parse("a.b:own")).isNotEqualTo(Permission.parse("a.b"));
    }
}
