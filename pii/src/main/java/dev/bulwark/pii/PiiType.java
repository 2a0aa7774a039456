package dev.bulwark.pii;

/**
 * The kinds of personal data and secrets a {@link PiiDetector} finds. The constant names are the stable type
 * names printed by {@code bulwark pii scan} and accepted by {@code --types} (case-insensitive).
 *
 * <p>Every type is validated beyond its shape (checksums, ranges, parsers, structure); the Javadoc of each
 * constant says how.
 */
public enum PiiType {
    /** An e-mail address: RFC 5321 local part (conservative character set, at most 64 chars), a domain of
     * at least two labels and an alphabetic top-level domain; file names such as {@code icon@2x.png} are not
     * e-mails. */
    EMAIL,
    /** A telephone number: E.164 ({@code +} country code, 8 to 15 digits, NANP rules for {@code +1}) or a
     * common national format (NANP {@code (415) 555-2671}, {@code 415-555-2671}; trunk-prefixed
     * {@code 020 7946 0958}); dates, versions, amounts and order numbers are rejected by digit-count and
     * grouping rules. Unformatted digit runs count only next to a context word. */
    PHONE,
    /** A payment card number: 13 to 19 digits, optionally grouped by spaces or dashes, passing the Luhn
     * check and matching an issuer (IIN) range and length. */
    CREDIT_CARD,
    /** A US social security number {@code AAA-GG-SSSS} (or spaced): area not 000, 666 or 9xx, group not
     * 00, serial not 0000, known advertising numbers excluded. Nine bare digits count only next to a
     * context word. */
    US_SSN,
    /** An IPv4 address in dotted-quad form, each octet 0 to 255 without leading zeros; not part of a longer
     * dotted number or a version string such as {@code v10.0.0.1}. */
    IPV4,
    /** An IPv6 address in RFC 4291 / RFC 5952 text form (compressed, full, or with an embedded IPv4),
     * checked by a parser. */
    IPV6,
    /** An IBAN: a registered country code, the country's exact length, and an ISO 7064 mod-97 check. */
    IBAN,
    /** The {@code user:password} part of a URL such as {@code postgres://app:s3cret@db:5432/app}. */
    URL_CREDENTIALS,
    /** A JSON Web Token (JWS or JWE compact form) whose header decodes to a JSON object with {@code alg}. */
    JWT,
    /** A provider API key or shared secret recognised by its prefix and shape: AWS {@code AKIA…}, GitHub
     * {@code ghp_…}/{@code github_pat_…}, Stripe {@code sk_live_…}/{@code rk_live_…}, Slack {@code xox…},
     * Google {@code AIza…}, GitLab {@code glpat-…}, npm, OpenAI/Anthropic, Bulwark {@code ak_live_…} and
     * webhook secrets {@code whsec_…}. */
    API_KEY,
    /** A PEM private key block ({@code -----BEGIN … PRIVATE KEY-----} through its END line, or to the end of
     * the base64 body when the END line is missing). */
    PRIVATE_KEY,
    /** The credential after {@code Bearer } (at least 16 token characters). */
    BEARER_TOKEN;

    /** {@return whether this type is a credential (a secret) rather than personal data} */
    public boolean isSecret() {
        return this == URL_CREDENTIALS || this == JWT || this == API_KEY || this == PRIVATE_KEY
                || this == BEARER_TOKEN;
    }
}
