package dev.bulwark.examples.cli;

import dev.bulwark.core.ConfigurationException;
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
 * {@code bulwark demo [--port 8080] [--redis redis://...] [--postgres jdbc:postgresql://...]
 * [--webhook-secret SCHEME=SECRET]...}: runs the demo service on 127.0.0.1 until interrupted, printing the URL,
 * where each store lives, the webhook secrets in use and a walkthrough of {@code curl} commands. Stores are in
 * memory unless {@code --redis} and/or {@code --postgres} name a server; an unreachable server stops the start
 * with exit code 1 and one line {@code STORE_UNAVAILABLE: ...} on standard error (never a fallback to memory);
 * a malformed URI is a usage error (exit 2).
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

    @Option(names = "--redis", paramLabel = "URI",
            description = "Keep sessions, refresh tokens, one-time tokens, login rate limits and the webhook replay"
                    + " guard in Redis, e.g. redis://127.0.0.1:6379.")
    private String redis;

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "Keep API keys, memberships and the audit log (and, without --redis, sessions, refresh"
                    + " tokens and one-time tokens) in PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/test"
                    + " (user postgres unless ?user=...&password=... says otherwise).")
    private String postgres;

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
            demo = DemoServer.config().port(port).corsOrigins(corsOrigins).webhookSecrets(webhookSecrets)
                    .clock(Clock.systemUTC()).redis(redis).postgres(postgres).console(line -> {
                        synchronized (out) {
                            out.println(line);
                            out.flush();
                        }
                    }).start();
        } catch (ConfigurationException e) {
            throw new CliUsageException(e.getMessage(), e);
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
