package dev.bulwark.tokens.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;

/**
 * Ed25519 for Nimbus through the JDK's own {@code Ed25519} provider (JDK 15+), so that core needs no Tink
 * dependency (Nimbus' {@code Ed25519Signer} requires Tink). Thread-safe: a {@link Signature} per call.
 */
public final class Ed25519Jdk {

    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final Set<JWSAlgorithm> ALGS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private Ed25519Jdk() {
    }

    /** @param key an Ed25519 public key @return its raw 32 bytes (the JWK {@code x}) */
    public static byte[] rawPublic(PublicKey key) {
        byte[] enc = key.getEncoded();
        return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
    }

    /**
     * @param x raw 32-byte public key
     * @return the JDK public key
     * @throws GeneralSecurityException when it is not a valid key encoding
     */
    public static PublicKey publicFromRaw(byte[] x) throws GeneralSecurityException {
        if (x.length != 32) {
            throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(x, 0, spki, SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** A Nimbus signer over a JDK Ed25519 private key. */
    public static final class Signer implements JWSSigner {
        private final PrivateKey key;
        private final JCAContext jca = new JCAContext();

        /** @param key the Ed25519 private key */
        public Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(signingInput);
                return Base64URL.encode(s.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return ALGS;
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }

    /** A Nimbus verifier over a JDK Ed25519 public key. */
    public static final class Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext jca = new JCAContext();

        /** @param key the Ed25519 public key */
        public Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            byte[] sig = signature.decode();
            if (sig.length != 64) {
                return false;
            }
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(signingInput);
                return s.verify(sig);
            } catch (java.security.SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 verification failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return ALGS;
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
