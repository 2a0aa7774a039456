package dev.bulwark.webhooks.internal;

/**
 * What a scheme verified.
 *
 * @param eventId the delivery or event id the request carries, or {@code null}
 * @param eventIdSigned whether {@code eventId} is covered by the signature
 * @param epochSecond the signed timestamp in seconds, or {@link Long#MIN_VALUE} when the scheme signs none
 * @param matchedMac the MAC that matched (used as a replay key when there is no signed id)
 */
public record SchemeResult(String eventId, boolean eventIdSigned, long epochSecond, byte[] matchedMac) {

    /** No signed timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
}
