package dev.bulwark.pii.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.bulwark.pii.LogMasking;

/**
 * A Logback converter for the formatted message (the message with its arguments filled in), masked with
 * {@link LogMasking#mask(String)}. Register it and use it instead of {@code %msg}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedMsg" converterClass="dev.bulwark.pii.logback.MaskingMessageConverter"/>
 * <pattern>%d %level %logger - %maskedMsg%n</pattern>
 * }</pre>
 */
public class MaskingMessageConverter extends ClassicConverter {

    /** Creates the converter (Logback instantiates it). */
    public MaskingMessageConverter() {
        super();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogMasking.mask(event.getFormattedMessage());
    }
}
