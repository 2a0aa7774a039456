package dev.bulwark.authz;

/**
 * Facts about the resource a request acts on: the org it belongs to and its owner, both optional. A resource
 * whose org differs from the subject's org is always denied ({@link AuthzReason#ORG_MISMATCH}); the owner
 * decides whether {@code :own} entries apply.
 *
 * @param orgId the resource's org, or null when not known / not org-scoped
 * @param ownerId the resource's owner (a user id), or null
 */
public record Resource(String orgId, String ownerId) {

    /** A resource with neither org nor owner (same as passing {@code null}). */
    public static final Resource NONE = new Resource(null, null);

    /**
     * @param orgId the org
     * @param ownerId the owner
     * @return the resource facts
     */
    public static Resource of(String orgId, String ownerId) {
        return new Resource(orgId, ownerId);
    }

    /** @param orgId the org @return a resource of that org, owner unknown */
    public static Resource inOrg(String orgId) {
        return new Resource(orgId, null);
    }

    /** @param ownerId the owner @return a resource owned by that user, org not given */
    public static Resource ownedBy(String ownerId) {
        return new Resource(null, ownerId);
    }
}
