package dev.bulwark.tokens;

import java.util.Arrays;

/**
 * A compact JWS whose signature verified with a key of the ring, under the algorithm bound to that key.
 * Only {@link SigningKeys} creates instances. Claims are <em>not</em> checked at this level: use
 * {@link AccessTokens} for tokens.
 *
 * @param kid the id of the key that verified it
 * @param algorithm the key's algorithm
 * @param type the {@code typ} header, or {@code null}
 * @param payload the verified payload bytes (a copy)
 */
public record VerifiedJws(String kid, JwsAlgorithm algorithm, String type, byte[] payload) {

    /** Copies the payload. */
    public VerifiedJws {
        payload = payload.clone();
    }

    /** {@return a copy of the payload} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedJws && ((VerifiedJws) o).kid.equals(kid) && ((VerifiedJws) o).algorithm == algorithm
                && java.util.Objects.equals(((VerifiedJws) o).type, type) && Arrays.equals(((VerifiedJws) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return kid.hashCode() * 31 + Arrays.hashCode(payload);
    }

    /** {@return kid, algorithm, type and payload length only} */
    @Override
    public String toString() {
        return "VerifiedJws[kid=" + kid + ", alg=" + algorithm.headerName() + ", typ=" + type + ", payload="
                + payload.length + " bytes]";
    }
}
