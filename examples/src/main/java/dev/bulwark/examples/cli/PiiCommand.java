package dev.bulwark.examples.cli;

import dev.bulwark.core.Secret;
import dev.bulwark.pii.MaskOperator;
import dev.bulwark.pii.Masker;
import dev.bulwark.pii.MaskingOperators;
import dev.bulwark.pii.PiiDetector;
import dev.bulwark.pii.PiiException;
import dev.bulwark.pii.PiiReason;
import dev.bulwark.pii.PiiSpan;
import dev.bulwark.pii.PiiType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark pii scan [--types email,phone,...] [--json]} and
 * {@code bulwark pii mask [--types ...] [--operator redact|partial|hash]}: stream standard input line by line
 * (never holding more than one line), as DESIGN.md specifies.
 *
 * <p>{@code scan} prints one JSON object per input line, in order:
 * {@code {"line":1,"spans":[{"type":"EMAIL","start":10,"end":27,"confidence":0.99}]}}, with UTF-16 indices
 * into the line, end exclusive. {@code mask} prints each line masked. An unknown type or operator is a
 * usage error (exit 2); a line longer than {@value #MAX_LINE} characters is rejected (exit 1,
 * {@code INPUT_TOO_LARGE}). The {@code hash} operator keys its HMAC with the base64 secret in
 * {@code BULWARK_PII_HASH_KEY} when set (so tokens join across runs), otherwise with a random per-run key.
 */
@Command(name = "pii", description = "Find and mask personal data and secrets in text (stdin to stdout).",
        mixinStandardHelpOptions = true, subcommands = {PiiCommand.Scan.class, PiiCommand.Mask.class})
public final class PiiCommand implements Runnable {

    /** The longest line accepted, in characters. */
    public static final int MAX_LINE = 1 << 20;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: scan or mask");
    }

    /** {@code pii scan}. */
    @Command(name = "scan", description = "Print the spans found on each input line as JSON lines.",
            mixinStandardHelpOptions = true)
    static final class Scan implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--types", paramLabel = "TYPES", description = "Comma-separated types (default: all): "
                + "email, phone, credit_card, us_ssn, ipv4, ipv6, iban, url_credentials, jwt, api_key, private_key, "
                + "bearer_token.")
        private String types;

        @Option(names = "--json", description = "JSON lines output (the default and only format).")
        private boolean json;

        Scan(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            PiiDetector detector = detector(types);
            PrintWriter out = io.outText();
            StringBuilder sb = new StringBuilder(128);
            forEachLine(io, (number, line) -> {
                List<PiiSpan> spans = detector.detect(line);
                sb.setLength(0);
                sb.append("{\"line\":").append(number).append(",\"spans\":[");
                for (int k = 0; k < spans.size(); k++) {
                    PiiSpan s = spans.get(k);
                    sb.append(k == 0 ? "" : ",").append("{\"type\":\"").append(s.type().name())
                            .append("\",\"start\":").append(s.start()).append(",\"end\":").append(s.end())
                            .append(",\"confidence\":").append(s.confidence()).append('}');
                }
                out.append(sb).append("]}\n");
            });
            out.flush();
            return BulwarkCli.OK;
        }
    }

    /** {@code pii mask}. */
    @Command(name = "mask", description = "Print each input line with personal data and secrets masked.",
            mixinStandardHelpOptions = true)
    static final class Mask implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--types", paramLabel = "TYPES", description = "Comma-separated types (default: all).")
        private String types;

        @Option(names = "--operator", paramLabel = "OP", defaultValue = "redact",
                description = "redact (default), partial or hash.")
        private String operator;

        Mask(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            MaskOperator op;
            switch (operator.toLowerCase(java.util.Locale.ROOT)) {
                case "redact":
                    op = MaskOperator.REDACT;
                    break;
                case "partial":
                    op = MaskOperator.PARTIAL;
                    break;
                case "hash":
                    op = MaskOperator.HASH;
                    break;
                default:
                    throw new CliUsageException("unknown operator '" + operator + "': expected redact, partial or hash");
            }
            Masker masker = Masker.builder().detector(detector(types))
                    .operator(MaskingOperators.of(op, op == MaskOperator.HASH ? hashKey() : null)).build();
            PrintWriter out = io.outText();
            forEachLine(io, (number, line) -> out.append(masker.mask(line)).append('\n'));
            out.flush();
            return BulwarkCli.OK;
        }

        private static Secret hashKey() {
            String env = System.getenv("BULWARK_PII_HASH_KEY");
            if (env == null || env.isBlank()) {
                return Secret.ofBytes(dev.bulwark.core.RandomTokens.bytes(32));
            }
            Secret key = Secret.ofBase64(env);
            if (key.length() < 16) {
                throw new CliUsageException("BULWARK_PII_HASH_KEY must hold at least 16 bytes of base64");
            }
            return key;
        }
    }

    static PiiDetector detector(String types) {
        if (types == null) {
            return PiiDetector.ofDefaults();
        }
        Set<PiiType> set;
        try {
            set = PiiDetector.parseTypes(types);
        } catch (PiiException e) {
            throw new CliUsageException(e.getMessage());
        }
        return set.equals(EnumSet.allOf(PiiType.class)) ? PiiDetector.ofDefaults()
                : PiiDetector.builder().types(set).build();
    }

    interface LineHandler {
        void handle(long number, String line);
    }

    /**
     * Reads UTF-8 lines ({@code \n}, {@code \r\n} or {@code \r} terminated) one at a time, refusing a line longer
     * than {@link #MAX_LINE} before buffering more of it.
     */
    static void forEachLine(CliIo io, LineHandler handler) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8), 65536);
            StringBuilder line = new StringBuilder(256);
            long number = 0;
            boolean pending = false;
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') {
                            in.reset();
                        }
                    }
                    handler.handle(++number, line.toString());
                    line.setLength(0);
                    pending = false;
                    continue;
                }
                if (line.length() >= MAX_LINE) {
                    throw new PiiException(PiiReason.INPUT_TOO_LARGE, "line " + (number + 1) + " is longer than "
                            + MAX_LINE + " characters");
                }
                line.append((char) c);
                pending = true;
            }
            if (pending) {
                handler.handle(++number, line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
