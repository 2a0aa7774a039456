package dev.bulwark.webhooks;

import dev.bulwark.core.AuditEvent;
import dev.bulwark.core.AuditOutcome;
import dev.bulwark.core.AuditSink;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.webhooks.internal.HmacKey;
import dev.bulwark.webhooks.internal.SchemeImpl;
import dev.bulwark.webhooks.internal.SchemeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The one {@link WebhookVerifier}: scheme check, then tolerance, then replay. Immutable, thread-safe. */
final class DefaultWebhookVerifier implements WebhookVerifier {

    private static final String CATEGORY = "webhook";
    private static final String ACTION = "verify";

    private final WebhookScheme scheme;
    private final SchemeImpl impl;
    private final List<HmacKey> keys;
    private final Clock clock;
    private final long toleranceSeconds;
    private final ReplayGuard replayGuard;
    private final Duration replayTtl;
    private final AuditSink audit;
    private final EventIdExtractor extractor;

    DefaultWebhookVerifier(WebhookVerifier.Builder b) {
        this.scheme = b.scheme;
        this.impl = b.scheme.impl();
        List<HmacKey> k = new ArrayList<>();
        for (Secret s : b.secrets) {
            k.add(key(impl.deriveKey(s)));
        }
        for (Secret s : b.rawKeys) {
            k.add(key(s.bytes()));
        }
        this.keys = List.copyOf(k);
        this.clock = b.clock;
        Duration t = b.tolerance != null ? b.tolerance : impl.defaultTolerance();
        this.toleranceSeconds = t == null ? -1 : t.getSeconds();
        this.replayGuard = b.replayGuard;
        this.replayTtl = b.replayTtl;
        this.audit = AuditSinks.failSafe(b.auditSink);
        this.extractor = b.eventIdExtractor;
    }

    private HmacKey key(byte[] bytes) {
        try {
            if (bytes.length == 0) {
                throw new ConfigurationException("webhook secret for " + impl.name() + " must not be empty");
            }
            return new HmacKey(impl.algorithm(), bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public WebhookScheme scheme() {
        return scheme;
    }

    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        // the id for the audit trail: the claimed one (read only when the scheme rejects the request, so that
        // an accepted request does not pay for it) until the scheme has verified one
        String eventId = null;
        boolean schemeVerified = false;
        try {
            byte[] body = request.rawBody();
            SchemeResult r = impl.verify(request, body, keys);
            schemeVerified = true;
            eventId = r.eventId();
            boolean idSigned = r.eventIdSigned();
            Instant ts = null;
            if (r.epochSecond() != SchemeResult.NO_TIMESTAMP) {
                ts = Instant.ofEpochSecond(r.epochSecond());
                if (toleranceSeconds >= 0) {
                    long now = clock.instant().getEpochSecond();
                    if (Math.abs(now - r.epochSecond()) > toleranceSeconds) {
                        throw new WebhookVerificationException(WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE,
                                "signed timestamp " + ts + " is more than " + toleranceSeconds
                                        + " s from now (" + Instant.ofEpochSecond(now) + ")");
                    }
                }
            }
            if (extractor != null && !idSigned) {
                String extracted;
                try {
                    extracted = extractor.extract(body);
                } catch (RuntimeException e) {
                    throw new WebhookVerificationException(WebhookReason.MALFORMED_REQUEST,
                            "the event id extractor could not read the verified body ("
                                    + e.getClass().getSimpleName() + ")");
                }
                if (extracted != null && impl.signsBody()) {
                    eventId = extracted;
                    idSigned = true;
                }
            }
            if (replayGuard != null) {
                String key = impl.name() + ":" + (idSigned ? eventId
                        : "mac:" + HexFormat.of().formatHex(r.matchedMac(), 0, Math.min(16, r.matchedMac().length)));
                if (!replayGuard.markIfNew(key, replayTtl)) {
                    throw new WebhookVerificationException(WebhookReason.REPLAYED,
                            "event " + (idSigned ? eventId : "(same signature)") + " was already accepted");
                }
            }
            return new VerifiedWebhook(impl.name(), eventId, idSigned, ts, body, impl.signsBody());
        } catch (WebhookVerificationException e) {
            audit(e, schemeVerified ? eventId : impl.claimedEventId(request));
            throw e;
        } catch (BulwarkException e) {
            // a replay store that cannot be reached: fail closed, and say so in the audit trail
            audit(e, schemeVerified ? eventId : impl.claimedEventId(request));
            throw e;
        }
    }

    private void audit(BulwarkException e, String eventId) {
        AuditEvent event;
        try {
            event = base(e).attribute("event_id", shorten(eventId)).build(clock);
        } catch (BulwarkException shaped) {
            // an attacker-chosen id shaped like a credential: record the rejection without it
            event = base(e).build(clock);
        }
        audit.record(event);
    }

    private AuditEvent.Builder base(BulwarkException e) {
        return AuditEvent.builder(CATEGORY, ACTION).outcome(AuditOutcome.FAILURE).actor(impl.name())
                .reason(e.reason());
    }

    private static String shorten(String id) {
        if (id == null) {
            return null;
        }
        return id.length() <= 128 ? id : id.substring(0, 128) + "…";
    }

    @Override
    public String toString() {
        return "WebhookVerifier[" + impl.name() + ", " + keys.size() + " key(s), tolerance="
                + (toleranceSeconds < 0 ? "n/a" : toleranceSeconds + "s") + ", replayGuard="
                + (replayGuard != null) + "]";
    }
}
