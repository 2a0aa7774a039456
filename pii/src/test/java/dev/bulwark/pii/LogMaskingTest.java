package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.bulwark.pii.logback.MaskingMdcConverter;
import dev.bulwark.pii.logback.MaskingMessageConverter;
import dev.bulwark.pii.logback.MaskingPatternLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogMaskingTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x";

    @Test
    void mask_tokensAfterEightCharacters_piiPartially() {
        assertThat(LogMasking.mask("Authorization: Bearer " + JWT)).isEqualTo("Authorization: Bearer eyJhbGci***");
        assertThat(LogMasking.mask("user john@example.com logged in")).isEqualTo("user j***@example.com logged in");
        assertThat(LogMasking.mask("key sk_live_51HxYzAbCdEfGhIjKlMn")).isEqualTo("key sk_live_***");
        assertThat(LogMasking.mask(null)).isNull();
        assertThat(LogMasking.mask("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"))
                .isEqualTo("[PRIVATE_KEY]");
    }

    @Test
    void mask_unscannable_failsClosed() {
        Masker tiny = Masker.builder().detector(PiiDetector.builder().maxInputLength(8).build()).build();
        assertThat(LogMasking.mask("john@example.com", tiny)).isEqualTo(LogMasking.UNSCANNABLE);
    }

    private String logThrough(PatternLayout layout, String pattern, Runnable logging) {
        LoggerContext ctx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Map<String, String> rules = new HashMap<>();
        rules.put("maskedMsg", MaskingMessageConverter.class.getName());
        rules.put("maskedMdc", MaskingMdcConverter.class.getName());
        ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        layout.setContext(ctx);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
        enc.setContext(ctx);
        enc.setLayout(layout);
        enc.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> app = new OutputStreamAppender<>();
        app.setContext(ctx);
        app.setEncoder(enc);
        app.setOutputStream(out);
        app.start();
        Logger logger = ctx.getLogger("pii-test-" + (++loggers));
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(app);
        current = logger;
        logging.run();
        app.stop();
        logger.detachAppender(app);
        return out.toString(StandardCharsets.UTF_8);
    }

    private Logger current;
    private static int loggers;

    @Test
    void maskingPatternLayout_masksArgumentsMdcAndExceptions() {
        String out = logThrough(new MaskingPatternLayout(), "%level %msg %mdc%n%ex", () -> {
            MDC.put("user", "jane@example.org");
            try {
                current.info("user {} paid with {} from {}", "john@example.com", "4242 4242 4242 4242", "10.1.2.3");
                current.warn("failed", new IllegalStateException("token " + JWT + " rejected"));
            } finally {
                MDC.remove("user");
            }
        });
        assertThat(out).doesNotContain("john@example.com", "4242 4242 4242 4242", "jane@example.org", JWT,
                "10.1.2.3");
        assertThat(out).contains("user j***@example.com paid with **** **** **** 4242 from 10.*.*.*",
                "user=j***@example.org", "token eyJhbGci*** rejected");
    }

    @Test
    void converters_maskMessageAndMdc() {
        String out = logThrough(new PatternLayout(), "%maskedMsg [%maskedMdc{sid}]%n", () -> {
            MDC.put("sid", "Bearer abcdefghijklmnopqrstuvwxyz012345");
            try {
                current.info("login {} ok", "john@example.com");
            } finally {
                MDC.remove("sid");
            }
        });
        assertThat(out.strip()).isEqualTo("login j***@example.com ok [Bearer abcdefgh***]");
    }
}
