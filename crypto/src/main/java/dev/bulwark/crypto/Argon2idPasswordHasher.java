package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.ConstantTime;
import dev.bulwark.core.ProductionGuard;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.internal.Passwords;
import dev.bulwark.crypto.internal.Phc;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through Bouncy Castle's {@code Argon2BytesGenerator}, encoded as a PHC string:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash in unpadded standard base64).
 *
 * <p>Defaults: {@link Argon2Params#OWASP_DEFAULT} (m = 19 MiB, t = 2, p = 1), 16-byte random salt, 32-byte
 * hash. Optional pepper: a server-side secret passed as Argon2's secret input K, so a stolen hash table
 * cannot be attacked without it (hashes made with a pepper verify only with it). Verification reads the
 * parameters from the stored string (bounded by {@link Argon2Params}' maxima), recomputes, and compares in
 * constant time; {@link #needsRehash} is true when the stored parameters, salt or hash length differ from
 * the configuration.
 *
 * <p>Parameters below OWASP's floor are refused at {@link Builder#build()} in production (through
 * {@link ProductionGuard}) and logged as a warning elsewhere. Immutable and thread-safe.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    private final Argon2Params params;
    private final int saltBytes;
    private final int hashBytes;
    private final Secret pepper;
    private volatile String dummy;

    private Argon2idPasswordHasher(Builder b) {
        this.params = b.params;
        this.saltBytes = b.saltBytes;
        this.hashBytes = b.hashBytes;
        this.pepper = b.pepper;
    }

    static Builder builder() {
        return new Builder();
    }

    /** {@return the configured parameters} */
    public Argon2Params params() {
        return params;
    }

    @Override
    public String hash(Secret password) {
        byte[] pw = Passwords.bytes(password, MAX_PASSWORD_BYTES);
        try {
            byte[] salt = RandomTokens.bytes(saltBytes);
            return Phc.format(params, salt, compute(pw, salt, params, hashBytes));
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    @Override
    public VerifiedPassword verify(Secret password, String storedHash) {
        Phc.Argon2Hash h = Phc.parse(storedHash);
        byte[] pw = Passwords.bytes(password, MAX_PASSWORD_BYTES);
        try {
            byte[] actual = compute(pw, h.salt(), h.params(), h.hash().length);
            if (!ConstantTime.equals(h.hash(), actual)) {
                throw new PasswordMismatchException();
            }
            return new VerifiedPassword(needsRehash(storedHash), Optional.empty());
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    @Override
    public void verifyDummy(Secret password) {
        String d = dummy;
        if (d == null) {
            d = hash(Secret.ofBytes(RandomTokens.bytes(32)));
            dummy = d;
        }
        verify(password, d);
        throw new PasswordMismatchException();
    }

    @Override
    public boolean needsRehash(String storedHash) {
        try {
            Phc.Argon2Hash h = Phc.parse(storedHash);
            return !h.params().equals(params) || h.salt().length < saltBytes || h.hash().length != hashBytes;
        } catch (CryptoException e) {
            return true;
        }
    }

    @Override
    public boolean supports(String storedHash) {
        return Phc.isArgon2id(storedHash);
    }

    private byte[] compute(byte[] pw, byte[] salt, Argon2Params p, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt);
        byte[] k = null;
        if (pepper != null) {
            k = pepper.bytes();
            b.withSecret(k);
        }
        try {
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(b.build());
            byte[] out = new byte[length];
            gen.generateBytes(pw, out);
            return out;
        } finally {
            if (k != null) {
                Arrays.fill(k, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "Argon2idPasswordHasher[" + params + (pepper != null ? ", pepper=***" : "") + "]";
    }

    /** Configures an {@link Argon2idPasswordHasher}. Not thread-safe. */
    public static final class Builder {
        private Argon2Params params = Argon2Params.OWASP_DEFAULT;
        private int saltBytes = 16;
        private int hashBytes = 32;
        private Secret pepper;
        private String environment;

        private Builder() {
        }

        /** @param params cost parameters (default {@link Argon2Params#OWASP_DEFAULT}) @return this */
        public Builder params(Argon2Params params) {
            this.params = params;
            return this;
        }

        /** @param saltBytes salt length, 16..64 (default 16) @return this */
        public Builder saltBytes(int saltBytes) {
            this.saltBytes = saltBytes;
            return this;
        }

        /** @param hashBytes hash length, 16..64 (default 32) @return this */
        public Builder hashBytes(int hashBytes) {
            this.hashBytes = hashBytes;
            return this;
        }

        /** @param pepper an optional server-side secret (Argon2's K input), at least 16 bytes @return this */
        public Builder pepper(Secret pepper) {
            this.pepper = pepper;
            return this;
        }

        /**
         * @param environment the deployment environment (e.g. {@code System.getenv("APP_ENV")}); in production
         *     parameters below OWASP's floor are refused
         * @return this
         */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /**
         * @return the hasher
         * @throws ConfigurationException for out-of-range lengths, a short pepper, or (in production) parameters
         *     below OWASP's floor
         */
        public Argon2idPasswordHasher build() {
            ConfigurationException.requireSet(params, "argon2 params");
            ConfigurationException.check(saltBytes >= 16 && saltBytes <= Phc.MAX_SALT,
                    "argon2 salt must be 16 to 64 bytes, was " + saltBytes);
            ConfigurationException.check(hashBytes >= Phc.MIN_HASH && hashBytes <= Phc.MAX_HASH,
                    "argon2 hash must be 16 to 64 bytes, was " + hashBytes);
            ConfigurationException.check(pepper == null || pepper.length() >= 16,
                    "argon2 pepper must be at least 16 bytes");
            ProductionGuard.forEnvironment(environment)
                    .require("argon2id parameters", params.meetsOwaspFloor(),
                            "must meet OWASP's floor (m=19456 KiB with t=2, or m=47104 KiB with t=1, ...), was "
                                    + params)
                    .check();
            return new Argon2idPasswordHasher(this);
        }
    }
}
