package dev.bulwark.pii.internal;

/** Checksums, registries and parsers behind the detectors' validation. Stateless. */
public final class Checks {

    private Checks() {
    }

    /**
     * @param d digits
     * @param len how many of {@code d} to use
     * @return whether the Luhn (mod 10) check holds
     */
    public static boolean luhn(char[] d, int len) {
        int sum = 0;
        boolean dbl = false;
        for (int i = len - 1; i >= 0; i--) {
            int v = d[i] - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /**
     * Issuer identification: whether the number's prefix belongs to a card scheme that issues that length.
     *
     * @param d digits (at least 13)
     * @param len how many of {@code d} form the number
     * @return whether prefix and length match a scheme
     */
    public static boolean cardIssuer(char[] d, int len) {
        int p1 = d[0] - '0';
        int p2 = p1 * 10 + d[1] - '0';
        int p3 = p2 * 10 + d[2] - '0';
        int p4 = p3 * 10 + d[3] - '0';
        int p6 = p4 * 100 + (d[4] - '0') * 10 + d[5] - '0';
        if (p1 == 4) {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925) {
            return len >= 16; // Discover
        }
        if (p3 >= 300 && p3 <= 305 || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
            return len >= 14; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16; // JCB
        }
        if (p4 >= 2200 && p4 <= 2204) {
            return len >= 16; // Mir
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
                || p4 >= 6761 && p4 <= 6763) {
            return true; // Maestro, 13..19 here
        }
        if (p2 == 62 || p2 == 81) {
            return len >= 16; // UnionPay
        }
        if (p2 == 60) {
            return len == 16; // RuPay
        }
        return false;
    }

    // SWIFT IBAN registry: country code -> total length
    private static final String IBAN_LENGTHS = "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22"
            + "DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27"
            + "JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28"
            + "PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20YE30";
    private static final byte[] IBAN_LEN = new byte[26 * 26];

    static {
        for (int i = 0; i < IBAN_LENGTHS.length(); i += 4) {
            int idx = (IBAN_LENGTHS.charAt(i) - 'A') * 26 + IBAN_LENGTHS.charAt(i + 1) - 'A';
            IBAN_LEN[idx] = (byte) Integer.parseInt(IBAN_LENGTHS.substring(i + 2, i + 4));
        }
    }

    /**
     * @param a first letter of the country code (A-Z)
     * @param b second letter (A-Z)
     * @return the registered IBAN length of the country, or 0 when it has no IBAN
     */
    public static int ibanLength(char a, char b) {
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return 0;
        }
        return IBAN_LEN[(a - 'A') * 26 + b - 'A'];
    }

    // SWIFT IBAN registry: countries whose BBAN is digits only (format "n" throughout)
    private static final String IBAN_NUMERIC_BBAN = "AEATBABECZDEDKEEESFIFOGLHRHUILISLTMENOPLPTRSSESISKTNXK";
    private static final boolean[] IBAN_NUMERIC = new boolean[26 * 26];

    static {
        for (int i = 0; i < IBAN_NUMERIC_BBAN.length(); i += 2) {
            IBAN_NUMERIC[(IBAN_NUMERIC_BBAN.charAt(i) - 'A') * 26 + IBAN_NUMERIC_BBAN.charAt(i + 1) - 'A'] = true;
        }
    }

    /**
     * @param a first letter of the country code (A-Z)
     * @param b second letter (A-Z)
     * @return whether the registry defines the country's BBAN as digits only (DE, AT, ES, PL, XK, …), so a
     *     letter after the check digits means the text is not an IBAN of that country
     */
    public static boolean ibanBbanNumeric(char a, char b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && IBAN_NUMERIC[(a - 'A') * 26 + b - 'A'];
    }

    /**
     * ISO 7064 MOD 97-10 over an IBAN in compact form (upper-case letters and digits).
     *
     * @param iban the characters
     * @param len how many to use
     * @return whether the check digits are valid (remainder 1, check digits 02..98)
     */
    public static boolean ibanMod97(char[] iban, int len) {
        int check = (iban[2] - '0') * 10 + iban[3] - '0';
        if (check < 2 || check > 98) {
            return false;
        }
        int rem = 0;
        for (int k = 0; k < len; k++) {
            char c = iban[(k + 4) % len];
            if (c >= '0' && c <= '9') {
                rem = (rem * 10 + c - '0') % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + c - 'A' + 10) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }

    /**
     * Strict IPv6 text parser (RFC 4291 section 2.2: eight groups of 1-4 hex digits, one {@code ::} for a
     * run of zero groups, an optional trailing dotted IPv4).
     *
     * @param s the text
     * @param from first index
     * @param to index after the address
     * @return whether {@code s[from, to)} is exactly an IPv6 address
     */
    public static boolean ipv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int p = from;
        if (to - from >= 2 && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
            compressed = true;
            p += 2;
        } else if (p < to && s.charAt(p) == ':') {
            return false;
        }
        while (p < to) {
            int q = p;
            while (q < to && isHex(s.charAt(q)) && q - p < 5) {
                q++;
            }
            if (q < to && s.charAt(q) == '.') {
                if (!ipv4Exact(s, p, to)) {
                    return false;
                }
                groups += 2;
                p = to;
                break;
            }
            int len = q - p;
            if (len == 0 || len > 4) {
                return false;
            }
            groups++;
            p = q;
            if (p == to) {
                break;
            }
            if (s.charAt(p) != ':') {
                return false;
            }
            p++;
            if (p < to && s.charAt(p) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                p++;
            } else if (p == to) {
                return false;
            }
        }
        if (groups == 0 || groups > 8) {
            return false;
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /**
     * @param s text
     * @param from first index
     * @param to index after
     * @return whether {@code s[from, to)} is exactly a dotted-quad IPv4 (octets 0-255, no leading zeros)
     */
    public static boolean ipv4Exact(String s, int from, int to) {
        int p = from;
        for (int octet = 0; octet < 4; octet++) {
            int q = p;
            int v = 0;
            while (q < to && q - p < 4 && s.charAt(q) >= '0' && s.charAt(q) <= '9') {
                v = v * 10 + s.charAt(q) - '0';
                q++;
            }
            int len = q - p;
            if (len == 0 || len > 3 || v > 255 || len > 1 && s.charAt(p) == '0') {
                return false;
            }
            if (octet < 3) {
                if (q >= to || s.charAt(q) != '.') {
                    return false;
                }
                p = q + 1;
            } else {
                p = q;
            }
        }
        return p == to;
    }

    /** @param c a char @return whether it is an ASCII hex digit */
    public static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
