package dev.bulwark.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.pii.Masker;
import dev.bulwark.pii.PiiDetector;
import dev.bulwark.pii.PiiSpan;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.mask.RegexValueMasker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PII scanning and masking of log-like text.
 *
 * <ul>
 *   <li>{@code bulwark_scan} / {@code regex_scan}: find every span. The baseline is what most hand-written
 *       maskers do: one {@code java.util.regex} pattern per type, applied in sequence over the whole text
 *       (patterns below, shape-only: no Luhn, mod-97 or parsing, so the baseline does <em>less</em> work).</li>
 *   <li>{@code bulwark_mask} / {@code regex_mask}: produce the masked text ({@code replaceAll} per pattern).</li>
 *   <li>{@code bulwark_maskJson} / {@code logstash_maskJson}: write {@code {"message": text}} through Jackson
 *       with the value masked; the peer is logstash-logback-encoder's {@code MaskingJsonGeneratorDecorator}
 *       with one {@code RegexValueMasker} per type (its documented way of masking values).</li>
 * </ul>
 *
 * <p>{@code pii}: {@code none} (no PII), {@code sparse} (about 1 % of characters are PII, log-like) and
 * {@code dense} (most lines carry several values). Inputs are generated from a fixed seed and identical for
 * every method. Throughput in operations per second; MB/s = ops/s × size / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PiiBenchmark {

    @Param({"1024", "65536"})
    public int size;

    @Param({"none", "sparse", "dense"})
    public String pii;

    static final String[][] PATTERNS = {
        {"EMAIL", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"},
        {"PHONE", "(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?)?\\b\\d{2,4}[ .-]\\d{3,4}[ .-]\\d{4}\\b"},
        {"CREDIT_CARD", "\\b(?:\\d[ -]?){12,18}\\d\\b"},
        {"US_SSN", "\\b\\d{3}-\\d{2}-\\d{4}\\b"},
        {"IPV4", "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"},
        {"IPV6", "(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,6}|[0-9A-Fa-f]{1,4})(?![\\w:])"},
        {"IBAN", "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"},
        {"URL_CREDENTIALS", "(?<=://)[^/\\s:@]*:[^/\\s@]+(?=@)"},
        {"JWT", "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"},
        {"API_KEY", "\\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|[sr]k_live_[A-Za-z0-9]{10,}"
                + "|xox[abposr]-[A-Za-z0-9-]{10,}|ak_live_[0-9a-f]{64}|whsec_[A-Za-z0-9+/=]{16,})"},
        {"PRIVATE_KEY", "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"},
        {"BEARER_TOKEN", "(?i)(?<=bearer )[A-Za-z0-9._~+/-]{16,}=*"},
    };

    private static final String[] VALUES = {
        "john.doe@example.com", "+1 (415) 555-2671", "4242 4242 4242 4242", "123-45-6780", "10.20.30.40",
        "2001:db8::8a2e:370:7334", "DE89 3704 0044 0532 0130 00", "postgres://app:s3cr3t@db:5432/app",
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlX2hlcmU",
        "ak_live_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "jane@mail.example.org",
        "020 7946 0958",
    };

    private static final String[] LOG_LINES = {
        "2026-01-15T12:30:45.123Z INFO  [http-nio-8080-exec-3] c.e.OrderService - order 12345 processed in 35 ms status=OK\n",
        "2026-01-15T12:30:45.456Z DEBUG [worker-7] c.e.cache.RedisCache - cache hit key=orders:v2:12345 ttl=300s size=1432\n",
        "2026-01-15T12:30:46.001Z WARN  [scheduler-1] c.e.jobs.Reconciler - retrying batch 77 after 3 attempts (backoff 250ms)\n",
        "2026-01-15T12:30:46.789Z INFO  [http-nio-8080-exec-9] c.e.api.Gateway - GET /api/v1/items?page=2&limit=50 200 12ms\n",
    };

    private String text;
    private PiiDetector detector;
    private Masker masker;
    private Pattern[] patterns;
    private String[] replacements;
    private MaskingJsonGeneratorDecorator logstash;
    private JsonFactory json;

    @Setup
    public void setUp() {
        text = generate(size, pii, new Random(42));
        detector = PiiDetector.ofDefaults();
        masker = Masker.ofDefaults();
        patterns = new Pattern[PATTERNS.length];
        replacements = new String[PATTERNS.length];
        logstash = new MaskingJsonGeneratorDecorator();
        for (int i = 0; i < PATTERNS.length; i++) {
            patterns[i] = Pattern.compile(PATTERNS[i][1]);
            replacements[i] = "[" + PATTERNS[i][0] + "]";
            logstash.addValueMasker(new RegexValueMasker(patterns[i], replacements[i]));
        }
        logstash.start();
        json = new JsonFactory();
    }

    static String generate(int size, String density, Random r) {
        StringBuilder sb = new StringBuilder(size + 256);
        int piiChars = 0;
        while (sb.length() < size) {
            String line = LOG_LINES[r.nextInt(LOG_LINES.length)];
            if (density.equals("dense")) {
                sb.append(line, 0, 60).append(" user=").append(VALUES[r.nextInt(VALUES.length)]).append(" from ")
                        .append(VALUES[r.nextInt(VALUES.length)]).append(" card ")
                        .append(VALUES[r.nextInt(VALUES.length)]).append('\n');
            } else if (density.equals("sparse") && piiChars * 100 < sb.length()) {
                String v = VALUES[r.nextInt(VALUES.length)];
                piiChars += v.length();
                sb.append(line, 0, line.length() - 1).append(" by ").append(v).append('\n');
            } else {
                sb.append(line);
            }
        }
        return sb.substring(0, size);
    }

    @Benchmark
    public List<PiiSpan> bulwark_scan() {
        return detector.detect(text);
    }

    @Benchmark
    public List<int[]> regex_scan() {
        List<int[]> spans = new ArrayList<>();
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
        }
        return spans;
    }

    @Benchmark
    public String bulwark_mask() {
        return masker.mask(text);
    }

    @Benchmark
    public String regex_mask() {
        String s = text;
        for (int i = 0; i < patterns.length; i++) {
            s = patterns[i].matcher(s).replaceAll(replacements[i]);
        }
        return s;
    }

    @Benchmark
    public String bulwark_maskJson() throws IOException {
        StringWriter w = new StringWriter(size + 64);
        try (JsonGenerator g = json.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("message", masker.mask(text));
            g.writeEndObject();
        }
        return w.toString();
    }

    @Benchmark
    public String logstash_maskJson() throws IOException {
        StringWriter w = new StringWriter(size + 64);
        try (JsonGenerator g = logstash.decorate(json.createGenerator(w))) {
            g.writeStartObject();
            g.writeStringField("message", text);
            g.writeEndObject();
        }
        return w.toString();
    }
}
