package dev.bulwark.examples.cli;

import dev.bulwark.authz.AccessDeniedException;
import dev.bulwark.authz.Authorizer;
import dev.bulwark.authz.Decision;
import dev.bulwark.authz.InvalidPermissionException;
import dev.bulwark.authz.InvalidPolicyException;
import dev.bulwark.authz.Permission;
import dev.bulwark.authz.Policy;
import dev.bulwark.authz.Resource;
import dev.bulwark.authz.Subject;
import dev.bulwark.core.AuditSinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark authz check --policy F --user U --org O --permission P [--owner U2] [--resource-org O2]}:
 * answers "why can't Alice do this?" from a policy document (JSON, or YAML when the file ends in
 * {@code .yaml}/{@code .yml}); the user's roles come from the document's {@code memberships}.
 *
 * <p>Prints the decision as one JSON line, {@code {"allowed":false,"reason":"NO_GRANT","role":"viewer","grant":null}};
 * exit 0 when allowed, 1 when denied (with {@code REASON: explanation} on standard error), 2 on a usage error,
 * an unreadable or invalid policy (the message names the offending entry) or a malformed permission.
 */
@Command(name = "authz", description = "Authorization tools.", mixinStandardHelpOptions = true,
        subcommands = {AuthzCommand.Check.class})
public final class AuthzCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
    }

    /** {@code authz check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Print the decision for one request as JSON; exit 0 allowed, 1 denied, 2 usage/invalid policy.")
    static final class Check implements Callable<Integer> {
        private final CliIo io;

        @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy document (JSON or YAML)")
        private Path policy;

        @Option(names = "--user", required = true, paramLabel = "U", description = "the user asking")
        private String user;

        @Option(names = "--org", required = true, paramLabel = "O", description = "the user's current org")
        private String org;

        @Option(names = "--permission", required = true, paramLabel = "P", description = "resource.action")
        private String permission;

        @Option(names = "--owner", paramLabel = "U2", description = "the resource's owner")
        private String owner;

        @Option(names = "--resource-org", paramLabel = "O2", description = "the resource's org")
        private String resourceOrg;

        Check(CliIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            Policy p;
            try {
                p = Policy.load(policy);
            } catch (IOException e) {
                throw new CliUsageException("cannot read policy " + policy + ": " + e.getMessage(), e);
            } catch (InvalidPolicyException e) {
                throw new CliUsageException("invalid policy " + policy + ": " + e.reason().name() + ": "
                        + e.getMessage(), e);
            }
            Permission perm;
            try {
                perm = Permission.parseRequest(permission);
            } catch (InvalidPermissionException e) {
                throw new CliUsageException("--permission: " + e.getMessage(), e);
            }
            Authorizer authz = Authorizer.builder().policy(p).auditSink(AuditSinks.noop())
                    .clock(Clock.systemUTC()).build();
            Subject subject = Subject.of(user, org);
            Resource resource = owner == null && resourceOrg == null ? null : Resource.of(resourceOrg, owner);
            Decision d = authz.check(subject, perm, resource);
            PrintWriter out = io.outText();
            out.println(d.toJson());
            out.flush();
            if (!d.allowed()) {
                throw new AccessDeniedException(d, Authorizer.explain(user, org, perm, d));
            }
            return BulwarkCli.OK;
        }
    }
}
