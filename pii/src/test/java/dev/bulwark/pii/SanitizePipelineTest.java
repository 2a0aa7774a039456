package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.pii.spi.DedupStore;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SanitizePipelineTest {

    private static final Secret KEY = Secret.ofUtf8("dedup-key-0123456789abcdef");
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private SanitizePipeline standard() {
        return SanitizePipeline.standard(KEY).clock(clock).auditSink(audit).build();
    }

    @Test
    void standard_hasDesignOrder() {
        assertThat(standard().gateNames()).containsExactly("sensitive-source", "private-mode", "time-window",
                "pii-strip", "title-truncation", "text-truncation", "hash-dedup");
    }

    @Test
    void process_clean_stripsPiiAndTruncates() {
        String text = "reach me at john@example.com " + "x".repeat(6000);
        SanitizeResult r = standard().process(SanitizeItem.of("slack", "Chat with jane@example.org "
                + "t".repeat(300), text));
        assertThat(r.accepted()).isTrue();
        assertThat(r.item().title()).hasSize(200).startsWith("Chat with [EMAIL] ").doesNotContain("jane@");
        assertThat(r.item().text()).hasSize(5000).startsWith("reach me at [EMAIL] ");
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.action()).isEqualTo("sanitize");
        });
    }

    @Test
    void process_sensitiveSource_blocked() {
        SanitizeResult r = standard().process(SanitizeItem.of(" 1Password ", "vault", "secret stuff"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.blockedBy()).isEqualTo("sensitive-source");
        assertThat(r.reason()).isEqualTo(PiiReason.SENSITIVE_SOURCE);
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.reason()).isEqualTo("SENSITIVE_SOURCE");
            assertThat(e.attributes()).containsEntry("gate", "sensitive-source");
        });
    }

    @Test
    void process_privateMode_blocked() {
        SanitizeResult r = standard().process(SanitizeItem.of("browser", "t", "x").withPrivateMode(true));
        assertThat(r.blockedBy()).isEqualTo("private-mode");
        assertThat(r.reason()).isEqualTo(PiiReason.PRIVATE_MODE);
    }

    @Test
    void process_timeWindow_blocksOutsideHours_usingClockOrCaptureTime() {
        SanitizePipeline p = SanitizePipeline.standard(KEY).clock(clock)
                .replace("time-window", SanitizeGates.timeWindow(LocalTime.of(9, 0), LocalTime.of(17, 0),
                        ZoneOffset.UTC))
                .build();
        assertThat(p.process(SanitizeItem.of("a", "t", "one")).accepted()).isTrue();
        clock.set(Instant.parse("2026-01-01T17:00:00Z"));
        SanitizeResult late = p.process(SanitizeItem.of("a", "t", "two"));
        assertThat(late.blockedBy()).isEqualTo("time-window");
        assertThat(late.reason()).isEqualTo(PiiReason.OUTSIDE_TIME_WINDOW);
        assertThat(p.process(SanitizeItem.of("a", "t", "three")
                .withCapturedAt(Instant.parse("2026-01-01T09:30:00Z"))).accepted()).isTrue();
    }

    @Test
    void timeWindow_acrossMidnight() {
        SanitizeGate night = SanitizeGates.timeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneOffset.UTC);
        SanitizeItem item = SanitizeItem.of("a", "", "x");
        assertThat(night.apply(item, Instant.parse("2026-01-01T23:00:00Z")).blocked()).isFalse();
        assertThat(night.apply(item, Instant.parse("2026-01-01T05:59:00Z")).blocked()).isFalse();
        assertThat(night.apply(item, Instant.parse("2026-01-01T12:00:00Z")).blocked()).isTrue();
    }

    @Test
    void process_duplicate_blockedByKeyedHash_boundedStore() {
        SanitizePipeline p = standard();
        assertThat(p.process(SanitizeItem.of("a", "t", "same")).accepted()).isTrue();
        SanitizeResult again = p.process(SanitizeItem.of("a", "t", "same"));
        assertThat(again.blockedBy()).isEqualTo("hash-dedup");
        assertThat(again.reason()).isEqualTo(PiiReason.DUPLICATE);
        assertThat(p.process(SanitizeItem.of("a", "t", "different")).accepted()).isTrue();

        DedupStore tiny = DedupStore.inMemory(1);
        SanitizePipeline q = SanitizePipeline.builder().add(SanitizeGates.hashDedup(KEY, tiny)).build();
        assertThat(q.process(SanitizeItem.of("a", "", "1")).accepted()).isTrue();
        assertThat(q.process(SanitizeItem.of("a", "", "2")).accepted()).isTrue();
        assertThat(q.process(SanitizeItem.of("a", "", "1")).accepted()).as("evicted, bounded memory").isTrue();
    }

    @Test
    void duplicateAfterStrip_samePiiDifferentValues_areDuplicates() {
        SanitizePipeline p = standard();
        assertThat(p.process(SanitizeItem.of("a", "", "mail john@example.com")).accepted()).isTrue();
        assertThat(p.process(SanitizeItem.of("a", "", "mail jane@example.com")).reason())
                .isEqualTo(PiiReason.DUPLICATE);
    }

    @Test
    void builder_reorderDropAddReplace() {
        SanitizeGate custom = SanitizeGates.of("no-shouting", (item, now) -> item.text().equals(
                item.text().toUpperCase()) ? GateDecision.block(PiiReason.BLOCKED_BY_POLICY, "all caps")
                : GateDecision.pass(item));
        SanitizePipeline p = SanitizePipeline.standard(KEY).clock(clock)
                .remove("time-window")
                .insertBefore("pii-strip", custom)
                .reorder(List.of("private-mode", "sensitive-source", "no-shouting", "pii-strip",
                        "title-truncation", "text-truncation", "hash-dedup"))
                .build();
        assertThat(p.gateNames()).containsExactly("private-mode", "sensitive-source", "no-shouting", "pii-strip",
                "title-truncation", "text-truncation", "hash-dedup");
        SanitizeResult r = p.process(SanitizeItem.of("1password", "", "x").withPrivateMode(true));
        assertThat(r.blockedBy()).as("private-mode now runs first").isEqualTo("private-mode");
        assertThat(p.process(SanitizeItem.of("a", "", "HELLO")).blockedBy()).isEqualTo("no-shouting");
    }

    @Test
    void builder_rejectsUnknownOrDuplicateGate() {
        assertThatThrownBy(() -> SanitizePipeline.standard(KEY).remove("nope"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> SanitizePipeline.builder().add(SanitizeGates.privateMode())
                .add(SanitizeGates.privateMode()).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SanitizePipeline.standard(Secret.ofUtf8("short")))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SanitizeGates.titleTruncation(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SanitizeGates.allowedSources(List.of())).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void allowList_blocksOthers() {
        SanitizePipeline p = SanitizePipeline.builder().add(SanitizeGates.allowedSources(List.of("Slack"))).build();
        assertThat(p.process(SanitizeItem.of("slack", "", "x")).accepted()).isTrue();
        assertThat(p.process(SanitizeItem.of("mail", "", "x")).reason()).isEqualTo(PiiReason.SENSITIVE_SOURCE);
    }

    @Test
    void failingGate_blocksClosed_andFailingAuditSinkChangesNothing() {
        SanitizePipeline p = SanitizePipeline.builder().auditSink(e -> {
            throw new IllegalStateException("sink down");
        }).add(SanitizeGates.of("broken", (item, now) -> {
            throw new IllegalStateException("bug");
        })).build();
        SanitizeResult r = p.process(SanitizeItem.of("a", "", "x"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).isEqualTo(PiiReason.BLOCKED_BY_POLICY);
        assertThat(r.blockedBy()).isEqualTo("broken");
    }

    @Test
    void piiBlock_blocksWithTypesNotValues() {
        SanitizePipeline p = SanitizePipeline.builder().add(SanitizeGates.piiBlock(PiiDetector.ofDefaults())).build();
        SanitizeResult r = p.process(SanitizeItem.of("a", "", "card 4242 4242 4242 4242"));
        assertThat(r.reason()).isEqualTo(PiiReason.CONTAINS_PII);
        assertThat(r.message()).contains("CREDIT_CARD").doesNotContain("4242");
    }

    @Test
    void item_toStringHidesContent() {
        assertThat(SanitizeItem.of("a", "john@example.com", "secret").toString()).doesNotContain("john", "secret");
        assertThatThrownBy(() -> SanitizeItem.of("a", "", null)).isInstanceOf(PiiException.class);
    }
}
