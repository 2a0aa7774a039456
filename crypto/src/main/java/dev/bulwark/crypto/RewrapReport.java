package dev.bulwark.crypto;

import java.util.List;
import java.util.Map;

/**
 * Progress or outcome of {@link EnvelopeEncryptor#rewrapAll}.
 *
 * @param processed records read so far
 * @param rewrapped records re-wrapped under the primary KEK
 * @param alreadyCurrent records already wrapped under the primary (passed through unchanged)
 * @param failed records that could not be unwrapped (left out of the output)
 * @param failures the first {@value EnvelopeEncryptor#MAX_REPORTED_FAILURES} failures: record id to reason
 *     code, in order
 */
public record RewrapReport(long processed, long rewrapped, long alreadyCurrent, long failed,
        List<Map.Entry<String, CryptoReason>> failures) {

    /** Copies the failure list. */
    public RewrapReport {
        failures = List.copyOf(failures);
    }
}
