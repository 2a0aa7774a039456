package dev.bulwark.examples.cli;

import dev.bulwark.examples.demo.DemoServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark demo [--port 8080] [--webhook-secret SCHEME=SECRET]...}: runs the demo service on 127.0.0.1
 * with in-memory stores until interrupted, printing the URL, the webhook secrets in use and a walkthrough of
 * {@code curl} commands.
 */
@Command(name = "demo", description = "Run the demo service on 127.0.0.1 with embedded defaults.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    private final CliIo io;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port on 127.0.0.1 (0 = any free port).")
    private int port;

    @Option(names = "--cors-origin", defaultValue = "http://localhost:3000",
            description = "Browser origin allowed to call the API with credentials (repeatable).")
    private List<String> corsOrigins;

    @Option(names = "--webhook-secret", paramLabel = "SCHEME=SECRET",
            description = "Webhook secret for stripe, github or standard (repeatable); generated when absent.")
    private Map<String, String> webhookSecrets = new LinkedHashMap<>();

    DemoCommand(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CliUsageException("--port must be between 0 and 65535, was " + port);
        }
        for (Map.Entry<String, String> e : webhookSecrets.entrySet()) {
            if (!DemoServer.WEBHOOK_SCHEMES.contains(e.getKey())) {
                throw new CliUsageException("--webhook-secret scheme must be one of " + DemoServer.WEBHOOK_SCHEMES
                        + ", was " + e.getKey());
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new CliUsageException("--webhook-secret " + e.getKey() + "= needs a secret");
            }
        }
        PrintWriter out = io.outText();
        DemoServer demo;
        try {
            demo = DemoServer.start(port, corsOrigins, webhookSecrets, Clock.systemUTC(), line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            });
        } catch (java.io.IOException e) {
            throw new CliUsageException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                demo.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }, "bulwark-demo-shutdown"));
        synchronized (out) {
            out.println(demo.walkthrough());
            out.println("Webhook secrets (demo only; pass --webhook-secret SCHEME=SECRET to choose them):");
            demo.webhookSecrets().forEach((scheme, secret) -> out.println("  " + scheme + ": " + secret));
            out.flush();
        }
        demo.join();
        return BulwarkCli.OK;
    }
}
