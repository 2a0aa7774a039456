package dev.bulwark.crypto.internal;

import dev.bulwark.crypto.Argon2Params;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.CryptoReason;
import java.util.Base64;

/**
 * Strict parser and writer of Argon2id PHC strings: {@code $argon2id$v=19$m=M,t=T,p=P$SALT$HASH}, salt and
 * hash in standard base64 without padding. Nothing else (no keyid/data fields, no other version).
 */
public final class Phc {

    /** Longest string accepted. */
    public static final int MAX_LENGTH = 512;
    /** Accepted salt lengths. */
    public static final int MIN_SALT = 8;
    /** Accepted salt lengths. */
    public static final int MAX_SALT = 64;
    /** Accepted hash lengths. */
    public static final int MIN_HASH = 16;
    /** Accepted hash lengths. */
    public static final int MAX_HASH = 64;
    private static final String PREFIX = "$argon2id$v=19$";

    private Phc() {
    }

    /** A parsed Argon2id hash. */
    public record Argon2Hash(Argon2Params params, byte[] salt, byte[] hash) {
    }

    /** @return whether {@code s} starts like an Argon2id PHC string */
    public static boolean isArgon2id(String s) {
        return s != null && s.startsWith("$argon2id$");
    }

    /** Writes the PHC string. */
    public static String format(Argon2Params p, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "m=" + p.memoryKib() + ",t=" + p.iterations() + ",p=" + p.parallelism() + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Parses strictly.
     *
     * @throws CryptoException with {@link CryptoReason#MALFORMED_HASH}
     */
    public static Argon2Hash parse(String s) {
        if (s == null || s.length() > MAX_LENGTH || !s.startsWith(PREFIX)) {
            throw bad("not an Argon2id v=19 PHC string");
        }
        String[] parts = s.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw bad("an Argon2id PHC string has parameters, salt and hash");
        }
        String[] kv = parts[0].split(",", -1);
        if (kv.length != 3 || !kv[0].startsWith("m=") || !kv[1].startsWith("t=") || !kv[2].startsWith("p=")) {
            throw bad("Argon2id parameters must be m=...,t=...,p=...");
        }
        int m = number(kv[0].substring(2));
        int t = number(kv[1].substring(2));
        int p = number(kv[2].substring(2));
        Argon2Params params;
        try {
            params = new Argon2Params(m, t, p);
        } catch (RuntimeException e) {
            throw bad("Argon2id parameters out of the accepted range");
        }
        byte[] salt = b64(parts[1]);
        byte[] hash = b64(parts[2]);
        if (salt.length < MIN_SALT || salt.length > MAX_SALT || hash.length < MIN_HASH || hash.length > MAX_HASH) {
            throw bad("Argon2id salt or hash length out of range");
        }
        return new Argon2Hash(params, salt, hash);
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) {
            throw bad("Argon2id parameter is not a canonical decimal number");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw bad("Argon2id parameter is not a canonical decimal number");
            }
        }
        return Integer.parseInt(s);
    }

    private static byte[] b64(String s) {
        if (s.isEmpty() || s.indexOf('=') >= 0) {
            throw bad("Argon2id salt and hash are unpadded base64");
        }
        try {
            byte[] b = Base64.getDecoder().decode(s);
            if (!Base64.getEncoder().withoutPadding().encodeToString(b).equals(s)) {
                throw bad("Argon2id salt or hash is not canonical base64");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw bad("Argon2id salt or hash is not valid base64");
        }
    }

    private static CryptoException bad(String message) {
        return new CryptoException(CryptoReason.MALFORMED_HASH, message);
    }
}
