package dev.bulwark.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.internal.Ed25519Jdk;
import dev.bulwark.tokens.internal.Hs256Verifier;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One typed JWS key with its id and the one algorithm it may be used with.
 *
 * <p>Keys are typed: a {@link #hmac(String, Secret) secret key} can only be HS256, an RSA key only RS256 or
 * PS256, a P-256 key only ES256, an Ed25519 key only EdDSA/Ed25519. The pairing is checked here, at
 * configuration time, so that a public RSA key can never be used as an HMAC secret (the classic algorithm
 * confusion). HMAC secrets shorter than 256 bits, RSA keys under 2048 bits and EC keys off P-256 are refused.
 *
 * <p>The {@code kid} is an opaque identifier: at most 64 characters of {@code [A-Za-z0-9._-]}.
 *
 * <p>A key may be sign-and-verify (a private key with its public key, or an HMAC secret), verify-only (a
 * public key) or sign-only (a private key whose public half was not given; it cannot verify nor appear in
 * a JWKS). {@link #toString()} shows the kid and algorithm only. Instances are immutable and thread-safe.
 */
public final class SigningKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final String kid;
    private final JwsAlgorithm algorithm;
    private final PublicKey publicKey;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    /** The JDK fast path for HS256 verification (same secret as {@link #verifier}); {@code null} otherwise. */
    private final Hs256Verifier hs256;

    private SigningKey(String kid, JwsAlgorithm algorithm, PublicKey publicKey, JWSSigner signer,
            JWSVerifier verifier, Hs256Verifier hs256) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.signer = signer;
        this.verifier = verifier;
        this.hs256 = hs256;
    }

    /**
     * An HS256 key.
     *
     * @param kid the key id
     * @param secret at least 32 bytes (256 bits)
     * @return the key (sign and verify)
     * @throws ConfigurationException when the kid is invalid or the secret shorter than 256 bits
     */
    public static SigningKey hmac(String kid, Secret secret) {
        checkKid(kid);
        ConfigurationException.requireSet(secret, "HMAC secret");
        ConfigurationException.check(secret.length() >= 32,
                "HS256 secret must be at least 256 bits (32 bytes), was " + secret.length() * 8 + " bits");
        // Nimbus keeps a reference to the array it is given: each gets its own copy, never zeroed here.
        try {
            return new SigningKey(kid, JwsAlgorithm.HS256, null, new MACSigner(secret.bytes()),
                    new MACVerifier(secret.bytes()), new Hs256Verifier(secret.bytes()));
        } catch (JOSEException e) {
            throw new ConfigurationException(dev.bulwark.core.CoreReason.INVALID_CONFIGURATION,
                    "HS256 secret rejected for kid " + kid, e);
        }
    }

    /**
     * An asymmetric key for {@code algorithm}; either half may be {@code null} but not both.
     *
     * @param kid the key id
     * @param algorithm RS256, PS256, ES256, EdDSA or Ed25519 (not HS256: use {@link #hmac})
     * @param privateKey the private key, or {@code null} for a verify-only key
     * @param publicKey the public key, or {@code null} for a sign-only key
     * @return the key
     * @throws ConfigurationException when the key type does not fit the algorithm, or is too weak
     */
    public static SigningKey of(String kid, JwsAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        checkKid(kid);
        ConfigurationException.requireSet(algorithm, "algorithm");
        ConfigurationException.check(privateKey != null || publicKey != null,
                "a private or a public key must be given for kid " + kid);
        ConfigurationException.check(algorithm != JwsAlgorithm.HS256,
                "HS256 takes a secret (SigningKey.hmac), never a public/private key: kid " + kid);
        JWSSigner signer = null;
        JWSVerifier verifier = null;
        try {
            switch (algorithm) {
                case RS256:
                case PS256:
                    if (publicKey == null && privateKey instanceof RSAPrivateCrtKey) {
                        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
                        publicKey = KeyFactory.getInstance("RSA").generatePublic(
                                new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                    }
                    if (privateKey != null) {
                        requireType(privateKey instanceof RSAPrivateKey, algorithm, kid);
                        requireRsaSize(((RSAPrivateKey) privateKey).getModulus(), kid);
                        signer = new RSASSASigner(privateKey);
                    }
                    if (publicKey != null) {
                        requireType(publicKey instanceof RSAPublicKey, algorithm, kid);
                        requireRsaSize(((RSAPublicKey) publicKey).getModulus(), kid);
                        verifier = new RSASSAVerifier((RSAPublicKey) publicKey);
                    }
                    break;
                case ES256:
                    if (privateKey != null) {
                        requireType(privateKey instanceof ECPrivateKey, algorithm, kid);
                        requireP256(Curve.forECParameterSpec(((ECPrivateKey) privateKey).getParams()), kid);
                        signer = new ECDSASigner((ECPrivateKey) privateKey);
                    }
                    if (publicKey != null) {
                        requireType(publicKey instanceof ECPublicKey, algorithm, kid);
                        requireP256(Curve.forECParameterSpec(((ECPublicKey) publicKey).getParams()), kid);
                        verifier = new ECDSAVerifier((ECPublicKey) publicKey);
                    }
                    break;
                case EdDSA:
                case Ed25519:
                    if (privateKey != null) {
                        requireType(isEd25519(privateKey), algorithm, kid);
                        signer = new Ed25519Jdk.Signer(privateKey);
                    }
                    if (publicKey != null) {
                        requireType(isEd25519(publicKey), algorithm, kid);
                        verifier = new Ed25519Jdk.Verifier(publicKey);
                    }
                    break;
                default:
                    throw new ConfigurationException("unsupported algorithm " + algorithm);
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new ConfigurationException(dev.bulwark.core.CoreReason.INVALID_CONFIGURATION,
                    "key for kid " + kid + " rejected for " + algorithm.headerName(), e);
        }
        return new SigningKey(kid, algorithm, publicKey, signer, verifier, null);
    }

    /**
     * @param kid the key id
     * @param algorithm the algorithm bound to the key
     * @param keyPair the private and public key
     * @return the key (sign and verify)
     */
    public static SigningKey of(String kid, JwsAlgorithm algorithm, KeyPair keyPair) {
        return of(kid, algorithm, keyPair.getPrivate(), keyPair.getPublic());
    }

    /**
     * A verify-only key.
     *
     * @param kid the key id
     * @param algorithm the algorithm bound to the key
     * @param publicKey the public key
     * @return the key
     */
    public static SigningKey verifyOnly(String kid, JwsAlgorithm algorithm, PublicKey publicKey) {
        return of(kid, algorithm, null, ConfigurationException.requireSet(publicKey, "public key"));
    }

    /** Modulus size of the RSA keys {@link #generate} makes. */
    static final int GENERATED_RSA_BITS = 3072;

    /**
     * Generates a fresh key (development, tests, the CLI): 256-bit HMAC secret, RSA 3072 (128-bit security, as
     * OWASP ASVS 5.0 V11.2.3 asks; imported RSA keys of 2048 bits and more are still accepted), P-256 or Ed25519.
     *
     * @param kid the key id
     * @param algorithm the algorithm
     * @return a new sign-and-verify key
     */
    public static SigningKey generate(String kid, JwsAlgorithm algorithm) {
        try {
            switch (algorithm) {
                case HS256:
                    return hmac(kid, Secret.ofBytes(dev.bulwark.core.RandomTokens.bytes(32)));
                case RS256:
                case PS256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(GENERATED_RSA_BITS, dev.bulwark.core.RandomTokens.secureRandom());
                    return of(kid, algorithm, g.generateKeyPair());
                }
                case ES256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), dev.bulwark.core.RandomTokens.secureRandom());
                    return of(kid, algorithm, g.generateKeyPair());
                }
                default:
                    return of(kid, algorithm, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(dev.bulwark.core.CoreReason.INVALID_CONFIGURATION,
                    "cannot generate a key for " + algorithm, e);
        }
    }

    /**
     * Reads a key from PEM text: {@code PRIVATE KEY} (PKCS#8) and/or {@code PUBLIC KEY} (X.509 SPKI) blocks,
     * in any order. For HS256 the text is the secret itself, base64 (standard or URL-safe).
     *
     * @param kid the key id
     * @param algorithm the algorithm bound to the key
     * @param text PEM blocks, or base64 for HS256
     * @return the key
     * @throws ConfigurationException when nothing usable is found or the key does not fit the algorithm
     */
    public static SigningKey fromPem(String kid, JwsAlgorithm algorithm, String text) {
        ConfigurationException.requireSet(text, "key text");
        if (algorithm == JwsAlgorithm.HS256) {
            ConfigurationException.check(!text.contains("-----BEGIN"),
                    "HS256 takes a base64 secret, not a PEM key (refusing algorithm confusion)");
            try {
                return hmac(kid, Secret.ofBase64(text.strip()));
            } catch (dev.bulwark.core.InvalidInputException e) {
                throw new ConfigurationException("HS256 key file is not base64");
            }
        }
        String family = algorithm == JwsAlgorithm.ES256 ? "EC" : algorithm.isEd25519() ? "Ed25519" : "RSA";
        PrivateKey priv = null;
        PublicKey pub = null;
        Matcher m = PEM.matcher(text);
        try {
            KeyFactory kf = KeyFactory.getInstance(family);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                if ("PRIVATE KEY".equals(m.group(1))) {
                    priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der));
                } else if ("PUBLIC KEY".equals(m.group(1))) {
                    pub = kf.generatePublic(new X509EncodedKeySpec(der));
                } else {
                    throw new ConfigurationException("unsupported PEM block '" + m.group(1)
                            + "': use PKCS#8 'PRIVATE KEY' or SPKI 'PUBLIC KEY'");
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException(dev.bulwark.core.CoreReason.INVALID_CONFIGURATION,
                    "PEM key does not parse as a " + family + " key for " + algorithm.headerName(), e);
        }
        ConfigurationException.check(priv != null || pub != null, "no PEM PRIVATE KEY or PUBLIC KEY block found");
        return of(kid, algorithm, priv, pub);
    }

    /** {@return the key id} */
    public String kid() {
        return kid;
    }

    /** {@return the one algorithm this key is used with} */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** {@return whether this key can sign} */
    public boolean canSign() {
        return signer != null;
    }

    /** {@return whether this key can verify} */
    public boolean canVerify() {
        return verifier != null;
    }

    /** {@return the public JWK (no private part), or {@code null} for HMAC and sign-only keys} */
    String publicJwkJson() {
        JWK jwk = publicJwk();
        return jwk == null ? null : jwk.toJSONString();
    }

    JWK publicJwk() {
        if (publicKey == null) {
            return null;
        }
        com.nimbusds.jose.JWSAlgorithm alg = com.nimbusds.jose.JWSAlgorithm.parse(algorithm.headerName());
        if (publicKey instanceof RSAPublicKey) {
            return new RSAKey.Builder((RSAPublicKey) publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
        }
        if (publicKey instanceof ECPublicKey) {
            return new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg).build();
        }
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Ed25519Jdk.rawPublic(publicKey)))
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
    }

    JWSSigner signer() {
        return signer;
    }

    JWSVerifier verifier() {
        return verifier;
    }

    /** {@return the JDK HS256 verifier of an HMAC key, or {@code null} for any other key} */
    Hs256Verifier hs256() {
        return hs256;
    }

    /**
     * Checks a key id against the rules ({@code [A-Za-z0-9._-]}, 1 to 64 characters).
     *
     * @param kid the id
     * @return whether it is valid
     */
    public static boolean isValidKid(String kid) {
        if (kid == null || kid.isEmpty() || kid.length() > 64) {
            return false;
        }
        for (int i = 0; i < kid.length(); i++) {
            char c = kid.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void checkKid(String kid) {
        ConfigurationException.check(isValidKid(kid),
                "kid must be 1 to 64 characters of [A-Za-z0-9._-]");
    }

    private static void requireType(boolean ok, JwsAlgorithm alg, String kid) {
        ConfigurationException.check(ok, "key for kid " + kid + " is not of the type " + alg.headerName() + " requires");
    }

    private static boolean isEd25519(java.security.Key key) {
        java.security.spec.NamedParameterSpec p = null;
        if (key instanceof java.security.interfaces.EdECPrivateKey) {
            p = ((java.security.interfaces.EdECPrivateKey) key).getParams();
        } else if (key instanceof java.security.interfaces.EdECPublicKey) {
            p = ((java.security.interfaces.EdECPublicKey) key).getParams();
        }
        return p != null && "Ed25519".equalsIgnoreCase(p.getName());
    }

    private static void requireRsaSize(BigInteger modulus, String kid) {
        ConfigurationException.check(modulus.bitLength() >= 2048,
                "RSA key for kid " + kid + " must be at least 2048 bits, was " + modulus.bitLength());
    }

    private static void requireP256(Curve curve, String kid) {
        ConfigurationException.check(Curve.P_256.equals(curve), "ES256 key for kid " + kid + " must be on P-256");
    }

    /** {@return {@code SigningKey[kid=..., alg=...]}; never key material} */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm.headerName()
                + (signer != null ? ", sign" : "") + (verifier != null ? ", verify" : "") + "]";
    }

    static Set<String> untrustedHeaders() {
        return UNTRUSTED;
    }

    private static final Set<String> UNTRUSTED = Collections.unmodifiableSet(new java.util.HashSet<>(
            java.util.List.of("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "crit", "b64", "zip", "enc")));
}
