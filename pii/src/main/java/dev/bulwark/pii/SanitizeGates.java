package dev.bulwark.pii;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.pii.spi.DedupStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The built-in {@link SanitizeGate}s, named as in DESIGN.md. Each is immutable and thread-safe (the dedup
 * gate delegates its state to a thread-safe {@link DedupStore}).
 */
public final class SanitizeGates {

    /** Name of {@link #sensitiveSources} / {@link #allowedSources}. */
    public static final String SENSITIVE_SOURCE = "sensitive-source";
    /** Name of {@link #privateMode()}. */
    public static final String PRIVATE_MODE = "private-mode";
    /** Name of {@link #timeWindow}. */
    public static final String TIME_WINDOW = "time-window";
    /** Name of {@link #piiStrip}. */
    public static final String PII_STRIP = "pii-strip";
    /** Name of {@link #piiBlock}. */
    public static final String PII_BLOCK = "pii-block";
    /** Name of {@link #titleTruncation}. */
    public static final String TITLE_TRUNCATION = "title-truncation";
    /** Name of {@link #textTruncation}. */
    public static final String TEXT_TRUNCATION = "text-truncation";
    /** Name of {@link #hashDedup}. */
    public static final String HASH_DEDUP = "hash-dedup";

    /** Password managers and authenticators whose content is never captured by default. */
    public static final List<String> DEFAULT_SENSITIVE_SOURCES = List.of("1password", "bitwarden", "keepass",
            "keepassxc", "lastpass", "dashlane", "enpass", "keychain access", "authy", "google authenticator");

    private SanitizeGates() {
    }

    /**
     * Blocks items whose source (case-insensitive, trimmed) is on the deny list, with
     * {@link PiiReason#SENSITIVE_SOURCE}.
     *
     * @param denied source names
     * @return the gate
     */
    public static SanitizeGate sensitiveSources(Collection<String> denied) {
        Set<String> deny = normalise(denied);
        return gate(SENSITIVE_SOURCE, (item, now) -> deny.contains(key(item.source()))
                ? GateDecision.block(PiiReason.SENSITIVE_SOURCE, "source '" + item.source() + "' is on the deny list")
                : GateDecision.pass(item));
    }

    /**
     * Blocks items whose source is <em>not</em> on the allow list, with {@link PiiReason#SENSITIVE_SOURCE}.
     *
     * @param allowed source names, at least one
     * @return the gate
     * @throws ConfigurationException when the list is empty
     */
    public static SanitizeGate allowedSources(Collection<String> allowed) {
        Set<String> allow = normalise(allowed);
        ConfigurationException.check(!allow.isEmpty(), "allowedSources must name at least one source");
        return gate(SENSITIVE_SOURCE, (item, now) -> allow.contains(key(item.source()))
                ? GateDecision.pass(item)
                : GateDecision.block(PiiReason.SENSITIVE_SOURCE, "source '" + item.source()
                        + "' is not on the allow list"));
    }

    /** {@return a gate blocking items captured in private mode, with {@link PiiReason#PRIVATE_MODE}} */
    public static SanitizeGate privateMode() {
        return gate(PRIVATE_MODE, (item, now) -> item.privateMode()
                ? GateDecision.block(PiiReason.PRIVATE_MODE, "item was captured in private mode")
                : GateDecision.pass(item));
    }

    /**
     * Passes only items captured within {@code [start, end)} local time in {@code zone}; a window with
     * {@code start} after {@code end} spans midnight; {@code start == end} means the whole day. Blocks with
     * {@link PiiReason#OUTSIDE_TIME_WINDOW}.
     *
     * @param start first allowed local time
     * @param end first local time no longer allowed
     * @param zone the zone of the hours
     * @return the gate
     */
    public static SanitizeGate timeWindow(LocalTime start, LocalTime end, ZoneId zone) {
        ConfigurationException.requireSet(start, "timeWindow start");
        ConfigurationException.requireSet(end, "timeWindow end");
        ConfigurationException.requireSet(zone, "timeWindow zone");
        return gate(TIME_WINDOW, (item, now) -> {
            LocalTime t = LocalTime.ofInstant(now, zone);
            boolean inside = start.equals(end) || (start.isBefore(end)
                    ? !t.isBefore(start) && t.isBefore(end)
                    : !t.isBefore(start) || t.isBefore(end));
            return inside ? GateDecision.pass(item)
                    : GateDecision.block(PiiReason.OUTSIDE_TIME_WINDOW, "captured at " + t + " " + zone
                            + ", outside " + start + "-" + end);
        });
    }

