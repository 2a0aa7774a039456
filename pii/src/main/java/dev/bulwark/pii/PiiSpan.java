package dev.bulwark.pii;

import java.util.Objects;

/**
 * One finding of a {@link PiiDetector}: a {@link PiiType} at {@code [start, end)} of the scanned text, as
 * Java {@code String} (UTF-16) indices, {@code end} exclusive, with a confidence in {@code (0, 1]}.
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} shows positions only, never the matched text.
 *
 * @param type the kind of data found
 * @param start the first index of the finding (inclusive)
 * @param end the index after the finding (exclusive), greater than {@code start}
 * @param confidence how sure the detector is, in {@code (0, 1]}, rounded to two decimals
 */
public record PiiSpan(PiiType type, int start, int end, double confidence) {

    /**
     * @throws IllegalArgumentException when the bounds or the confidence are out of range
     */
    public PiiSpan {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span bounds must satisfy 0 <= start < end, were " + start + ", " + end);
        }
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], was " + confidence);
        }
    }

    /** {@return {@code end - start}} */
    public int length() {
        return end - start;
    }

    /**
     * The matched text.
     *
     * @param text the text this span was found in
     * @return {@code text.subSequence(start, end)} as a string
     * @throws IndexOutOfBoundsException when the span does not fit {@code text}
     */
    public String text(CharSequence text) {
        return text.subSequence(start, end).toString();
    }

    /**
     * @param other another span
     * @return whether the two spans share at least one index
     */
    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}
