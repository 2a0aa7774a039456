package dev.bulwark.authz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the two parsers of untrusted input: permission strings and policy documents (JSON and YAML). Either
 * the input parses, and then it round-trips and can be checked, or it is refused with the module's typed
 * exception: never another exception, never a hang. Runs as a short regression test by default; {@code -Pfuzz}
 * fuzzes.
 */
class AuthzParsersFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void permissionParser(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        Permission p;
        try {
            p = Permission.parse(s);
        } catch (InvalidPermissionException e) {
            if (e.reason() != AuthzReason.MALFORMED_PERMISSION || e.getMessage() == null) {
                throw new AssertionError("wrong reason", e);
            }
            return;
        }
        if (!Permission.parse(p.toString()).equals(p) || !p.toString().equals(s)) {
            throw new AssertionError("does not round-trip: " + s);
        }
        if (p.isPlain() && !p.matches(p)) {
            throw new AssertionError("a plain permission must match itself: " + s);
        }
    }

    private static final String JSON_SKELETON = "{\"roles\": [{\"name\": \"$\", \"level\": $, \"grants\": [\"$\", \"$\"],"
            + " \"denies\": [\"$\"], \"inherits\": [\"$\"]}, {\"name\": \"$\", \"level\": $, \"grants\": [\"$\"],"
            + " \"inherits\": [\"$\"]}], \"memberships\": [{\"user\": \"$\", \"org\": \"$\", \"role\": \"$\"},"
            + " {\"user\": \"$\", \"org\": \"o1\", \"role\": \"$\"}]}";
    private static final String YAML_SKELETON = "roles:\n  - name: $\n    level: $\n    grants: [\"$\", \"$\"]\n"
            + "    denies: [$]\n    inherits: [$]\n  - name: $\n    level: $\n    grants: [$]\n    inherits: [$]\n"
            + "memberships:\n  - {user: $, org: $, role: $}\n  - {user: $, org: o1, role: $}\n";
    private static final String[] PIECES = {"", "admin", "member", "viewer", "80", "40", "-1", "101", "1e3",
        "projects.*", "projects.read", "*.read", "activity.read:own", "*", "projects.*:own", "billing.*", "u1", "o1",
        "a.b.c", "\\u0000", "&a", "*a", "!!str", "[]", "{}", "null"};

    @FuzzTest(maxDuration = "30s")
    void policyDocumentParser(FuzzedDataProvider data) {
        boolean yaml = data.consumeBoolean();
        String request = data.consumeString(40);
        String doc;
        int mode = data.consumeInt(0, 2);
        if (mode == 0) {
            doc = data.consumeRemainingAsString();
        } else {
            // a well-formed skeleton whose names, levels, grants and inheritance are fuzzed, so that inputs get
            // past the JSON/YAML syntax into the policy rules (a random string almost never does)
            String[] parts = (mode == 1 ? JSON_SKELETON : YAML_SKELETON).split("\\$", -1);
            StringBuilder b = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                String piece = data.pickValue(PIECES);
                b.append(piece.isEmpty() ? data.consumeString(24) : piece).append(parts[i]);
            }
            doc = b.toString();
            yaml = mode == 2;
        }
        Policy policy;
        try {
            policy = yaml ? Policy.fromYaml(doc) : Policy.fromJson(doc);
        } catch (InvalidPolicyException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("an error without message", e);
            }
            return;
        }
        Permission req;
        try {
            req = Permission.parseRequest(request);
        } catch (InvalidPermissionException e) {
            req = Permission.parseRequest("projects.read");
        }
        for (Membership m : policy.memberships()) {
            Decision d = policy.decide(m.userId(), m.orgId(), List.of(m.role()), req, Resource.ownedBy(m.userId()));
            if (d.allowed() == (d.reason() != null)) {
                throw new AssertionError("inconsistent decision " + d);
            }
            if (policy.decide(m.userId(), m.orgId(), List.of(m.role()), req, Resource.inOrg(m.orgId() + "x")).allowed()) {
                throw new AssertionError("cross-org allowed");
            }
        }
    }
}
