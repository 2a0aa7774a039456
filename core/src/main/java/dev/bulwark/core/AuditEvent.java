package dev.bulwark.core;

import dev.bulwark.core.internal.SecretShapes;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which org, and how it ended.
 *
 * <p>Fields: {@code category} (the module, e.g. {@code auth}, {@code authz}, {@code webhook}),
 * {@code action} (e.g. {@code login}, {@code REFRESH_REUSE_DETECTED}), {@link AuditOutcome outcome},
 * {@code actor} (who acted: a user id, an API key id, a scheme name), {@code org}, {@code subject} (what was
 * acted on: a session id hash, a key id), {@code reason} (the reason code of a rejection), free-form
 * {@code attributes} and the {@code timestamp} read from the injected {@link Clock}.
 *
 * <p><strong>Never secrets.</strong> {@link Builder#build(Clock)} rejects, with
 * {@link CoreReason#SECRET_IN_AUDIT_EVENT}, any field or attribute value shaped like a credential (a JWT, a
 * PEM private key, {@code Bearer ...}, {@code whsec_...}, {@code ak_live_...}, provider API keys) and any
 * attribute whose name says it carries one ({@code password}, {@code token}, {@code secret}, {@code api_key},
 * {@code signature}, ...; names ending in {@code _id}, {@code _type}, {@code _hash} or {@code _prefix} are
 * allowed). The rejection message names the field, not its value.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param category the module that emitted the event, never null
 * @param action what happened, never null
 * @param outcome how it ended, never null
 * @param actor who acted, or null
 * @param org the org (tenant) concerned, or null
 * @param subject what was acted on, or null
 * @param reason the reason code of a rejection or denial, or null
 * @param attributes further non-secret details, never null, unmodifiable, in insertion order
 * @param timestamp when it happened, from the injected clock, never null
 */
public record AuditEvent(
        String category,
        String action,
        AuditOutcome outcome,
        String actor,
        String org,
        String subject,
        String reason,
        Map<String, String> attributes,
        Instant timestamp) {

    /** Validates as {@link Builder#build(Clock)} does. */
    public AuditEvent {
        requireText(category, "category");
        requireText(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        rejectSecret("actor", actor);
        rejectSecret("org", org);
        rejectSecret("subject", subject);
        rejectSecret("reason", reason);
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            requireText(e.getKey(), "attribute name");
            if (SecretShapes.isSecretKeyName(e.getKey())) {
                throw new InvalidInputException(CoreReason.SECRET_IN_AUDIT_EVENT,
                        "audit attribute '" + e.getKey() + "' names a credential; audit events never carry secrets");
            }
            rejectSecret("attribute '" + e.getKey() + "'", e.getValue());
        }
    }

    /**
     * Starts an event.
     *
     * @param category the module, e.g. {@code "webhook"}
     * @param action what happened, e.g. {@code "verify"}
     * @return a builder
     */
    public static Builder builder(String category, String action) {
        return new Builder(category, action);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new InvalidInputException(CoreReason.INVALID_CONFIGURATION, "audit event " + what + " must be set");
        }
    }

    private static void rejectSecret(String field, String value) {
        if (SecretShapes.looksLikeSecret(value)) {
            throw new InvalidInputException(CoreReason.SECRET_IN_AUDIT_EVENT,
                    "audit event " + field + " looks like a credential; audit events never carry secrets");
        }
    }

    /** Builds an {@link AuditEvent}. Not thread-safe; use one per event. */
    public static final class Builder {
        private final String category;
        private final String action;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private String actor;
        private String org;
        private String subject;
        private String reason;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String category, String action) {
            this.category = category;
            this.action = action;
        }

        /** @param outcome how it ended (default {@link AuditOutcome#SUCCESS}) @return this */
        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        /** @param actor who acted @return this */
        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        /** @param org the org concerned @return this */
        public Builder org(String org) {
            this.org = org;
            return this;
        }

        /** @param subject what was acted on @return this */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** @param reason the reason code of a rejection @return this */
        public Builder reason(ReasonCode reason) {
            this.reason = reason == null ? null : reason.name();
            return this;
        }

        /** @param reason the reason code of a rejection, as text @return this */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * @param name attribute name (not credential-like)
         * @param value attribute value (not credential-shaped); {@code null} values are skipped
         * @return this
         */
        public Builder attribute(String name, String value) {
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        /**
         * @param clock the injected clock that timestamps the event
         * @return the event
         * @throws InvalidInputException with {@link CoreReason#SECRET_IN_AUDIT_EVENT} when a value looks secret
         */
        public AuditEvent build(Clock clock) {
            return new AuditEvent(category, action, outcome, actor, org, subject, reason, attributes,
                    clock.instant());
        }
    }
}
