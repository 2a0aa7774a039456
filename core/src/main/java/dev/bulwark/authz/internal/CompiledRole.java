package dev.bulwark.authz.internal;

import dev.bulwark.authz.AuthzReason;
import dev.bulwark.authz.Decision;
import dev.bulwark.authz.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One role compiled for checks: its effective entries indexed resource -> action -> {@link Cell}, with the
 * wildcard {@code *} as an ordinary key. Its exact cells (literal resource and action) also hold the role's whole
 * decision for that request when it is the user's only role, filled in by the policy, and are indexed by the
 * policy's dense request ids ({@link #exactCell(int)}): a check of a single held role is then one hash lookup
 * (the role's) and a few int comparisons; otherwise it probes at most four cells per held role. No allocation
 * on either path. Immutable once the owning policy is constructed (its final fields publish this state);
 * safe to share between threads.
 */
public final class CompiledRole {

    private static final String STAR = Permission.WILDCARD;

    private final String name;
    private final int level;
    private final Map<String, Map<String, Cell>> byResource;
    private final Map<String, Cell> starResource;
    private final Decision noGrant;
    private final boolean exactOnly;
    private static final int FIBONACCI = 0x9E3779B9;
    private int[] exactIds = {-1, -1};
    private Cell[] exactCells = new Cell[2];
    private int exactShift = 31;

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
     * Whether no entry of this role has a wildcard segment: then a request no entry names exactly is decided
     * {@link #noGrant()} when this is the user's only role.
     *
     * @return true when every entry is literal
     */
    public boolean exactOnly() {
        return exactOnly;
    }

    /** Gives each exact cell its request's id (and may fill in the cell's pre-computed decisions). */
    @FunctionalInterface
    public interface ExactCellIndexer {
        /**
         * @param resource the cell's resource (not {@code *})
         * @param action the cell's action (not {@code *})
         * @param cell the cell
         * @return the dense, non-negative id of the request text {@code resource.action} in the policy
         */
        int idOf(String resource, String action, Cell cell);
    }

    /**
     * Indexes every cell whose resource and action are both literal (not {@code *}) by the id the indexer
     * gives, for {@link #exactCell(int)}. Called once, by the policy under construction.
     *
     * @param indexer the id source
     */
    public void indexExact(ExactCellIndexer indexer) {
        List<Integer> ids = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        byResource.forEach((res, row) -> {
            if (!res.equals(STAR)) {
                row.forEach((act, cell) -> {
                    if (!act.equals(STAR)) {
                        ids.add(indexer.idOf(res, act, cell));
                        cells.add(cell);
                    }
                });
            }
        });
        int bits = 1;
        while ((1 << bits) < 2 * ids.size()) {
            bits++;
        }
        int[] keys = new int[1 << bits];
        Arrays.fill(keys, -1);
        Cell[] vals = new Cell[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < ids.size(); j++) {
            int i = (ids.get(j) * FIBONACCI) >>> (32 - bits);
            while (keys[i] != -1) {
                i = (i + 1) & mask;
            }
            keys[i] = ids.get(j);
            vals[i] = cells.get(j);
        }
        this.exactIds = keys;
        this.exactCells = vals;
        this.exactShift = 32 - bits;
    }

    /**
     * The exact cell of a request (open addressing on the policy's dense request ids, load at most one half:
     * a few int comparisons, no string hashing or comparison).
     *
     * @param id the request's id in the policy, or -1 when no role names it exactly
     * @return the role's cell for that request, or null
     */
    public Cell exactCell(int id) {
        if (id < 0) {
            return null;
        }
        int[] keys = exactIds;
        int mask = keys.length - 1;
        for (int i = (id * FIBONACCI) >>> exactShift;; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                return exactCells[i];
            }
            if (k == -1) {
                return null;
            }
        }
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
