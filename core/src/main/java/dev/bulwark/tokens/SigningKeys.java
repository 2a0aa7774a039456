package dev.bulwark.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.tokens.internal.Hashes;
import dev.bulwark.tokens.internal.Hs256Verifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key ring for JWS: one primary key that signs, and older keys that still verify, each found by its
 * {@code kid}. Rotation without downtime: publish the new key in the JWKS, make it primary with
 * {@link #rotateTo(SigningKey)} (the old primary stays for verification), drop the old key with
 * {@link #without(String)} once its tokens have expired.
 *
 * <p>Verification ({@link #verify(String)}) trusts nothing in the header: the key is looked up by
 * {@code kid} in the pre-loaded ring (never fetched from {@code jku}/{@code x5u} or taken from an embedded
 * {@code jwk}/{@code x5c}: such headers are rejected with {@link TokenReason#HEADER_NOT_ALLOWED}), and the
 * header's {@code alg} must equal the algorithm bound to that key. Each segment must be strict base64url.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SigningKeys {

    /** Tokens longer than this are rejected as {@link TokenReason#MALFORMED} before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final SigningKey primary;
    private final Map<String, SigningKey> keys;
    private final SigningKey onlyKey;
    /** Parsed headers of verified tokens by their exact encoding (a pure function of the string; bounded). */
    private final java.util.concurrent.ConcurrentHashMap<String, JWSHeader> headerCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int HEADER_CACHE_SIZE = 64;
    /**
     * The header of the last verified token, checked by a region compare before the map (no substring). Set
     * only after a signature verified, like {@link #headerCache}.
     */
    private volatile CachedHeader lastHeader;

    private SigningKeys(SigningKey primary, Map<String, SigningKey> keys) {
        this.primary = primary;
        this.keys = Collections.unmodifiableMap(keys);
        this.onlyKey = keys.size() == 1 ? keys.values().iterator().next() : null;
    }

    /**
     * A ring with one primary signing key.
     *
     * @param primary the key that signs (must be able to sign)
     * @param verifyOnly older keys that still verify
     * @return the ring
     * @throws ConfigurationException when kids repeat or the primary cannot sign
     */
    public static SigningKeys of(SigningKey primary, SigningKey... verifyOnly) {
        ConfigurationException.requireSet(primary, "primary key");
        ConfigurationException.check(primary.canSign(), "primary key " + primary.kid() + " cannot sign");
        Map<String, SigningKey> m = new LinkedHashMap<>();
        m.put(primary.kid(), primary);
        for (SigningKey k : verifyOnly) {
            ConfigurationException.requireSet(k, "verification key");
            ConfigurationException.check(m.putIfAbsent(k.kid(), k) == null, "duplicate kid " + k.kid());
        }
        return new SigningKeys(primary, m);
    }

    /**
     * A verify-only ring (a resource server holding the issuer's public keys). {@link #primary()} is
     * {@code null} and signing throws.
     *
     * @param keys the verification keys, at least one
     * @return the ring
     */
    public static SigningKeys verifyOnly(SigningKey... keys) {
        ConfigurationException.check(keys.length > 0, "a verify-only key ring needs at least one key");
        Map<String, SigningKey> m = new LinkedHashMap<>();
        for (SigningKey k : keys) {
            ConfigurationException.requireSet(k, "verification key");
            ConfigurationException.check(k.canVerify(), "key " + k.kid() + " cannot verify");
            ConfigurationException.check(m.putIfAbsent(k.kid(), k) == null, "duplicate kid " + k.kid());
        }
        return new SigningKeys(null, m);
    }

    /**
     * A new ring where {@code next} signs and every current key still verifies.
     *
     * @param next the new primary
     * @return the new ring (this one is unchanged)
     */
    public SigningKeys rotateTo(SigningKey next) {
        List<SigningKey> rest = new ArrayList<>(keys.values());
        return of(next, rest.toArray(new SigningKey[0]));
    }

    /**
     * A new ring without the key {@code kid} (which must not be the primary).
     *
     * @param kid the key to drop
     * @return the new ring
     */
    public SigningKeys without(String kid) {
        ConfigurationException.check(primary == null || !primary.kid().equals(kid), "cannot drop the primary key " + kid);
        Map<String, SigningKey> m = new LinkedHashMap<>(keys);
        m.remove(kid);
        ConfigurationException.check(!m.isEmpty(), "a key ring needs at least one key");
        return new SigningKeys(primary, m);
    }

    /** {@return the signing key, or {@code null} for a verify-only ring} */
    public SigningKey primary() {
        return primary;
    }

    /** {@return every key by kid, in insertion order} */
    public Map<String, SigningKey> keys() {
        return keys;
    }

    /**
     * The JWKS document of the public keys (RFC 7517), for {@code /.well-known/jwks.json}. HMAC and sign-only
     * keys are not included; private parts never are.
     *
     * @return the JSON text {@code {"keys":[...]}}
     */
    public String jwksJson() {
        List<JWK> list = new ArrayList<>();
        for (SigningKey k : keys.values()) {
            JWK j = k.publicJwk();
            if (j != null) {
                list.add(j);
            }
        }
        return new JWKSet(list).toString(true);
    }

    /**
     * Signs {@code payload} with the primary key as a compact JWS with headers {@code alg}, {@code kid} and,
     * when given, {@code typ}.
     *
     * @param payload the payload bytes
     * @param type the {@code typ} header, or {@code null}
     * @return the compact serialization
     * @throws ConfigurationException when the ring has no signing key
     */
    public String sign(byte[] payload, String type) {
        ConfigurationException.check(primary != null, "this key ring is verify-only");
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.parse(primary.algorithm().headerName()))
                .keyID(primary.kid());
        if (type != null) {
            h.type(new JOSEObjectType(type));
        }
        JWSObject jws = new JWSObject(h.build(), new Payload(payload));
        try {
            jws.sign(primary.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with kid " + primary.kid() + " failed", e);
        }
        return jws.serialize();
    }

    /**
     * Verifies a compact JWS: strict base64url segments, no untrusted header, a known {@code kid}, the
     * {@code alg} bound to that key, a valid signature. Does not look at the payload.
     *
     * @param compact the compact serialization
     * @return the verified JWS
     * @throws TokenException with {@code MALFORMED}, {@code HEADER_NOT_ALLOWED}, {@code INVALID_KID},
     *     {@code UNKNOWN_KID}, {@code ALG_NOT_ALLOWED} or {@code BAD_SIGNATURE}
     */
    public VerifiedJws verify(String compact) {
        Checked checked = checkSigned(compact);
        JWSHeader header = checked.header;
        JOSEObjectType t = header.getType();
        SigningKey key = keyFor(header.getKeyID());
        return new VerifiedJws(key.kid(), key.algorithm(), t == null ? null : t.getType(), checked.payload);
    }

    /** A compact JWS whose signature verified: its header and its decoded payload. */
    static final class Checked {
        final JWSHeader header;
        /** The decoded payload; owned by the caller. */
        final byte[] payload;

        Checked(JWSHeader header, byte[] payload) {
            this.header = header;
            this.payload = payload;
        }
    }

    Checked checkSigned(String compact) {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_TOKEN_LENGTH) {
            throw new TokenException(TokenReason.MALFORMED, "token is empty or longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int d1 = compact.indexOf('.');
        int d2 = d1 < 0 ? -1 : compact.indexOf('.', d1 + 1);
        if (d1 <= 0 || d2 < 0 || compact.indexOf('.', d2 + 1) >= 0) {
            throw new TokenException(TokenReason.MALFORMED, "token is not a compact JWS of three segments");
        }
        // One byte per character; a character outside ISO-8859-1 becomes '?' (a surrogate pair one '?', hence the
        // length check), which no check below accepts.
        byte[] bytes = compact.getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = null;
        if (bytes.length == compact.length() && Hashes.isBase64Url(bytes, 0, d1)
                && Hashes.isBase64Url(bytes, d2 + 1, bytes.length) && d2 + 1 != bytes.length) {
            try {
                // The strict decoder is the payload's check: one pass instead of a check and a decode.
                payload = Hashes.decodeBase64Url(bytes, d1 + 1, d2);
            } catch (IllegalArgumentException notBase64Url) {
                payload = null;
            }
        }
        if (payload == null) {
            throw new TokenException(TokenReason.MALFORMED, "token segments must be non-empty unpadded base64url");
        }
        CachedHeader last = lastHeader;
        String encodedHeader;
        JWSHeader header;
        boolean cached;
        if (last != null && last.encoded.length() == d1 && compact.startsWith(last.encoded)) {
            encodedHeader = last.encoded;
            header = last.header;
            cached = true;
        } else {
            encodedHeader = compact.substring(0, d1);
            header = headerCache.get(encodedHeader);
            cached = header != null;
            if (!cached) {
                header = parseHeader(encodedHeader);
            }
        }
        String untrusted = untrustedParam(header);
        if (untrusted != null) {
            throw new TokenException(TokenReason.HEADER_NOT_ALLOWED,
                    "header parameter '" + untrusted + "' is never trusted; keys come from the configured key ring");
        }
        SigningKey key = keyFor(header.getKeyID());
        if (!key.algorithm().acceptsHeader(header.getAlgorithm().getName())) {
            throw new TokenException(TokenReason.ALG_NOT_ALLOWED, "alg '" + safe(header.getAlgorithm().getName())
                    + "' is not the algorithm " + key.algorithm().headerName() + " bound to kid " + key.kid());
        }
        if (!key.canVerify()) {
            throw new TokenException(TokenReason.UNKNOWN_KID, "kid " + key.kid() + " is sign-only");
        }
        boolean ok;
        try {
            Hs256Verifier hs = key.hs256();
            if (hs != null) {
                // HS256: the JDK Mac over the exact signing input as received, constant-time tag comparison.
                ok = hs.verify(bytes, d2, Hashes.decodeBase64Url(bytes, d2 + 1, bytes.length));
            } else {
                // Nimbus' own verifier, over the exact signing input as received (never re-serialized).
                ok = key.verifier().verify(header, java.util.Arrays.copyOf(bytes, d2),
                        new Base64URL(compact.substring(d2 + 1)));
            }
        } catch (JOSEException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new TokenException(TokenReason.BAD_SIGNATURE, "signature does not verify with kid " + key.kid());
        }
        if (!cached) {
            // Only headers of tokens whose signature verified are cached: an attacker without a key cannot fill it.
            if (headerCache.size() < HEADER_CACHE_SIZE) {
                headerCache.putIfAbsent(encodedHeader, header);
            }
            lastHeader = new CachedHeader(encodedHeader, header);
        } else if (last == null || last.header != header) {
            lastHeader = new CachedHeader(encodedHeader, header);
        }
        return new Checked(header, payload);
    }

    /** A verified token's encoded header and its parse. */
    private static final class CachedHeader {
        final String encoded;
        final JWSHeader header;

        CachedHeader(String encoded, JWSHeader header) {
            this.encoded = encoded;
            this.header = header;
        }
    }

    private static JWSHeader parseHeader(String encodedHeader) {
        try {
            String json = new String(java.util.Base64.getUrlDecoder().decode(encodedHeader),
                    java.nio.charset.StandardCharsets.UTF_8);
            return JWSHeader.parse(JSONObjectUtils.parse(json), new Base64URL(encodedHeader));
        } catch (ParseException | RuntimeException e) {
            throw classifyParseFailure(encodedHeader);
        }
    }

    @SuppressWarnings("deprecation") // x5t is deprecated by Nimbus; we still refuse it
    private static String untrustedParam(JWSHeader h) {
        if (h.getJWK() != null) {
            return "jwk";
        }
        if (h.getJWKURL() != null) {
            return "jku";
        }
        if (h.getX509CertURL() != null) {
            return "x5u";
        }
        if (h.getX509CertChain() != null) {
            return "x5c";
        }
        if (h.getX509CertThumbprint() != null) {
            return "x5t";
        }
        if (h.getX509CertSHA256Thumbprint() != null) {
            return "x5t#S256";
        }
        if (h.getCriticalParams() != null) {
            return "crit";
        }
        if (!h.isBase64URLEncodePayload()) {
            return "b64";
        }
        for (String p : h.getCustomParams().keySet()) {
            if (SigningKey.untrustedHeaders().contains(p)) {
                return p;
            }
        }
        return null;
    }

    private SigningKey keyFor(String kid) {
        if (kid == null) {
            if (onlyKey != null) {
                return onlyKey;
            }
            throw new TokenException(TokenReason.UNKNOWN_KID, "token has no kid and the key ring holds several keys");
        }
        if (!SigningKey.isValidKid(kid)) {
            throw new TokenException(TokenReason.INVALID_KID, "kid must be 1 to 64 characters of [A-Za-z0-9._-]");
        }
        SigningKey key = keys.get(kid);
        if (key == null) {
            throw new TokenException(TokenReason.UNKNOWN_KID, "kid " + kid + " is not in the key ring");
        }
        return key;
    }

    private static TokenException classifyParseFailure(String encodedHeader) {
        try {
            Map<String, Object> h = JSONObjectUtils.parse(new Base64URL(encodedHeader).decodeToString());
            Object alg = h.get("alg");
            if (alg instanceof String && "none".equalsIgnoreCase((String) alg)) {
                return new TokenException(TokenReason.ALG_NOT_ALLOWED, "alg '" + safe((String) alg) + "' is not allowed");
            }
        } catch (ParseException | RuntimeException ignored) {
            // fall through: not even a JSON header
        }
        return new TokenException(TokenReason.MALFORMED, "token header or payload does not parse");
    }

    private static String safe(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 16 ? s.substring(0, 16) + "..." : s;
        return t.replaceAll("[^A-Za-z0-9._+-]", "?");
    }

    /** {@return the kids and which is primary; never key material} */
    @Override
    public String toString() {
        return "SigningKeys[primary=" + (primary == null ? null : primary.kid()) + ", kids=" + keys.keySet() + "]";
    }
}
