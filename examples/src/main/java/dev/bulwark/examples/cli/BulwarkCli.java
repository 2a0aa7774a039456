package dev.bulwark.examples.cli;

import dev.bulwark.core.BulwarkException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bulwark} command line. Exit codes (DESIGN.md): 0 success or valid; 1 rejected input, with
 * one line on standard error that starts with the reason code ({@code BAD_SIGNATURE: ...}); 2 usage error.
 */
@Command(name = "bulwark", mixinStandardHelpOptions = true, versionProvider = BulwarkCli.Version.class,
        description = "Bulwark: security building blocks for JVM services.",
        subcommands = {DemoCommand.class, KeysCommand.class, JwtCommand.class, TotpCommand.class, PkceCommand.class,
                AuthzCommand.class, EncryptCommand.class, DecryptCommand.class, PasswordCommand.class,
                WebhookCommand.class, RateLimitCommand.class, PiiCommand.class})
public final class BulwarkCli implements Runnable {

    /** Exit code of a successful or valid run. */
    public static final int OK = 0;
    /** Exit code of a rejected input. */
    public static final int REJECTED = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Entry point of the shaded jar.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(CliIo.system(), args));
    }

    /**
     * Runs the full command line against the given streams.
     *
     * @param io the streams
     * @param args the arguments
     * @return the exit code
     */
    public static int run(CliIo io, String... args) {
        return configure(new CommandLine(new BulwarkCli(), new Factory(io)), io).execute(args);
    }

    /**
     * Runs one command class on its own (as if it were the top-level command), with the same streams,
     * error handling and exit codes as the full CLI: what the commands' tests use.
     *
     * @param command the command class (a picocli {@code @Command})
     * @param io the streams
     * @param args the arguments after the command's name
     * @return the exit code
     */
    public static int runCommand(Class<?> command, CliIo io, String... args) {
        Factory factory = new Factory(io);
        try {
            return configure(new CommandLine(factory.create(command), factory), io).execute(args);
        } catch (Exception e) {
            throw new IllegalStateException("cannot instantiate " + command.getName(), e);
        }
    }

    private static CommandLine configure(CommandLine cl, CliIo io) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
        cl.setOut(out).setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> t instanceof BulwarkException ? REJECTED : USAGE);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("usage error: " + ex.getMessage());
            c.usage(c.getErr());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof BulwarkException be) {
                e.println(be.reason().name() + ": " + oneLine(be.getMessage()));
                return REJECTED;
            }
            if (ex instanceof CliUsageException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException) {
                e.println("usage error: " + oneLine(ex.getMessage()));
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Instantiates commands, handing a {@link CliIo} to those whose constructor takes one. */
    private static final class Factory implements CommandLine.IFactory {
        private final CliIo io;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(CliIo io) {
            this.io = io;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliIo.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(io));
                }
            }
            return fallback.create(cls);
        }
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BulwarkCli.class.getPackage().getImplementationVersion();
            return new String[] {"bulwark " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
