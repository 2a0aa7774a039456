package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Redis for the module's tests.
 *
 * <p>{@link #shared()} connects to the server at {@code BULWARK_REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}); when it is unreachable, the test fails with {@code CI=true} and is aborted
 * elsewhere, saying plainly that the Redis suite did not run. {@link #privateProcess()} starts a throw-away
 * {@code redis-server} on a free port, which fault tests stop and start again without touching the shared one.
 */
final class RedisTestServer implements AutoCloseable {

    static final String URL = System.getenv().getOrDefault("BULWARK_REDIS_URL", "redis://127.0.0.1:6379");

    private final RedisClient client;
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    private final int port;
    private Process process;

    private RedisTestServer(RedisURI uri, Process process) {
        this.client = RedisClient.create(uri);
        this.port = uri.getPort();
        this.process = process;
    }

    static RedisTestServer shared() {
        RedisURI uri = RedisURI.create(URL);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisTestServer server = new RedisTestServer(uri, null);
        try {
            server.connect().sync().ping();
            return server;
        } catch (RuntimeException e) {
            server.close();
            unreachable("Redis not reachable at " + URL + " (" + e.getMessage() + ")", e);
            throw new AssertionError(e);
        }
    }

    static RedisTestServer privateProcess() {
        int port = freePort();
        RedisTestServer server = new RedisTestServer(RedisURI.create("redis://127.0.0.1:" + port), null);
        server.start();
        return server;
    }

    private static void unreachable(String what, Throwable e) {
        String message = what + ": the Redis suite did NOT run. Start Redis (.ci/run does) or set BULWARK_REDIS_URL.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message, e);
        }
        Assumptions.abort(message);
    }

    /** {@return a fresh key prefix, so that tests sharing a server never see each other's keys} */
    static String newPrefix() {
        return "t" + dev.bulwark.core.RandomTokens.hex(16).substring(0, 10);
    }

    /**
     * Deletes every key under {@code prefix} and closes this server's connections.
     *
     * @param prefix what {@link #newPrefix()} gave
     */
    void cleanUpAndClose(String prefix) {
        StatefulRedisConnection<String, String> c = connect();
        List<String> keys = c.sync().keys(prefix + ":*");
        if (!keys.isEmpty()) {
            c.sync().del(keys.toArray(String[]::new));
        }
        close();
    }

    /** {@return a new connection (closed with this server)} */
    StatefulRedisConnection<String, String> connect() {
        StatefulRedisConnection<String, String> c = client.connect();
        connections.add(c);
        return c;
    }

    /** Starts the private server process (again), and waits until it answers. */
    void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(new File("target/redis-" + port + ".log")).start();
        } catch (IOException e) {
            unreachable("redis-server could not be started (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < 200; i++) {
            try (RedisClient probe = RedisClient.create("redis://127.0.0.1:" + port)) {
                try (StatefulRedisConnection<String, String> c = probe.connect()) {
                    c.sync().ping();
                    return;
                }
            } catch (RuntimeException notYet) {
                if (!process.isAlive()) {
                    unreachable("redis-server exited at start", notYet);
                }
                // the server is still starting: wait on the process, not on a clock
                try {
                    process.waitFor(25, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        fail("redis-server on port " + port + " did not answer");
    }

    /** Stops the private server process and waits for it to exit. */
    void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (StatefulRedisConnection<String, String> c : connections) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        stop();
    }
}
