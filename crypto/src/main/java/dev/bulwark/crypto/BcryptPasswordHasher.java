package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.RandomTokens;
import dev.bulwark.core.Secret;
import dev.bulwark.crypto.internal.Passwords;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt through Bouncy Castle's {@code OpenBSDBCrypt}, for compatibility with existing user tables:
 * hashes as {@code $2b$<cost>$<22 salt chars><31 hash chars>}, verifies {@code $2a$}, {@code $2b$} and
 * {@code $2y$} hashes from other implementations (OpenBSD, Spring Security, PHP, ...).
 *
 * <p>Cost: default 12, at least 10 for new hashes; stored hashes with cost 4 to {@value #MAX_VERIFY_COST}
 * verify (lower ones report {@link #needsRehash}). <strong>Passwords over 72 UTF-8 bytes are refused</strong>
 * ({@link CryptoReason#PASSWORD_TOO_LONG}) rather than silently truncated, for hashing and verifying.
 * Comparison is constant-time (Bouncy Castle's {@code checkPassword} compares every character). Immutable
 * and thread-safe.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    /** bcrypt's input limit in bytes. */
    public static final int MAX_BCRYPT_BYTES = 72;
    /** Highest cost accepted from a stored hash (bounds the work a crafted hash can demand). */
    public static final int MAX_VERIFY_COST = 20;
    private static final Pattern FORMAT = Pattern.compile("\\$2([aby])\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final int cost;
    private volatile String dummy;

    private BcryptPasswordHasher(int cost) {
        this.cost = cost;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public String hash(Secret password) {
        byte[] pw = Passwords.bytes(password, MAX_BCRYPT_BYTES);
        try {
            return OpenBSDBCrypt.generate("2b", pw, RandomTokens.bytes(16), cost);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    @Override
    public VerifiedPassword verify(Secret password, String storedHash) {
        int storedCost = parseCost(storedHash);
        if (storedCost < 4 || storedCost > MAX_VERIFY_COST) {
            throw new CryptoException(CryptoReason.MALFORMED_HASH,
                    "bcrypt cost must be between 4 and " + MAX_VERIFY_COST + ", was " + storedCost);
        }
        byte[] pw = Passwords.bytes(password, MAX_BCRYPT_BYTES);
        try {
            boolean ok;
            try {
                ok = OpenBSDBCrypt.checkPassword(storedHash, pw);
            } catch (IllegalArgumentException e) {
                throw new CryptoException(CryptoReason.MALFORMED_HASH, "not a valid bcrypt hash");
            }
            if (!ok) {
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
            d = OpenBSDBCrypt.generate("2b", RandomTokens.bytes(32), RandomTokens.bytes(16), cost);
            dummy = d;
        }
        if (password.length() <= MAX_BCRYPT_BYTES) {
            verify(password, d);
        } else {
            verify(Secret.ofBytes(Arrays.copyOf(password.bytes(), MAX_BCRYPT_BYTES)), d);
        }
        throw new PasswordMismatchException();
    }

    @Override
    public boolean needsRehash(String storedHash) {
        try {
            return parseCost(storedHash) < cost;
        } catch (CryptoException e) {
            return true;
        }
    }

    @Override
    public boolean supports(String storedHash) {
        return storedHash != null && FORMAT.matcher(storedHash).matches();
    }

    private static int parseCost(String storedHash) {
        if (storedHash == null) {
            throw new CryptoException(CryptoReason.MALFORMED_HASH, "not a bcrypt hash");
        }
        Matcher m = FORMAT.matcher(storedHash);
        if (!m.matches()) {
            throw new CryptoException(CryptoReason.MALFORMED_HASH, "not a $2a$/$2b$/$2y$ bcrypt hash");
        }
        return Integer.parseInt(m.group(2));
    }

    @Override
    public String toString() {
        return "BcryptPasswordHasher[cost=" + cost + "]";
    }

    /** Configures a {@link BcryptPasswordHasher}. Not thread-safe. */
    public static final class Builder {
        private int cost = 12;

        private Builder() {
        }

        /** @param cost log2 rounds for new hashes, 10..{@value #MAX_VERIFY_COST} (default 12) @return this */
        public Builder cost(int cost) {
            this.cost = cost;
            return this;
        }

        /**
         * @return the hasher
         * @throws ConfigurationException when the cost is out of range
         */
        public BcryptPasswordHasher build() {
            ConfigurationException.check(cost >= 10 && cost <= MAX_VERIFY_COST,
                    "bcrypt cost must be between 10 and " + MAX_VERIFY_COST + ", was " + cost);
            return new BcryptPasswordHasher(cost);
        }
    }
}
