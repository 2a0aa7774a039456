package dev.bulwark.authz;

import java.util.Objects;

/**
 * Who asks, and in which org (the request's current org, see {@link OrgContextResolver}).
 *
 * @param userId the user id, never null
 * @param orgId the current org id, never null
 */
public record Subject(String userId, String orgId) {

    /** @throws NullPointerException when a field is null */
    public Subject {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
    }

    /**
     * @param userId the user id
     * @param orgId the current org id
     * @return the subject
     */
    public static Subject of(String userId, String orgId) {
        return new Subject(userId, orgId);
    }
}
