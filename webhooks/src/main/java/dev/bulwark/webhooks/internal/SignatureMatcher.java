package dev.bulwark.webhooks.internal;

import dev.bulwark.core.ConstantTime;
import dev.bulwark.webhooks.WebhookVerificationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        return matchAll(scheme, keys, candidates, Collections.singletonList(signedParts));
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
        List<byte[][]> messages = new ArrayList<>(alternatives.size());
        for (byte[] a : alternatives) {
            messages.add(new byte[][] {a});
        }
        return matchAll(scheme, keys, candidates, messages);
    }

    private static byte[] matchAll(String scheme, List<HmacKey> keys, List<byte[]> candidates,
            List<byte[][]> messages) {
        byte[] hit = null;
        for (byte[][] message : messages) {
            for (HmacKey key : keys) {
                byte[] expected = key.compute(message);
                if (hit == null) {
                    hit = firstMatch(expected, candidates);
                }
            }
        }
        if (hit == null) {
            throw Schemes.noMatch(scheme, candidates.size(), keys.size());
        }
        return hit;
    }

    /**
     * @return the expected MAC when it equals one of {@code candidates}, or {@code null}
     */
    private static byte[] firstMatch(byte[] expected, List<byte[]> candidates) {
        byte[] hit = null;
        for (byte[] c : candidates) {
            if (c != null && ConstantTime.equals(expected, c)) {
                hit = expected;
            }
        }
        return hit;
    }
}
