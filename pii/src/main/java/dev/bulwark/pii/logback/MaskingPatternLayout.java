package dev.bulwark.pii.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.bulwark.pii.LogMasking;

/**
 * A Logback {@link PatternLayout} that masks the whole formatted line (message, arguments, MDC values, logger
 * and thread names, exception messages and stack traces) with {@link LogMasking#mask(String)}, so
 * {@code log.info("user {}", email)} never writes the e-mail.
 *
 * <pre>{@code
 * <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
 *     <layout class="dev.bulwark.pii.logback.MaskingPatternLayout">
 *       <pattern>%d %level %logger - %msg %mdc%n</pattern>
 *     </layout>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Thread-safe as Logback layouts are.
 */
public class MaskingPatternLayout extends PatternLayout {

    /** Creates the layout; configure its pattern as for {@link PatternLayout}. */
    public MaskingPatternLayout() {
        super();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogMasking.mask(super.doLayout(event));
    }
}
