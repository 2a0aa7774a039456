package dev.bulwark.ratelimit;

import dev.bulwark.core.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;

/**
 * Replays a traffic log against a limit before it is deployed: the engine of
 * {@code bulwark ratelimit simulate --bandwidth C/R/P ... < requests}.
 *
 * <p>Input, one request per line: {@code TIME_MS COST [KEY]} separated by spaces or tabs; {@code TIME_MS}
 * a non-negative integer of milliseconds, non-decreasing from line to line; {@code COST} an integer of at
 * least 1; {@code KEY} optional (a line without one uses a single default key; keys are independent).
 * Blank lines are skipped. Output, one line per request: {@code allow REMAINING} (whole tokens left in the
 * tightest bandwidth after the request) or {@code deny RETRY_AFTER_MS} (the smallest whole number of ms after
 * which every bandwidth would hold the cost; {@code -1} when the cost exceeds a capacity). Exactly
 * DESIGN.md "Rate-limit semantics": the same arithmetic as {@link TokenBucket}.
 *
 * <p>Not thread-safe (a replay is sequential). Memory grows with the number of distinct keys that are not
 * full (full buckets are forgotten).
 */
public final class RateLimitSimulator {

    /** The largest accepted {@code TIME_MS} (about 292 years), so that time in ns fits a {@code long}. */
    public static final long MAX_TIME_MS = Long.MAX_VALUE / 1_000_000L;
    private static final String DEFAULT_KEY = "\u0000default";

    private final KeyedRateLimiter limiter;
    private long nowNanos;
    private long lastTimeMs = -1;
    private long lineNumber;

    private RateLimitSimulator(List<Bandwidth> bandwidths) {
        KeyedRateLimiter.Builder b = KeyedRateLimiter.builder().timeSource(() -> nowNanos).maxKeys(100_000_000);
        bandwidths.forEach(b::addLimit);
        this.limiter = b.build();
    }

    /**
     * @param bandwidths one or more bandwidths every key gets
     * @return a simulator at time zero
     * @throws ConfigurationException when the list is empty or invalid
     */
    public static RateLimitSimulator of(List<Bandwidth> bandwidths) {
        ConfigurationException.check(bandwidths != null && !bandwidths.isEmpty(), "at least one bandwidth must be set");
        return new RateLimitSimulator(bandwidths);
    }

    /**
     * Parses {@code CAPACITY/REFILL_TOKENS/PERIOD_MS} (three positive decimal integers), e.g. {@code 10/1/1000}.
     *
     * @param spec the text
     * @return the greedy bandwidth
     * @throws ConfigurationException when the text is not of that form or the values are refused
     */
    public static Bandwidth parseBandwidth(String spec) {
        String[] parts = spec == null ? new String[0] : spec.split("/", -1);
        if (parts.length != 3) {
            throw new ConfigurationException("bandwidth must be CAPACITY/REFILL_TOKENS/PERIOD_MS, was '" + spec + "'");
        }
        long c = positive(parts[0], "CAPACITY", spec);
        long r = positive(parts[1], "REFILL_TOKENS", spec);
        long p = positive(parts[2], "PERIOD_MS", spec);
        return Bandwidth.capacity(c).refillGreedy(r, Duration.ofMillis(p));
    }

    private static long positive(String s, String what, String spec) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ConfigurationException("bandwidth " + what + " must be a positive integer, in '" + spec + "'");
        }
        long v = Long.parseLong(s);
        if (v < 1) {
            throw new ConfigurationException("bandwidth " + what + " must be at least 1, in '" + spec + "'");
        }
        return v;
    }

    /**
     * Applies one input line.
     *
     * @param line the line (without its terminator)
     * @return the output line ({@code allow N} / {@code deny N}), or {@code null} for a blank line
     * @throws RateLimitException {@link RateLimitReason#MALFORMED_INPUT} for a malformed line or a time that
     *         goes backwards, {@link RateLimitReason#INVALID_COST} for a cost below 1; the message names the
     *         line number
     */
    public String apply(String line) {
        lineNumber++;
        String t = line.strip();
        if (t.isEmpty()) {
            return null;
        }
        String[] f = t.split("[ \\t]+");
        if (f.length < 2 || f.length > 3) {
            throw malformed("expected 'TIME_MS COST [KEY]'");
        }
        long timeMs = integer(f[0], "TIME_MS");
        long cost = integer(f[1], "COST");
        if (timeMs > MAX_TIME_MS) {
            throw malformed("TIME_MS must be at most " + MAX_TIME_MS);
        }
        if (timeMs < lastTimeMs) {
            throw malformed("time goes backwards: " + timeMs + " after " + lastTimeMs);
        }
        if (cost < 1) {
            throw new RateLimitException(RateLimitReason.INVALID_COST, "line " + lineNumber + ": COST must be at least 1");
        }
        lastTimeMs = timeMs;
        nowNanos = timeMs * 1_000_000L;
        RateDecision d = limiter.tryAcquire(f.length == 3 ? f[2] : DEFAULT_KEY, cost);
        return d.allowed() ? "allow " + d.remaining() : "deny " + d.retryAfterMillis();
    }

    /**
     * Streams {@code in} to {@code out}, one output line per request, flushing whenever the input has no more
     * data ready (so an interactive or piped producer sees each answer at once).
     *
     * @param in the requests
     * @param out where the answers go
     * @throws IOException on a read or write failure
     * @throws RateLimitException on the first bad line (earlier answers have been written and flushed)
     */
    public void run(BufferedReader in, Writer out) throws IOException {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String answer = apply(line);
                if (answer != null) {
                    out.write(answer);
                    out.write('\n');
                }
                if (!in.ready()) {
                    out.flush();
                }
            }
        } finally {
            out.flush();
        }
    }

    private long integer(String s, String what) {
        if (s.length() > 19 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw malformed(what + " must be a non-negative integer");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw malformed(what + " is too large");
        }
    }

    private RateLimitException malformed(String why) {
        return new RateLimitException(RateLimitReason.MALFORMED_INPUT, "line " + lineNumber + ": " + why);
    }
}