    /**
     * Masks personal data and secrets in the title and the text with {@code masker}. Never blocks.
     *
     * @param masker the masker
     * @return the gate
     */
    public static SanitizeGate piiStrip(Masker masker) {
        ConfigurationException.requireSet(masker, "piiStrip masker");
        return gate(PII_STRIP, (item, now) -> GateDecision.pass(
                item.withTitle(masker.mask(item.title())).withText(masker.mask(item.text()))));
    }

    /**
     * Blocks items whose title or text contains any finding of {@code detector}, with
     * {@link PiiReason#CONTAINS_PII}; the message lists the types found, never the values.
     *
     * @param detector the detector
     * @return the gate
     */
    public static SanitizeGate piiBlock(PiiDetector detector) {
        ConfigurationException.requireSet(detector, "piiBlock detector");
        return gate(PII_BLOCK, (item, now) -> {
            EnumSet<PiiType> found = EnumSet.noneOf(PiiType.class);
            detector.detect(item.title()).forEach(s -> found.add(s.type()));
            detector.detect(item.text()).forEach(s -> found.add(s.type()));
            return found.isEmpty() ? GateDecision.pass(item)
                    : GateDecision.block(PiiReason.CONTAINS_PII, "item contains " + found);
        });
    }

    /**
     * Cuts the title to at most {@code max} characters (never splitting a surrogate pair). Never blocks.
     *
     * @param max the limit, at least 1 (DESIGN.md: 200)
     * @return the gate
     */
    public static SanitizeGate titleTruncation(int max) {
        ConfigurationException.check(max >= 1, "titleTruncation max must be at least 1, was " + max);
        return gate(TITLE_TRUNCATION, (item, now) -> GateDecision.pass(item.withTitle(cut(item.title(), max))));
    }

    /**
     * Cuts the text to at most {@code max} characters (never splitting a surrogate pair). Never blocks.
     *
     * @param max the limit, at least 1 (DESIGN.md: 5,000)
     * @return the gate
     */
    public static SanitizeGate textTruncation(int max) {
        ConfigurationException.check(max >= 1, "textTruncation max must be at least 1, was " + max);
        return gate(TEXT_TRUNCATION, (item, now) -> GateDecision.pass(item.withText(cut(item.text(), max))));
    }

    /**
     * Blocks content already seen, with {@link PiiReason#DUPLICATE}: the fingerprint is HMAC-SHA256 under
     * {@code key} of the source, title and text (so the store never holds content, and fingerprints cannot
     * be confirmed by guessing without the key).
     *
     * @param key the HMAC key, at least 16 bytes
     * @param store where fingerprints are remembered (bounded)
     * @return the gate
     * @throws ConfigurationException when the key is missing or short, or the store is missing
     */
    public static SanitizeGate hashDedup(Secret key, DedupStore store) {
        ConfigurationException.requireSet(key, "hashDedup key");
        ConfigurationException.check(key.length() >= 16, "hashDedup key must be at least 16 bytes, was "
                + key.length());
        ConfigurationException.requireSet(store, "hashDedup store");
        SecretKeySpec spec = new SecretKeySpec(key.bytes(), "HmacSHA256");
        return gate(HASH_DEDUP, (item, now) -> {
            Mac mac;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
            mac.update(item.source().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(item.title().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            String fp = HexFormat.of().formatHex(mac.doFinal(item.text().getBytes(StandardCharsets.UTF_8)));
            return store.firstSeen(fp) ? GateDecision.pass(item)
                    : GateDecision.block(PiiReason.DUPLICATE, "identical content was already accepted");
        });
    }

    /**
     * A gate from a name and a function, for host-defined steps.
     *
     * @param name the gate's name
     * @param body the decision function
     * @return the gate
     */
    public static SanitizeGate of(String name, Body body) {
        ConfigurationException.check(name != null && !name.isBlank(), "gate name must be set");
        ConfigurationException.requireSet(body, "gate body");
        return gate(name, body);
    }

    /** The decision function of a gate made by {@link #of(String, Body)}. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param item the item
         * @param now the capture instant
         * @return the decision
         */
        GateDecision apply(SanitizeItem item, Instant now);
    }

    private static SanitizeGate gate(String name, Body body) {
        return new SanitizeGate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public GateDecision apply(SanitizeItem item, Instant now) {
                return body.apply(item, now);
            }

            @Override
            public String toString() {
                return "SanitizeGate[" + name + "]";
            }
        };
    }

    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static Set<String> normalise(Collection<String> names) {
        ConfigurationException.requireSet(names, "source list");
        return names.stream().map(SanitizeGates::key).collect(Collectors.toUnmodifiableSet());
    }

    private static String key(String source) {
        return source == null ? "" : source.strip().toLowerCase(Locale.ROOT);
    }
}
