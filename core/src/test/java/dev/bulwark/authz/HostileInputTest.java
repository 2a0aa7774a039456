package dev.bulwark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.testing.TestClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hostile documents, the no-allocation hot path and concurrent checks. */
class HostileInputTest {

    @Test
    void deeplyNestedJson_refusedWithTypedError() {
        String deep = "{\"roles\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> Policy.fromJson(deep)).isInstanceOf(InvalidPolicyException.class);
    }

    @Test
    void yamlAliasBomb_refusedWithTypedError() {
        StringBuilder y = new StringBuilder("a: &a [\"x.y\",\"x.y\",\"x.y\",\"x.y\",\"x.y\",\"x.y\",\"x.y\",\"x.y\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        y.append("roles: []\n");
        assertThatThrownBy(() -> Policy.fromYaml(y.toString())).isInstanceOf(InvalidPolicyException.class);
    }

    @Test
    void oversizedDocument_refusedBeforeParsing() {
        String big = " ".repeat(16 * 1024 * 1024 + 1);
        assertThatThrownBy(() -> Policy.fromJson(big)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void allowedCheck_allocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Authorizer authz = Authorizer.builder().policy(Presets.orgMatrix())
                .memberships(InMemoryMemberships.create().add("u", "o", "member").add("a", "o", "admin"))
                .auditSink(AuditSinks.noop()).clock(new TestClock()).build();
        Subject member = Subject.of("u", "o");
        Subject admin = Subject.of("a", "o");
        Permission run = Permission.parseRequest("tests.run");
        Permission del = Permission.parseRequest("schedules.delete");
        Resource res = Resource.of("o", "u");
        for (int i = 0; i < 20_000; i++) {
            authz.check(member, run, res);
            authz.check(admin, del, null);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        boolean all = true;
        for (int i = 0; i < 100_000; i++) {
            all &= authz.check(member, run, res).allowed();
            all &= authz.check(admin, del, null).allowed();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(all).isTrue();
        // 200,000 checks: anything per check would be >= 3 MB; allow a little for the measurement itself
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void concurrentChecks_sameAnswersAsSequential() throws Exception {
        Policy p = Presets.ladder();
        InMemoryMemberships m = InMemoryMemberships.create();
        List<String> roles = List.of("viewer", "learner", "user", "manager", "admin", "super_admin");
        for (int i = 0; i < 60; i++) {
            m.add("u" + i, "o" + (i % 3), roles.get(i % roles.size()));
        }
        Authorizer a = Authorizer.builder().policy(p).memberships(m).auditSink(AuditSinks.noop())
                .clock(new TestClock()).build();
        List<Permission> perms = List.of(Permission.parseRequest("content.view"), Permission.parseRequest("content.edit"),
                Permission.parseRequest("progress.view"), Permission.parseRequest("settings.edit"));
        List<Decision> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            for (Permission perm : perms) {
                expected.add(a.check(Subject.of("u" + i, "o" + (i % 3)), perm, Resource.ownedBy("u" + (i % 7))));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Decision>>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    List<Decision> got = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        for (Permission perm : perms) {
                            got.add(a.check(Subject.of("u" + i, "o" + (i % 3)), perm, Resource.ownedBy("u" + (i % 7))));
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<Decision>> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }
}
