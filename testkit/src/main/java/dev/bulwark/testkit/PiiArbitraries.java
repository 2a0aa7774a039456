package dev.bulwark.testkit;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for valid personal data, for property tests of a host's masking, logging and storage:
 * every value generated is valid by the rules a real validator applies (checksums, issuer ranges, number
 * plans), not merely shaped like one. All values are synthetic.
 *
 * <pre>{@code
 * @Property
 * void logsNeverContainCardNumbers(@ForAll("cards") String card) { ... }
 *
 * @Provide
 * Arbitrary<String> cards() {
 *     return PiiArbitraries.creditCards();
 * }
 * }</pre>
 *
 * <p>{@link #inText(Arbitrary)} embeds values in random surrounding prose and remembers where, for checking
 * that a detector or masker finds exactly the value. The class is stateless and thread-safe.
 */
public final class PiiArbitraries {

    private PiiArbitraries() {
    }

    /** A value embedded in surrounding text: {@code text.substring(start, end).equals(value)}. */
    public record Embedded(String text, int start, int end, String value) {
        /**
         * @throws IllegalArgumentException when the offsets do not locate the value in the text
         */
        public Embedded {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(value, "value");
            if (start < 0 || end > text.length() || !text.substring(start, end).equals(value)) {
                throw new IllegalArgumentException("offsets do not locate the value");
            }
        }
    }

    // ------------------------------------------------------------ cards

    /** A card scheme with its issuer prefixes (IIN ranges) and the lengths it issues. */
    private record Issuer(int from, int to, int prefixDigits, List<Integer> lengths) {
    }

    private static final List<Issuer> ISSUERS = List.of(
            new Issuer(4, 4, 1, List.of(13, 16, 19)), // Visa
            new Issuer(51, 55, 2, List.of(16)), // Mastercard
            new Issuer(2221, 2720, 4, List.of(16)), // Mastercard 2-series
            new Issuer(34, 34, 2, List.of(15)), // American Express
            new Issuer(37, 37, 2, List.of(15)), // American Express
            new Issuer(6011, 6011, 4, List.of(16, 19)), // Discover
            new Issuer(644, 649, 3, List.of(16, 19)), // Discover
            new Issuer(65, 65, 2, List.of(16, 19)), // Discover
            new Issuer(3528, 3589, 4, List.of(16, 19)), // JCB
            new Issuer(36, 36, 2, List.of(14)), // Diners Club International
            new Issuer(300, 305, 3, List.of(14))); // Diners Club Carte Blanche

    /**
     * Payment card numbers, digits only: a real issuer prefix (Visa, Mastercard incl. 2-series, American
     * Express, Discover, JCB, Diners Club) with a length that issuer uses, random digits and a Luhn check digit.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> creditCards() {
        return Arbitraries.of(ISSUERS).flatMap(issuer -> Combinators.combine(
                Arbitraries.integers().between(issuer.from(), issuer.to()),
                Arbitraries.of(issuer.lengths()),
                Arbitraries.strings().numeric().ofLength(18))
                .as((prefix, length, filler) -> {
                    String p = String.format("%0" + issuer.prefixDigits() + "d", prefix);
                    String body = p + filler.substring(0, length - 1 - p.length());
                    return body + luhnCheckDigit(body);
                }));
    }

    /**
     * Payment card numbers as people write them: digits only, or in groups separated by spaces or dashes
     * (4-6-5 for 15-digit American Express, groups of four otherwise).
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> creditCardsFormatted() {
        return Combinators.combine(creditCards(), Arbitraries.of("", " ", "-")).as(PiiArbitraries::groupCard);
    }

    private static String groupCard(String n, String sep) {
        if (sep.isEmpty()) {
            return n;
        }
        if (n.length() == 15) {
            return n.substring(0, 4) + sep + n.substring(4, 10) + sep + n.substring(10);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(sep);
            }
            sb.append(n.charAt(i));
        }
        return sb.toString();
    }

    /**
     * The Luhn check digit for a number without its check digit.
     *
     * @param partial the digits before the check digit
     * @return the check digit, 0 to 9
     * @throws IllegalArgumentException when {@code partial} contains a non-digit
     */
    public static int luhnCheckDigit(CharSequence partial) {
        int sum = 0;
        boolean dbl = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int v = partial.charAt(i) - '0';
            if (v < 0 || v > 9) {
                throw new IllegalArgumentException("not a digit at index " + i);
            }
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    // ------------------------------------------------------------ SSN

    /**
     * US social security numbers {@code AAA-GG-SSSS}: area 001 to 899 except 666, group 01 to 99, serial 0001
     * to 9999; the advertised numbers (078-05-1120, 219-09-9999, 123-45-6789) and all-same-digit numbers are
     * excluded.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> usSsns() {
        return Combinators.combine(Arbitraries.integers().between(1, 899).filter(a -> a != 666),
                Arbitraries.integers().between(1, 99), Arbitraries.integers().between(1, 9999))
                .as((a, g, s) -> String.format("%03d-%02d-%04d", a, g, s))
                .filter(PiiArbitraries::notReservedSsn);
    }

    private static boolean notReservedSsn(String ssn) {
        if (ssn.equals("078-05-1120") || ssn.equals("219-09-9999") || ssn.equals("123-45-6789")) {
            return false;
        }
        return ssn.replace("-", "").chars().distinct().count() > 1;
    }

    // ------------------------------------------------------------ IBAN

    /** A country's BBAN layout: n = digits, a = upper-case letters, c = alphanumerics. */
    private record IbanFormat(String country, String layout) {
    }

    private static final List<IbanFormat> IBAN_FORMATS = List.of(
            new IbanFormat("DE", "18n"), new IbanFormat("GB", "4a14n"), new IbanFormat("FR", "10n11c2n"),
            new IbanFormat("NL", "4a10n"), new IbanFormat("ES", "20n"), new IbanFormat("IT", "1a10n12c"),
            new IbanFormat("BE", "12n"), new IbanFormat("CH", "5n12c"), new IbanFormat("AT", "16n"),
            new IbanFormat("PL", "24n"), new IbanFormat("SE", "20n"), new IbanFormat("IE", "4a14n"));

    /**
     * IBANs of twelve countries (DE, GB, FR, NL, ES, IT, BE, CH, AT, PL, SE, IE) in electronic form (no
     * spaces): the country's BBAN layout and length, and ISO 7064 mod-97-10 check digits.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> ibans() {
        return Arbitraries.of(IBAN_FORMATS).flatMap(f -> bban(f.layout()).map(bban -> {
            int check = 98 - mod97(bban + f.country() + "00");
            return f.country() + String.format("%02d", check) + bban;
        }));
    }

    /**
     * IBANs as {@link #ibans()}, either electronic or in the printed form (groups of four separated by
     * spaces).
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> ibansFormatted() {
        return Combinators.combine(ibans(), Arbitraries.of(false, true)).as((iban, grouped) -> {
            if (!grouped) {
                return iban;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < iban.length(); i++) {
                if (i > 0 && i % 4 == 0) {
                    sb.append(' ');
                }
                sb.append(iban.charAt(i));
            }
            return sb.toString();
        });
    }

    private static Arbitrary<String> bban(String layout) {
        Arbitrary<String> out = Arbitraries.just("");
        int i = 0;
        while (i < layout.length()) {
            int j = i;
            while (Character.isDigit(layout.charAt(j))) {
                j++;
            }
            int count = Integer.parseInt(layout.substring(i, j));
            char kind = layout.charAt(j);
            Arbitrary<String> part;
            if (kind == 'n') {
                part = Arbitraries.strings().numeric().ofLength(count);
            } else if (kind == 'a') {
                part = Arbitraries.strings().withCharRange('A', 'Z').ofLength(count);
            } else {
                part = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(count);
            }
            Arbitrary<String> prev = out;
            out = Combinators.combine(prev, part).as(String::concat);
            i = j + 1;
        }
        return out;
    }

    /**
     * ISO 7064 mod 97-10 of an alphanumeric string (letters count as 10 to 35).
     *
     * @param s upper-case letters and digits
     * @return the remainder, 0 to 96
     */
    static int mod97(String s) {
        StringBuilder digits = new StringBuilder();
        for (char c : s.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : Integer.toString(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    // ------------------------------------------------------------ e-mail

    /**
     * E-mail addresses: a local part of letters, digits and single dots, hyphens, underscores or a
     * {@code +tag} (never a leading, trailing or doubled dot, at most 64 characters), at a domain of two or
     * three labels with an alphabetic top-level domain.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> emails() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> alpha = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> local = Combinators.combine(alpha, Arbitraries.of("", ".", "_", "-", "+"), word)
                .as((a, sep, b) -> sep.isEmpty() ? a : a + sep + b);
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(2).ofMaxLength(12).filter(l -> Character.isLetter(l.charAt(0)));
        Arbitrary<String> domain = Combinators.combine(label, Arbitraries.of("", "mail.", "eu."),
                Arbitraries.of("com", "org", "net", "io", "de", "co.uk", "example", "dev"))
                .as((l, sub, tld) -> sub + l + "." + tld);
        return Combinators.combine(local, domain, Arbitraries.of(false, true))
                .as((l, d, upper) -> (upper ? Character.toUpperCase(l.charAt(0)) + l.substring(1) : l) + "@" + d);
    }

    // ------------------------------------------------------------ phones

    /**
     * NANP numbers (US, Canada, ...) as people write them, e.g. {@code (415) 555-2671}, {@code 415-555-2671},
     * {@code +1 415 555 2671}, {@code +1-415-555-2671}; the area code and the exchange start with a digit from
     * 2 to 9 and are never service codes such as 411 or 911.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> nanpPhones() {
        return Combinators.combine(nxx(), nxx(), Arbitraries.strings().numeric().ofLength(4),
                Arbitraries.integers().between(0, 3)).as((area, exch, line, style) -> {
                    switch (style) {
                        case 0:
                            return "(" + area + ") " + exch + "-" + line;
                        case 1:
                            return area + "-" + exch + "-" + line;
                        case 2:
                            return "+1 " + area + " " + exch + " " + line;
                        default:
                            return "+1-" + area + "-" + exch + "-" + line;
                    }
                });
    }

    private static Arbitrary<String> nxx() {
        return Combinators.combine(Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(2))
                .as((n, xx) -> n + xx).filter(s -> !s.endsWith("11"));
    }

    /** A country's E.164 plan: code and a national significant number pattern. */
    private record Plan(String code, String leading, int rest) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("44", "7", 9), new Plan("44", "20", 8), new Plan("49", "30", 8), new Plan("49", "15", 9),
            new Plan("33", "6", 8), new Plan("33", "1", 8), new Plan("91", "9", 9), new Plan("61", "4", 8),
            new Plan("34", "6", 8), new Plan("39", "3", 9), new Plan("81", "90", 8), new Plan("55", "11", 9));

    /**
     * E.164 numbers in the compact international form {@code +<country code><national number>} (no spaces):
     * NANP numbers following its rules, and mobile and landline numbers of UK, Germany, France, India,
     * Australia, Spain, Italy, Japan and Brazil with their plans' lengths (total 11 to 13 digits).
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> e164Phones() {
        Arbitrary<String> nanp = Combinators.combine(nxx(), nxx(), Arbitraries.strings().numeric().ofLength(4))
                .as((a, e, l) -> "+1" + a + e + l);
        Arbitrary<String> world = Arbitraries.of(PLANS).flatMap(p -> Arbitraries.strings().numeric().ofLength(p.rest())
                .map(d -> "+" + p.code() + p.leading() + d));
        return Arbitraries.oneOf(nanp, world);
    }

    /** {@return NANP and E.164 numbers, as {@link #nanpPhones()} and {@link #e164Phones()}} */
    public static Arbitrary<String> phones() {
        return Arbitraries.oneOf(nanpPhones(), e164Phones());
    }

    // ------------------------------------------------------------ embedding

    /**
     * Random prose of lower-case words around each value, separated from it by a space (and optionally
     * followed by punctuation), so that the value stands as its own token. The prose contains no digits or
     * {@code @}, so it cannot form a second value.
     *
     * @param values the values to embed
     * @return the arbitrary of embedded values
     */
    public static Arbitrary<Embedded> inText(Arbitrary<String> values) {
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(9)
                .list().ofMaxSize(8).map(ws -> String.join(" ", ws));
        return Combinators.combine(words, values, Arbitraries.of("", ".", ",", ";", " and", "!"), words)
                .as((before, value, punct, after) -> {
                    String prefix = before.isEmpty() ? "" : before + " ";
                    String text = prefix + value + punct + (after.isEmpty() ? "" : " " + after);
                    return new Embedded(text, prefix.length(), prefix.length() + value.length(), value);
                });
    }
}
