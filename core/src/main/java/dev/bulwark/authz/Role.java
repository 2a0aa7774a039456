package dev.bulwark.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role definition: name, ordinal level, the entries it grants, optional explicit denies and the roles it
 * inherits (transitively, any depth). A role's <em>effective</em> entries are its own plus those of every role
 * it inherits; they are computed by {@link Policy} at build time, where unknown inherited roles and cycles are
 * rejected.
 *
 * <p>Names match {@code [A-Za-z][A-Za-z0-9_-]*} (at most 64 characters) and are case-sensitive; levels are
 * between 0 and 1,000,000 (higher means more authority; used by {@link RoleChangeRules}). Immutable and
 * thread-safe.
 */
public final class Role {

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** The highest accepted level. */
    public static final int MAX_LEVEL = 1_000_000;

    private final String name;
    private final int level;
    private final List<Permission> grants;
    private final List<Permission> denies;
    private final List<String> inherits;

    private Role(Builder b) {
        this.name = b.name;
        this.level = b.level;
        this.grants = List.copyOf(b.grants);
        this.denies = List.copyOf(b.denies);
        this.inherits = List.copyOf(b.inherits);
    }

    /**
     * Starts a role.
     *
     * @param name the role's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the role's name} */
    public String name() {
        return name;
    }

    /** {@return the role's level (0 to {@link #MAX_LEVEL})} */
    public int level() {
        return level;
    }

    /** {@return the role's own grants, in definition order (not including inherited ones)} */
    public List<Permission> grants() {
        return grants;
    }

    /** {@return the role's own explicit denies, in definition order} */
    public List<Permission> denies() {
        return denies;
    }

    /** {@return the names of the roles this role directly inherits} */
    public List<String> inherits() {
        return inherits;
    }

    @Override
    public String toString() {
        return "Role[" + name + ", level=" + level + ", grants=" + grants + ", denies=" + denies
                + ", inherits=" + inherits + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Role r && r.name.equals(name) && r.level == level && r.grants.equals(grants)
                && r.denies.equals(denies) && r.inherits.equals(inherits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, level, grants, denies, inherits);
    }

    /** Builds a {@link Role}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private int level;
        private final List<Permission> grants = new ArrayList<>();
        private final List<Permission> denies = new ArrayList<>();
        private final List<String> inherits = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** @param level the level, 0 to {@link Role#MAX_LEVEL} (default 0) @return this */
        public Builder level(int level) {
            this.level = level;
            return this;
        }

        /**
         * @param permissions grant entries ({@link Permission#parse} syntax)
         * @return this
         * @throws InvalidPolicyException when an entry is malformed
         */
        public Builder grants(String... permissions) {
            for (int i = 0; i < permissions.length; i++) {
                grants.add(parseEntry("grants", grants.size(), permissions[i]));
            }
            return this;
        }

        /**
         * @param permissions deny entries ({@link Permission#parse} syntax)
         * @return this
         * @throws InvalidPolicyException when an entry is malformed
         */
        public Builder denies(String... permissions) {
            for (int i = 0; i < permissions.length; i++) {
                denies.add(parseEntry("denies", denies.size(), permissions[i]));
            }
            return this;
        }

        /** @param roles names of roles to inherit (checked by {@link Policy.Builder#build()}) @return this */
        public Builder inherits(String... roles) {
            inherits.addAll(List.of(roles));
            return this;
        }

        private Permission parseEntry(String field, int index, String text) {
            try {
                return Permission.parse(text);
            } catch (InvalidPermissionException e) {
                throw new InvalidPolicyException(AuthzReason.MALFORMED_PERMISSION,
                        "role " + Permission.quote(name) + ": " + field + "[" + index + "] " + e.getMessage());
            }
        }

        /**
         * @return the role
         * @throws InvalidPolicyException ({@link AuthzReason#INVALID_ROLE}) for a bad name or level
         */
        public Role build() {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidPolicyException(AuthzReason.INVALID_ROLE, "role name " + Permission.quote(name)
                        + " must match [A-Za-z][A-Za-z0-9_-]* (at most 64 characters)");
            }
            if (level < 0 || level > MAX_LEVEL) {
                throw new InvalidPolicyException(AuthzReason.INVALID_ROLE, "role " + Permission.quote(name)
                        + ": level must be between 0 and " + MAX_LEVEL + ", was " + level);
            }
            for (String parent : inherits) {
                if (parent == null || !NAME.matcher(parent).matches()) {
                    throw new InvalidPolicyException(AuthzReason.UNKNOWN_ROLE, "role " + Permission.quote(name)
                            + ": inherits " + Permission.quote(parent) + ", which is not a valid role name");
                }
            }
            return new Role(this);
        }
    }
}
