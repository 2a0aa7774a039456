package dev.bulwark.tokens;

/**
 * The JWS algorithms Bulwark signs and verifies. The algorithm is bound to a {@link SigningKey} when the key
 * is configured; the {@code alg} header of a token is only compared with it, never used to choose one.
 * {@code none}, the 384/512-bit variants and ES256K are deliberately absent.
 */
public enum JwsAlgorithm {
    /** HMAC-SHA256 with a secret of at least 256 bits. */
    HS256("HS256"),
    /** RSASSA-PKCS1-v1_5 with SHA-256, RSA keys of at least 2048 bits. */
    RS256("RS256"),
    /** RSASSA-PSS with SHA-256 and MGF1-SHA256, RSA keys of at least 2048 bits. */
    PS256("PS256"),
    /** ECDSA on P-256 with SHA-256 (signature is R||S, 64 bytes). */
    ES256("ES256"),
    /**
     * Ed25519 (RFC 8037), signed with the header {@code "alg":"EdDSA"}. Verification of an Ed25519 key
     * accepts both {@code EdDSA} and the fully specified {@code Ed25519} of RFC 9864.
     */
    EdDSA("EdDSA"),
    /** Ed25519 signed with the RFC 9864 header {@code "alg":"Ed25519"}; verifies {@code EdDSA} too. */
    Ed25519("Ed25519");

    private final String headerName;

    JwsAlgorithm(String headerName) {
        this.headerName = headerName;
    }

    /** {@return the value of the {@code alg} header this algorithm writes} */
    public String headerName() {
        return headerName;
    }

    /** {@return whether this is an Ed25519 algorithm ({@link #EdDSA} or {@link #Ed25519})} */
    public boolean isEd25519() {
        return this == EdDSA || this == Ed25519;
    }

    /**
     * Whether a token whose header says {@code alg} may be verified with a key bound to this algorithm.
     *
     * @param alg the header value, may be {@code null}
     * @return true only for an exact match (or the two Ed25519 spellings for an Ed25519 key)
     */
    public boolean acceptsHeader(String alg) {
        if (alg == null) {
            return false;
        }
        if (isEd25519()) {
            return "EdDSA".equals(alg) || "Ed25519".equals(alg);
        }
        return headerName.equals(alg);
    }

    /**
     * Parses a name as written in configuration or on a command line ({@code HS256}, {@code EdDSA}, ...).
     *
     * @param name the name, case-sensitive as in JOSE
     * @return the algorithm
     * @throws dev.bulwark.core.ConfigurationException when the algorithm is not supported
     */
    public static JwsAlgorithm of(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.headerName.equals(name)) {
                return a;
            }
        }
        throw new dev.bulwark.core.ConfigurationException(
                "unsupported JWS algorithm '" + name + "': expected HS256, RS256, PS256, ES256, EdDSA or Ed25519");
    }
}
