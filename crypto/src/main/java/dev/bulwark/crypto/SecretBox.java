package dev.bulwark.crypto;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Seals stored credentials (third-party OAuth access and refresh tokens, API keys of services the host
 * calls) at rest: an {@link EnvelopeEncryptor} over a <em>dedicated</em> key ring, with the context
 * {@code purpose=<purpose>, owner=<owner id>} so a sealed token cannot be replayed under another purpose or
 * for another user. The result is a base64url string for a text column.
 *
 * <pre>{@code
 * SecretBox box = SecretBox.of(EnvelopeEncryptor.builder()
 *     .kekProvider(KekProviders.environment("OAUTH_TOKENS_KEYRING")).clock(clock).build());
 * String column = box.seal(Secret.ofUtf8(githubAccessToken), "oauth:github:access", userId);
 * Secret token  = box.open(column, "oauth:github:access", userId);
 * }</pre>
 *
 * <p>Use a key ring separate from the one sealing user data, so each can be rotated and access-controlled
 * on its own. Errors are those of {@link EnvelopeEncryptor#decrypt}, plus {@link CryptoReason#MALFORMED_CIPHERTEXT}
 * for a string that is not base64url. Thread-safe.
 */
public final class SecretBox {

    private final EnvelopeEncryptor encryptor;

    private SecretBox(EnvelopeEncryptor encryptor) {
        this.encryptor = encryptor;
    }

    /**
     * @param encryptor an encryptor over the credentials' own key ring
     * @return the box
     */
    public static SecretBox of(EnvelopeEncryptor encryptor) {
        return new SecretBox(ConfigurationException.requireSet(encryptor, "encryptor"));
    }

    /**
     * @param secret the credential
     * @param purpose what it is, e.g. {@code "oauth:github:refresh"}
     * @param owner whose it is (user or org id)
     * @return base64url (no padding) of the sealed bytes
     */
    public String seal(Secret secret, String purpose, String owner) {
        Objects.requireNonNull(secret, "secret");
        byte[] b = secret.bytes();
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(encryptor.encrypt(b, context(purpose, owner)));
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * @param sealed what {@link #seal} returned
     * @param purpose the same purpose
     * @param owner the same owner
     * @return the credential
     * @throws DecryptionException when it does not open (tampered, other purpose or owner, unknown key)
     */
    public Secret open(String sealed, String purpose, String owner) {
        Objects.requireNonNull(sealed, "sealed");
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException(CryptoReason.MALFORMED_CIPHERTEXT, "decryption failed: not base64url");
        }
        byte[] plain = encryptor.decrypt(raw, context(purpose, owner));
        try {
            return Secret.ofBytes(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static EncryptionContext context(String purpose, String owner) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(owner, "owner");
        return EncryptionContext.of("purpose", purpose, "owner", owner);
    }
}
