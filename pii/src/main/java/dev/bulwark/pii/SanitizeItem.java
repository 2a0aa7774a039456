package dev.bulwark.pii;

import java.time.Instant;

/**
 * One piece of captured content going through a {@link SanitizePipeline}: where it came from, a title, the
 * text, whether it was captured in a private context, and when.
 *
 * <p>Immutable; {@code with...} methods return modified copies.
 *
 * @param source the source application or channel (e.g. {@code "slack"}, {@code "1password"}), never null
 *     (empty when unknown)
 * @param title a short title (window title, subject), never null (empty when none)
 * @param text the content, never null
 * @param privateMode whether the content was captured in a private / incognito context
 * @param capturedAt when it was captured, or {@code null} to use the pipeline's clock
 */
public record SanitizeItem(String source, String title, String text, boolean privateMode, Instant capturedAt) {

    /**
     * @throws PiiException {@link PiiReason#MISSING_INPUT} when the text is null
     */
    public SanitizeItem {
        if (text == null) {
            throw new PiiException(PiiReason.MISSING_INPUT, "item text must not be null");
        }
        source = source == null ? "" : source;
        title = title == null ? "" : title;
    }

    /**
     * @param source the source application
     * @param title the title
     * @param text the content
     * @return an item that is not private, captured "now" (the pipeline's clock)
     */
    public static SanitizeItem of(String source, String title, String text) {
        return new SanitizeItem(source, title, text, false, null);
    }

    /** @param newTitle the title @return a copy with that title */
    public SanitizeItem withTitle(String newTitle) {
        return new SanitizeItem(source, newTitle, text, privateMode, capturedAt);
    }

    /** @param newText the text @return a copy with that text */
    public SanitizeItem withText(String newText) {
        return new SanitizeItem(source, title, newText, privateMode, capturedAt);
    }

    /** @param isPrivate whether private @return a copy with that flag */
    public SanitizeItem withPrivateMode(boolean isPrivate) {
        return new SanitizeItem(source, title, text, isPrivate, capturedAt);
    }

    /** @param at capture time @return a copy with that capture time */
    public SanitizeItem withCapturedAt(Instant at) {
        return new SanitizeItem(source, title, text, privateMode, at);
    }

    /** {@return lengths and flags only; never the title or text} */
    @Override
    public String toString() {
        return "SanitizeItem[source=" + source + ", titleLength=" + title.length() + ", textLength="
                + text.length() + ", privateMode=" + privateMode + ", capturedAt=" + capturedAt + "]";
    }
}
