package dev.bulwark.crypto.spi;

import dev.bulwark.crypto.KeyRing;

/**
 * Supplies the current {@link KeyRing} to an {@link dev.bulwark.crypto.EnvelopeEncryptor}. Shipped:
 * {@link dev.bulwark.crypto.KekProviders#localFile local key-ring file}, {@link
 * dev.bulwark.crypto.KekProviders#environment environment variable}, {@link dev.bulwark.crypto.KekProviders#fixed
 * a fixed ring} and {@link dev.bulwark.crypto.KekProviders#rotatable a ring swapped at run time}. A remote KMS
 * plugs in as a {@link dev.bulwark.crypto.Kek#remote remote KEK}, whose wrapping {@link dev.bulwark.crypto.Aead}
 * calls the KMS.
 *
 * <p>Contract: {@link #keyRing()} is called on every encrypt, decrypt and rewrap, so it must be cheap (return
 * a cached ring) and thread-safe; it never returns {@code null}.
 */
@FunctionalInterface
public interface KekProvider {

    /**
     * The ring to use now.
     *
     * @return the current key ring, never {@code null}
     */
    KeyRing keyRing();
}
