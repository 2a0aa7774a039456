package dev.bulwark.authz.internal;

import dev.bulwark.authz.AuthzReason;
import dev.bulwark.authz.Decision;
import dev.bulwark.authz.Permission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One role compiled for checks: its effective entries indexed resource -> action -> {@link Cell}, with the
 * wildcard {@code *} as an ordinary key, and its exact cells by request text ({@code resource.action}), each
 * holding the role's whole decision for that request when it is the user's only role ({@link #alone}). A
 * check of a single held role is then one hash lookup; otherwise it probes at most four cells per held role.
 * No allocation on either path. Immutable once the owning policy is constructed; safe to share between
 * threads.
 */
public final class CompiledRole {

    private static final String STAR = Permission.WILDCARD;

    private final String name;
    private final int level;
    private final Map<String, Map<String, Cell>> byResource;
    private final Map<String, Cell> starResource;
    private final Decision noGrant;
    private final Map<String, Cell> exact;
    private final boolean exactOnly;

    /**
     * @param name the role's name
     * @param level the role's level
     * @param grants the effective grants (own first, then inherited), de-duplicated
     * @param denies the effective denies
     */
    public CompiledRole(String name, int level, List<Permission> grants, List<Permission> denies) {
        this.name = name;
        this.level = level;
        this.noGrant = new Decision(false, AuthzReason.NO_GRANT, name, null);
        Map<String, Map<String, Cell>> m = new HashMap<>();
        for (Permission g : grants) {
            Cell c = m.computeIfAbsent(g.resource(), k -> new HashMap<>()).computeIfAbsent(g.action(), k -> new Cell());
            if (g.isOwnScoped()) {
                if (c.grantOwn == null) {
                    c.grantOwn = new Decision(true, null, name, g.toString());
                    c.notOwner = new Decision(false, AuthzReason.NOT_OWNER, name, g.toString());
                }
            } else if (c.grantAny == null) {
                c.grantAny = new Decision(true, null, name, g.toString());
            }
        }
        for (Permission d : denies) {
            Cell c = m.computeIfAbsent(d.resource(), k -> new HashMap<>()).computeIfAbsent(d.action(), k -> new Cell());
            if (d.isOwnScoped()) {
                if (c.denyOwn == null) {
                    c.denyOwn = new Decision(false, AuthzReason.EXPLICIT_DENY, name, d.toString());
                }
            } else if (c.denyAny == null) {
                c.denyAny = new Decision(false, AuthzReason.EXPLICIT_DENY, name, d.toString());
            }
        }
        boolean wild = false;
        for (Permission g : grants) {
            wild |= g.hasWildcard();
        }
        for (Permission d : denies) {
            wild |= d.hasWildcard();
        }
        this.exactOnly = !wild;
        this.byResource = m;
        this.starResource = m.get(STAR);
        Map<String, Cell> ex = new HashMap<>();
        forEachExact((res, act, cell) -> ex.put(res + "." + act, cell));
        this.exact = ex;
    }

    /** {@return the role's name} */
    public String name() {
        return name;
    }

    /** {@return the role's level} */
    public int level() {
        return level;
    }

    /**
     * The decision of this role held alone (the user's only role in the org), without scanning: the
     * pre-computed decision of the exact cell, or this role's shared NO_GRANT when no entry names the request
     * and the role has no wildcard entry (then nothing can match it).
     *
     * @param plainText a plain request permission's text, {@code resource.action}
     * @param owner whether the resource's owner is given and is the user
     * @return the decision, or null when it depends on wildcard entries and must be computed by scanning
     */
    public Decision alone(String plainText, boolean owner) {
        Cell c = exact.get(plainText);
        if (c == null) {
            return exactOnly ? noGrant : null;
        }
        return owner ? c.aloneOwner : c.alone;
    }

    /** A consumer of one exact cell. */
    @FunctionalInterface
    public interface ExactCellConsumer {
        /**
         * @param resource the cell's resource (not {@code *})
         * @param action the cell's action (not {@code *})
         * @param cell the cell
         */
        void accept(String resource, String action, Cell cell);
    }

    /**
     * Visits every cell whose resource and action are both literal (not {@code *}).
     *
     * @param consumer the visitor
     */
    public void forEachExact(ExactCellConsumer consumer) {
        byResource.forEach((res, row) -> {
            if (!res.equals(STAR)) {
                row.forEach((act, cell) -> {
                    if (!act.equals(STAR)) {
                        consumer.accept(res, act, cell);
                    }
                });
            }
        });
    }

    /** {@return the shared NO_GRANT decision naming this role} */
    public Decision noGrant() {
        return noGrant;
    }

    /**
     * @param resource a request's resource
     * @return the cells of entries naming exactly that resource, keyed by action (with {@code *}), or null
     */
    public Map<String, Cell> row(String resource) {
        return byResource.get(resource);
    }

    /** {@return the cells of entries whose resource is {@code *}, keyed by action, or null} */
    public Map<String, Cell> starRow() {
        return starResource;
    }
}
