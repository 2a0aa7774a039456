package dev.bulwark.authz.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.authz.AuthzReason;
import dev.bulwark.authz.InvalidPolicyException;
import dev.bulwark.authz.Policy;
import dev.bulwark.authz.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the policy document of DESIGN.md from JSON or YAML into a {@link Policy}:
 * {@code {"roles":[{"name","level","grants","denies","inherits"}], "memberships":[{"user","org","role"}]}}.
 * Unknown keys, duplicate keys, wrong types and trailing content are errors; every message names the entry
 * ({@code roles[1] "admin": ...}).
 */
public final class PolicyDocuments {

    /** Documents larger than this are refused before parsing. */
    public static final int MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> ROOT_KEYS = Set.of("roles", "memberships");
    private static final Set<String> ROLE_KEYS = Set.of("name", "level", "grants", "denies", "inherits");
    private static final Set<String> MEMBERSHIP_KEYS = Set.of("user", "org", "role");

    private PolicyDocuments() {
    }

    /**
     * @param json the document
     * @return the policy
     */
    public static Policy parseJson(String json) {
        if (json == null) {
            throw malformed("policy document is null");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw malformed("policy document is larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY,
                    "policy document is not valid JSON: " + e.getOriginalMessage() + location(e), e);
        }
        return fromTree(root);
    }

    /**
     * @param in the document (read fully, not closed)
     * @return the policy
     */
    public static Policy parseJson(InputStream in) {
        try {
            byte[] b = in.readNBytes(MAX_DOCUMENT_CHARS + 1);
            return parseJson(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY, "cannot read policy document: "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param yaml the document
     * @return the policy
     */
    public static Policy parseYaml(String yaml) {
        if (yaml == null) {
            throw malformed("policy document is null");
        }
        if (yaml.length() > MAX_DOCUMENT_CHARS) {
            throw malformed("policy document is larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = YamlSupport.readTree(yaml);
        } catch (LinkageError e) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY,
                    "YAML policies need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the classpath", null);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY,
                    "policy document is not valid YAML: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY,
                    "policy document is not valid YAML: " + e.getClass().getSimpleName(), e);
        }
        return fromTree(root);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static InvalidPolicyException malformed(String message) {
        return new InvalidPolicyException(AuthzReason.MALFORMED_POLICY, message);
    }

    /**
     * @param root the parsed document
     * @return the policy
     */
    public static Policy fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw malformed("policy document must be an object with \"roles\" (and optionally \"memberships\")");
        }
        checkKeys(root, ROOT_KEYS, "policy document");
        JsonNode roles = root.get("roles");
        if (roles == null || !roles.isArray()) {
            throw malformed("policy document: \"roles\" must be an array");
        }
        Policy.Builder pb = Policy.builder();
        for (int i = 0; i < roles.size(); i++) {
            pb.role(role(roles.get(i), "roles[" + i + "]"));
        }
        JsonNode ms = root.get("memberships");
        if (ms != null && !ms.isNull()) {
            if (!ms.isArray()) {
                throw malformed("policy document: \"memberships\" must be an array");
            }
            for (int i = 0; i < ms.size(); i++) {
                String where = "memberships[" + i + "]";
                JsonNode m = ms.get(i);
                if (!m.isObject()) {
                    throw new InvalidPolicyException(AuthzReason.INVALID_MEMBERSHIP,
                            where + " must be an object {\"user\",\"org\",\"role\"}");
                }
                checkKeys(m, MEMBERSHIP_KEYS, where);
                String user = text(m, "user", where, AuthzReason.INVALID_MEMBERSHIP);
                String org = text(m, "org", where, AuthzReason.INVALID_MEMBERSHIP);
                String role = text(m, "role", where, AuthzReason.INVALID_MEMBERSHIP);
                pb.membership(user, org, role);
            }
        }
        try {
            return pb.build();
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException(e.reason(), e.getMessage()
                    .replaceFirst("^membership (\\d+) ", "memberships[$1] "));
        }
    }

    private static Role role(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new InvalidPolicyException(AuthzReason.INVALID_ROLE, where + " must be an object");
        }
        checkKeys(n, ROLE_KEYS, where);
        String name = text(n, "name", where, AuthzReason.INVALID_ROLE);
        String named = where + " " + quote(name);
        Role.Builder b = Role.builder(name);
        JsonNode level = n.get("level");
        if (level != null && !level.isNull()) {
            if (!level.isIntegralNumber() || !level.canConvertToInt()) {
                throw new InvalidPolicyException(AuthzReason.INVALID_ROLE, named + ": \"level\" must be an integer");
            }
            b.level(level.intValue());
        }
        try {
            b.grants(strings(n, "grants", named));
            b.denies(strings(n, "denies", named));
            b.inherits(strings(n, "inherits", named));
            return b.build();
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException(e.reason(), where + ": " + e.getMessage());
        }
    }

    private static String[] strings(JsonNode n, String key, String where) {
        JsonNode a = n.get(key);
        if (a == null || a.isNull()) {
            return new String[0];
        }
        if (!a.isArray()) {
            throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY, where + ": \"" + key
                    + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            if (!e.isTextual()) {
                throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY, where + ": " + key + "[" + i
                        + "] must be a string");
            }
            out.add(e.textValue());
        }
        return out.toArray(new String[0]);
    }

    private static String text(JsonNode n, String key, String where, AuthzReason reason) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new InvalidPolicyException(reason, where + ": \"" + key + "\" must be a non-empty string");
        }
        return v.textValue();
    }

    private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InvalidPolicyException(AuthzReason.MALFORMED_POLICY, where + ": unknown key " + quote(k)
                        + " (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == '"' || c == '\\' || c == 0x7f ? '?' : c);
        }
        return sb.append(s.length() > n ? "...\"" : "\"").toString();
    }
}
