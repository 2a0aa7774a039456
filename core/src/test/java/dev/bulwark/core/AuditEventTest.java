package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void build_takesTimestampFromInjectedClock() {
        AuditEvent e = AuditEvent.builder("auth", "login").actor("u1").org("o1").outcome(AuditOutcome.FAILURE)
                .reason(CoreReason.INVALID_CONFIGURATION).attribute("ip", "203.0.113.9").attribute("skip", null)
                .build(CLOCK);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(e.reason()).isEqualTo("INVALID_CONFIGURATION");
        assertThat(e.attributes()).containsExactly(java.util.Map.entry("ip", "203.0.113.9"));
        assertThat(AuditSinks.format(e)).isEqualTo("audit ts=2026-11-23T10:00:00Z category=auth action=login"
                + " outcome=FAILURE actor=u1 org=o1 reason=INVALID_CONFIGURATION ip=203.0.113.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlc2ln",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "ak_live_3f9a0c1d2e3f40516273849506a7b8c9d0e1f20314253647586970a1b2c3d4e5",
        "sk_live_51H8abcdefghijkl",
        "Bearer abcdefghijklmnop",
        "-----BEGIN PRIVATE KEY-----",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789"})
    void build_secretShapedValue_rejectedWithoutEcho(String value) {
        assertThatThrownBy(() -> AuditEvent.builder("webhook", "verify").attribute("detail", value).build(CLOCK))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        ex -> assertThat(ex.reason()).isEqualTo(CoreReason.SECRET_IN_AUDIT_EVENT))
                .hasMessageNotContaining(value);
        assertThatThrownBy(() -> AuditEvent.builder("auth", "login").subject(value).build(CLOCK))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "refresh_token", "client_secret", "api_key", "Authorization", "signature"})
    void build_secretNamedAttribute_rejected(String name) {
        assertThatThrownBy(() -> AuditEvent.builder("auth", "login").attribute(name, "x").build(CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(name);
    }

    @Test
    void build_ordinaryIdentifiers_accepted() {
        AuditEvent e = AuditEvent.builder("webhook", "verify").subject("evt_1NG8Du2eZvKYlo2CUI79vXWy")
                .attribute("token_type", "Bearer").attribute("key_id", "k_123").attribute("key_prefix", "ak_live_3f9a")
                .attribute("session_id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301").build(CLOCK);
        assertThat(e.attributes()).hasSize(4);
    }

    @Test
    void failSafe_throwingSink_neverPropagates() {
        AtomicInteger reached = new AtomicInteger();
        AuditSink boom = ev -> {
            throw new IllegalStateException("disk full");
        };
        AuditSink composite = AuditSinks.composite(boom, ev -> reached.incrementAndGet());
        AuditEvent e = AuditEvent.builder("auth", "login").build(CLOCK);
        composite.record(e);
        AuditSinks.failSafe(boom).record(e);
        assertThat(reached).hasValue(1);
    }

    @Test
    void inMemorySink_bounded_keepsNewest() {
        InMemoryAuditSink sink = new InMemoryAuditSink(2);
        for (String a : new String[] {"a", "b", "c"}) {
            sink.record(AuditEvent.builder("t", a).build(CLOCK));
        }
        assertThat(sink.events()).extracting(AuditEvent::action).containsExactly("b", "c");
        assertThat(sink.withAction("c")).hasSize(1);
        assertThatThrownBy(() -> new InMemoryAuditSink(0)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void slf4jSink_formatsWithoutFailing() {
        AuditSinks.slf4j().record(AuditEvent.builder("auth", "login failed").outcome(AuditOutcome.DENIED)
                .attribute("note", "quote \" and\nnewline").build(CLOCK));
        assertThat(AuditSinks.format(AuditEvent.builder("a", "b").attribute("n", "x y\n").build(CLOCK)))
                .endsWith("n=\"x y\\u000a\"");
    }
}
