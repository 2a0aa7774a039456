package dev.bulwark.examples.cli;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.ratelimit.Bandwidth;
import dev.bulwark.ratelimit.RateLimitSimulator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark ratelimit simulate --bandwidth CAPACITY/REFILL_TOKENS/PERIOD_MS [--bandwidth ...] < requests}:
 * replays a traffic log ({@code TIME_MS COST [KEY]} per line, time non-decreasing) and prints
 * {@code allow REMAINING} or {@code deny RETRY_AFTER_MS} per request, streaming. Exit 0 when the whole input
 * was replayed, 1 on a bad line (reason on stderr, answers for earlier lines already printed), 2 on a usage
 * error (a missing or malformed {@code --bandwidth}).
 */
@Command(name = "ratelimit", description = "Rate-limit tools.", mixinStandardHelpOptions = true,
        subcommands = {RateLimitCommand.Simulate.class})
public final class RateLimitCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: simulate");
    }

    /** {@code ratelimit simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Replay requests from stdin (lines 'TIME_MS COST [KEY]', time non-decreasing) against",
                "token-bucket bandwidths; print 'allow REMAINING' or 'deny RETRY_AFTER_MS' per request",
                "(RETRY_AFTER_MS -1: the cost exceeds a capacity)."})
    static final class Simulate implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--bandwidth", required = true, paramLabel = "CAPACITY/REFILL_TOKENS/PERIOD_MS",
                description = "a greedy bandwidth, e.g. 10/1/1000 (repeatable: a request consumes from all)",
                converter = BandwidthConverter.class)
        private List<Bandwidth> bandwidths;

        Simulate(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            RateLimitSimulator sim = RateLimitSimulator.of(bandwidths);
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            Writer out = new BufferedWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8));
            sim.run(in, out);
            return BulwarkCli.OK;
        }
    }

    /** {@code C/R/P} → a greedy bandwidth; a bad spec is a usage error (exit 2). */
    static final class BandwidthConverter implements picocli.CommandLine.ITypeConverter<Bandwidth> {
        @Override
        public Bandwidth convert(String value) {
            try {
                return RateLimitSimulator.parseBandwidth(value);
            } catch (ConfigurationException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
