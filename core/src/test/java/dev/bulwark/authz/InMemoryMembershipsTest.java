package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryMembershipsTest {

    @Test
    void add_remove_setRole_membersOf() {
        InMemoryMemberships m = InMemoryMemberships.create();
        m.add("u", "o", "a").add("u", "o", "b").add("u", "o", "a");
        assertThat(m.rolesOf("u", "o")).containsExactly("a", "b");
        assertThat(m.size()).isEqualTo(2);
        m.remove("u", "o", "a");
        assertThat(m.rolesOf("u", "o")).containsExactly("b");
        m.setRole("u", "o", "c");
        assertThat(m.rolesOf("u", "o")).containsExactly("c");
        m.add("v", "o", "a");
        assertThat(m.membersOf("o")).containsExactlyInAnyOrder(new Membership("u", "o", "c"), new Membership("v", "o", "a"));
        m.removeMember("u", "o");
        assertThat(m.rolesOf("u", "o")).isEmpty();
        assertThat(m.orgExists("o")).isTrue();
        assertThat(m.orgExists("p")).isFalse();
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.rolesOf(null, "o")).isEmpty();
        assertThat(m.membersOf("nope")).isEmpty();
    }

    @Test
    void bounded_refusesBeyondCapacity_changingNothing() {
        InMemoryMemberships m = InMemoryMemberships.create(2, 2);
        m.add("u", "o", "a").add("v", "o", "a");
        assertThatThrownBy(() -> m.add("w", "o", "a")).isInstanceOf(AuthzException.class)
                .satisfies(e -> assertThat(((AuthzException) e).reason()).isEqualTo(AuthzReason.STORE_FULL));
        assertThat(m.rolesOf("w", "o")).isEmpty();
        m.addOrg("p");
        assertThatThrownBy(() -> m.addOrg("q")).isInstanceOf(AuthzException.class);
        assertThat(m.orgExists("q")).isFalse();
        InMemoryMemberships personal = InMemoryMemberships.create(1, 10).personalOrg("a", "pa");
        assertThatThrownBy(() -> personal.personalOrg("b", "pb")).isInstanceOf(AuthzException.class);
        assertThat(personal.personalOrgOf("b")).isEmpty();
        assertThatThrownBy(() -> InMemoryMemberships.create(0, 1)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void emptyIds_rejected() {
        InMemoryMemberships m = InMemoryMemberships.create();
        assertThatThrownBy(() -> m.add("", "o", "a")).isInstanceOf(AuthzException.class);
        assertThatThrownBy(() -> m.add("u", null, "a")).isInstanceOf(AuthzException.class);
    }

    @Test
    void concurrentWriters_countStaysExact() throws Exception {
        InMemoryMemberships m = InMemoryMemberships.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        m.add("u" + i, "o" + (i % 7), "r" + tt);
                        m.rolesOf("u" + i, "o" + (i % 7));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(m.size()).isEqualTo(2000);
        assertThat(m.rolesOf("u3", "o3")).containsExactlyInAnyOrder("r0", "r1", "r2", "r3");
    }
}
