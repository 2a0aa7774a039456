package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hashes with the current scheme; verifies with whichever configured scheme recognises the stored hash;
 * on a successful verification of a hash that {@linkplain PasswordHasher#needsRehash needs a rehash}
 * (legacy scheme or weaker parameters), returns a new hash from the current scheme in
 * {@link VerifiedPassword#upgradedHash()} for the caller to store (upgrade on login). Built by
 * {@link PasswordHasher#delegating}. Immutable and thread-safe.
 */
public final class DelegatingPasswordHasher implements PasswordHasher {

    private final PasswordHasher current;
    private final List<PasswordHasher> all;

    DelegatingPasswordHasher(PasswordHasher current, List<PasswordHasher> legacy) {
        this.current = ConfigurationException.requireSet(current, "current hasher");
        List<PasswordHasher> l = new ArrayList<>();
        l.add(current);
        for (PasswordHasher h : legacy) {
            l.add(ConfigurationException.requireSet(h, "legacy hasher"));
        }
        this.all = List.copyOf(l);
    }

    @Override
    public String hash(Secret password) {
        return current.hash(password);
    }

    @Override
    public VerifiedPassword verify(Secret password, String storedHash) {
        PasswordHasher h = find(storedHash);
        h.verify(password, storedHash);
        boolean rehash = h != current || current.needsRehash(storedHash);
        return new VerifiedPassword(rehash, rehash ? Optional.of(current.hash(password)) : Optional.empty());
    }

    @Override
    public void verifyDummy(Secret password) {
        current.verifyDummy(password);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return !current.supports(storedHash) || current.needsRehash(storedHash);
    }

    @Override
    public boolean supports(String storedHash) {
        return all.stream().anyMatch(h -> h.supports(storedHash));
    }

    private PasswordHasher find(String storedHash) {
        for (PasswordHasher h : all) {
            if (h.supports(storedHash)) {
                return h;
            }
        }
        throw new CryptoException(CryptoReason.MALFORMED_HASH, "no configured scheme recognises the stored hash");
    }

    @Override
    public String toString() {
        return "DelegatingPasswordHasher" + all;
    }
}
