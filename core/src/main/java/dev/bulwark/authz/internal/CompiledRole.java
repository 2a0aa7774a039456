package dev.bulwark.authz.internal;

import dev.bulwark.authz.AuthzReason;
import dev.bulwark.authz.Decision;
import dev.bulwark.authz.Permission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One role compiled for checks: its effective entries indexed resource -> action -> {@link Cell}, with the
 * wildcard {@code *} as an ordinary key. A check probes at most four cells per held role, with no allocation.
 * Immutable after construction; safe to share between threads.
 */
public final class CompiledRole {

    private static final String STAR = Permission.WILDCARD;

    private final String name;
    private final int level;
    private final Map<String, Map<String, Cell>> byResource;
    private final Map<String, Cell> starResource;
    private final Decision noGrant;
    private final boolean hasDenies;
    private final Map<String, Cell> exact;

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
        this.hasDenies = !denies.isEmpty();
        Map<String, Cell> ex = new HashMap<>();
        m.forEach((res, row) -> {
            if (!res.equals(STAR)) {
                row.forEach((act, cell) -> {
                    if (!act.equals(STAR)) {
                        ex.put(res + "." + act, cell);
                    }
                });
            }
        });
        this.exact = ex;
        this.byResource = m;
        this.starResource = m.get(STAR);
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
     * @param plainText a plain request permission's text, {@code resource.action}
     * @return the cell of entries naming exactly that resource and action, or null
     */
    public Cell exact(String plainText) {
        return exact.get(plainText);
    }

    /** {@return whether the role has any effective deny} */
    public boolean hasDenies() {
        return hasDenies;
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
