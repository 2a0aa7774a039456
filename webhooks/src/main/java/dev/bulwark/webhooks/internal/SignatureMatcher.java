package dev.bulwark.webhooks.internal;

import dev.bulwark.core.ConstantTime;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.util.List;
import javax.crypto.Mac;

/**
 * The part every HMAC scheme shares once it has decoded the candidate signatures and laid out the signed
 * content: compute the MAC of that content with every configured key (all of them, even after a match, so
 * that the work does not depend on which key matched), compare each MAC with every candidate in constant
 * time ({@link ConstantTime#equals}) until one matches, and fail with {@code NO_MATCHING_SIGNATURE} when none
 * does. The schemes keep only what is specific to their provider: headers, payload layout, encoding.
 */
final class SignatureMatcher {

    private SignatureMatcher() {
    }

    /**
     * Checks one signed content against every key.
     *
     * @param scheme the scheme's name, for the message
     * @param keys the keys, current first
     * @param candidates the decoded signatures from the request ({@code null} entries, undecodable ones, never
     *     match)
     * @param signedParts the signed content, in parts that are MACed as their concatenation
     * @return the MAC that matched a candidate
     * @throws WebhookVerificationException {@code NO_MATCHING_SIGNATURE} when no key gives a candidate
     */
    static byte[] match(String scheme, List<HmacKey> keys, List<byte[]> candidates, byte[]... signedParts) {
        byte[] hit = null;
        for (HmacKey key : keys) {
            Mac m = key.mac();
            for (byte[] p : signedParts) {
                m.update(p);
            }
            hit = check(key, m, candidates, hit);
        }
        return hitOrThrow(hit, scheme, candidates, keys);
    }

    /**
     * Checks {@code head || body} against every key; the head is MACed from its per-thread buffer, so the
     * signed content is never concatenated into a new array.
     *
     * @param scheme the scheme's name, for the message
     * @param keys the keys, current first
     * @param candidates the decoded signatures from the request ({@code null} entries never match)
     * @param head the signed content before the body, from {@link SignedHead#begin()}
     * @param body the raw body
     * @return the MAC that matched a candidate (a copy the caller owns)
     * @throws WebhookVerificationException {@code NO_MATCHING_SIGNATURE} when no key gives a candidate
     */
    static byte[] match(String scheme, List<HmacKey> keys, List<byte[]> candidates, SignedHead head, byte[] body) {
        byte[] hit = null;
        for (HmacKey key : keys) {
            Mac m = key.mac();
            head.update(m);
            m.update(body);
            hit = check(key, m, candidates, hit);
        }
        return hitOrThrow(hit, scheme, candidates, keys);
    }

    /**
     * Checks several alternative signed contents (e.g. URL variants) against every key; every alternative is
     * MACed with every key.
     *
     * @param scheme the scheme's name, for the message
     * @param keys the keys, current first
     * @param candidates the decoded signatures from the request ({@code null} entries never match)
     * @param alternatives the signed contents to try, in order
     * @return the MAC that matched a candidate
     * @throws WebhookVerificationException {@code NO_MATCHING_SIGNATURE} when no alternative and key give a
     *     candidate
     */
    static byte[] matchAny(String scheme, List<HmacKey> keys, List<byte[]> candidates, List<byte[]> alternatives) {
        byte[] hit = null;
        for (byte[] a : alternatives) {
            for (HmacKey key : keys) {
                Mac m = key.mac();
                m.update(a);
                hit = check(key, m, candidates, hit);
            }
        }
        return hitOrThrow(hit, scheme, candidates, keys);
    }

    /**
     * Finishes {@code m} and, unless an earlier key or alternative already matched, compares the MAC with
     * every candidate in constant time.
     *
     * @return {@code hit} when not {@code null}, else a copy of the MAC when it matched, else {@code null}
     */
    private static byte[] check(HmacKey key, Mac m, List<byte[]> candidates, byte[] hit) {
        byte[] expected = key.doFinalShared(m);
        if (hit != null) {
            return hit;
        }
        // the shared buffer is overwritten by this thread's next MAC with this key: keep a copy of a match
        return matchesAny(expected, candidates) ? expected.clone() : null;
    }

    private static byte[] hitOrThrow(byte[] hit, String scheme, List<byte[]> candidates, List<HmacKey> keys) {
        if (hit == null) {
            throw Schemes.noMatch(scheme, candidates.size(), keys.size());
        }
        return hit;
    }

    /**
     * @return whether {@code expected} equals one of {@code candidates}; every candidate is compared, in
     *     constant time
     */
    private static boolean matchesAny(byte[] expected, List<byte[]> candidates) {
        boolean hit = false;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            byte[] c = candidates.get(i);
            if (c != null && ConstantTime.equals(expected, c)) {
                hit = true;
            }
        }
        return hit;
    }
}
