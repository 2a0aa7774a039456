package dev.bulwark.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises strings that look like credentials, so that audit events and log helpers can refuse them.
 * Shapes are deliberately specific (known prefixes, JWT and PEM structure, credential-ish key names) so that
 * ordinary identifiers such as {@code evt_1NG8Du2eZvKYlo2C} or UUIDs pass.
 */
public final class SecretShapes {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern PREFIXED = Pattern.compile(
            "(?:whsec_[A-Za-z0-9+/=]{8,}|ak_(?:live|test)_[0-9a-fA-F]{16,}|[sr]k_(?:live|test)_[A-Za-z0-9]{8,}"
            + "|gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{8,}|A(?:KIA|SIA)[A-Z0-9]{16})");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private static final String[] SECRET_KEY_WORDS = {
        "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "authorization",
        "cookie", "private_key", "privatekey", "signature", "credential", "pepper", "otp_code", "totp_code",
        "recovery_code"
    };

    private SecretShapes() {
    }

    /**
     * @param value any string, may be null
     * @return whether the value has the shape of a credential
     */
    public static boolean looksLikeSecret(String value) {
        if (value == null || value.length() < 8) {
            return false;
        }
        return value.contains("PRIVATE KEY-----")
                || JWT.matcher(value).find()
                || PREFIXED.matcher(value).find()
                || BEARER.matcher(value).find();
    }

    /**
     * @param key an attribute name
     * @return whether the name says its value is a credential ({@code password}, {@code api_key}, ...)
     */
    public static boolean isSecretKeyName(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : SECRET_KEY_WORDS) {
            if (k.contains(w)) {
                // "token_type", "token_id" and "*_hash" or "*_prefix" describe, they do not carry, a secret
                return !(k.endsWith("_type") || k.endsWith("_id") || k.endsWith("_hash")
                        || k.endsWith("_prefix") || k.endsWith("_kind") || k.endsWith("_count"));
            }
        }
        return false;
    }
}
