package dev.bulwark.examples.cli;

import dev.bulwark.examples.demo.DemoServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark demo [--port 8080]}: runs the demo service on 127.0.0.1 until interrupted. */
@Command(name = "demo", description = "Run the demo service on 127.0.0.1 with embedded defaults.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    private final CliIo io;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port on 127.0.0.1 (0 = any free port).")
    private int port;

    @Option(names = "--cors-origin", defaultValue = "http://localhost:3000",
            description = "Browser origin allowed to call the API with credentials (repeatable).")
    private List<String> corsOrigins;

    DemoCommand(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CliUsageException("--port must be between 0 and 65535, was " + port);
        }
        DemoServer demo;
        try {
            demo = DemoServer.start(port, corsOrigins);
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
        PrintWriter out = io.outText();
        out.println(demo.walkthrough());
        out.flush();
        demo.join();
        return BulwarkCli.OK;
    }
}
