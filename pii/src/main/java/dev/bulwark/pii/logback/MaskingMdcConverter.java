package dev.bulwark.pii.logback;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.bulwark.pii.LogMasking;

/**
 * The MDC converter ({@code %mdc} / {@code %X{key}}) with every value masked by {@link LogMasking#mask(String)}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedMdc" converterClass="dev.bulwark.pii.logback.MaskingMdcConverter"/>
 * <pattern>%d %level - %msg %maskedMdc{user}%n</pattern>
 * }</pre>
 */
public class MaskingMdcConverter extends MDCConverter {

    /** Creates the converter (Logback instantiates it). */
    public MaskingMdcConverter() {
        super();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogMasking.mask(super.convert(event));
    }
}
