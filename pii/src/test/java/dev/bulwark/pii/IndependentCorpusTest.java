package dev.bulwark.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second labelled corpus, written without reading {@link CorpusTest}'s generator: only the public API and
 * {@code docs/pii.md} informed what is labelled. Its purpose is to be the "corpus you have not seen" of the
 * issue, so it deliberately uses formats, wrappers and look-alikes chosen independently: e-mails in angle
 * brackets, quotes, {@code mailto:} and at sentence ends; phones as E.164 with many country codes, {@code 00}
 * prefixes, {@code tel:} URIs, extensions and national trunk formats; cards of every listed issuer and length;
 * SSNs dashed, spaced and bare after a context word; IPv4 in URLs, with ports and CIDR suffixes; IPv6 full,
 * compressed, loopback, IPv4-mapped, with zone ids, in brackets with ports and with prefix lengths; IBANs of
 * 18 countries, compact and printed. Every line mixes in look-alikes that must not be reported: UUIDs,
 * Luhn-failing card-like and order numbers, numbers with a valid card buried in a longer digit run, mutated
 * IBANs and IBANs of the wrong length, invalid SSNs, semver and 4-part versions, OIDs, timestamps, dates,
 * amounts, ZIP+4, ISBNs, MAC addresses, {@code Class::method}, {@code @handles}, {@code image@2x.png}.
 *
 * <p><b>Matching rule.</b> Exact span: a finding is a true positive when a labelled value of the same type has
 * exactly the same {@code [start, end)}; every other finding of an evaluated type is a false positive; every
 * labelled value without an exact match is a false negative. The label covers the value only, never its
 * wrapper: not {@code mailto:} or {@code tel:}, not the brackets of {@code [2001:db8::1]:443}, not a port,
 * CIDR suffix, zone id ({@code %eth0}) or phone extension ({@code ext. 204}), not trailing punctuation.
 * Secret types (JWT, API keys, …) are not evaluated here; none is planted.
 *
 * <p><b>Not counted.</b> Values that docs/pii.md explicitly leaves out are planted as <i>ignored</i> regions:
 * neither a miss when not found nor a false positive when found (lower-case IBANs, DE area codes written
 * with a slash, the UK {@code +44 (0)20} trunk notation). Their detection rate is printed for information.
 */
class IndependentCorpusTest {

    static final long SEED = 0x1DE9_C0DE_5EEDL;
    static final int LINES = 5000;
    static final Set<PiiType> EVALUATED = EnumSet.of(PiiType.EMAIL, PiiType.PHONE, PiiType.CREDIT_CARD,
            PiiType.US_SSN, PiiType.IPV4, PiiType.IPV6, PiiType.IBAN);

    // ---------------------------------------------------------------------------------------------------
    // labelled text

    /** A labelled region: {@code type == null} marks an ignored (not counted) region. */
    record Label(PiiType type, int start, int end) {
    }

    /** A piece of an item: plain text, a labelled value, or an ignored value. */
    record Piece(String text, PiiType type, boolean ignored) {
        static Piece plain(String text) {
            return new Piece(text, null, false);
        }

        static Piece pii(PiiType type, String text) {
            return new Piece(text, type, false);
        }

        static Piece ignored(String text) {
            return new Piece(text, null, true);
        }
    }

    /** A field of a record: a key (JSON/CSV/log), a sentence lead, and its pieces. */
    record Item(String key, String lead, List<Piece> pieces) {
        String flat() {
            StringBuilder sb = new StringBuilder();
            pieces.forEach(p -> sb.append(p.text()));
            return sb.toString();
        }
    }

    static final class Line {
        final StringBuilder text = new StringBuilder();
        final List<Label> labels = new ArrayList<>();

        Line plain(String s) {
            text.append(s);
            return this;
        }

        Line item(Item item, Function<String, String> escape) {
            for (Piece p : item.pieces()) {
                int start = text.length();
                text.append(escape.apply(p.text()));
                if (p.type() != null) {
                    labels.add(new Label(p.type(), start, text.length()));
                } else if (p.ignored()) {
                    labels.add(new Label(null, start, text.length()));
                }
            }
            return this;
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // value generators

    static final class Gen {
        final Random r;

        Gen(long seed) {
            r = new Random(seed);
        }

        int between(int lo, int hiInclusive) {
            return lo + r.nextInt(hiInclusive - lo + 1);
        }

        boolean chance(double p) {
            return r.nextDouble() < p;
        }

        @SafeVarargs
        final <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }

        String digits(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            return sb.toString();
        }

        String upperAlnum(int n) {
            String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(a.charAt(r.nextInt(a.length())));
            }
            return sb.toString();
        }

        String upper(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('A' + r.nextInt(26)));
            }
            return sb.toString();
        }

        String hex(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append("0123456789abcdef".charAt(r.nextInt(16)));
            }
            return sb.toString();
        }

        // ---- names

        static final String[] FIRST = {"jane", "john", "maria", "li", "ahmed", "olga", "pierre", "sofia", "kenji",
            "amara", "lukas", "chloe", "mateo", "aisha", "noah", "emma", "raj", "ines", "tomasz", "freya"};
        static final String[] LAST = {"doe", "smith", "garcia", "wang", "khan", "ivanova", "dubois", "rossi",
            "tanaka", "okafor", "muller", "martin", "lopez", "haddad", "nguyen", "brown", "patel", "silva",
            "kowalski", "berg"};

        String first() {
            return pick(FIRST);
        }

        String last() {
            return pick(LAST);
        }

        String person() {
            return cap(first()) + " " + cap(last());
        }

        static String cap(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        // ---- e-mail

        String emailLocal() {
            String f = first();
            String l = last();
            return switch (r.nextInt(10)) {
                case 0 -> f + "." + l;
                case 1 -> f + "+" + pick("news", "billing", "github", "test", "2024") ;
                case 2 -> f.charAt(0) + l + between(1, 99);
                case 3 -> f + "_" + l;
                case 4 -> f + "-" + l;
                case 5 -> f + "." + l + "+" + pick("spam", "receipts", "x");
                case 6 -> pick("support", "noreply", "billing", "security", "hr", "info", "ops-alerts");
                case 7 -> digits(between(3, 8));
                case 8 -> f + between(1970, 2005);
                default -> f.charAt(0) + "." + l;
            };
        }

        String emailDomain() {
            String label = pick("example", "acme", "contoso", "globex", "initech", "umbrella-corp", "mail",
                    "my-startup", "fabrikam", "north-wind", "bigco", "data4u");
            return switch (r.nextInt(8)) {
                case 0 -> label + "." + pick("co.uk", "com.au", "co.jp", "ac.uk", "com.br");
                case 1 -> pick("mail", "eu", "corp", "dept-7", "sub") + "." + label + "." + pick("com", "org", "io");
                case 2 -> label + "." + pick("engineering", "photography", "technology", "museum", "dev", "app");
                case 3 -> label + "." + pick("de", "fr", "nl", "ch", "se", "io", "ai", "us");
                case 4 -> "a.b.c." + label + ".net";
                default -> label + "." + pick("com", "org", "net");
            };
        }

        String email() {
            String e = emailLocal() + "@" + emailDomain();
            if (chance(0.08)) {
                e = e.toUpperCase(Locale.ROOT);
            } else if (chance(0.1)) {
                e = cap(e);
            }
            return e;
        }

        Item emailItem() {
            String e = email();
            List<Piece> p = switch (r.nextInt(9)) {
                case 0 -> List.of(Piece.plain("<"), Piece.pii(PiiType.EMAIL, e), Piece.plain(">"));
                case 1 -> List.of(Piece.plain(person() + " <"), Piece.pii(PiiType.EMAIL, e), Piece.plain(">"));
                case 2 -> List.of(Piece.plain("mailto:"), Piece.pii(PiiType.EMAIL, e));
                case 3 -> List.of(Piece.plain("("), Piece.pii(PiiType.EMAIL, e), Piece.plain(")"));
                case 4 -> List.of(Piece.plain("'"), Piece.pii(PiiType.EMAIL, e), Piece.plain("'"));
                case 5 -> List.of(Piece.pii(PiiType.EMAIL, e), Piece.plain(pick(".", ",", ";", "!", "?", ":")));
                case 6 -> List.of(Piece.plain("[mail]("), Piece.plain("mailto:"), Piece.pii(PiiType.EMAIL, e),
                        Piece.plain(")"));
                case 7 -> List.of(Piece.plain("https://app.example.com/invite?email="), Piece.pii(PiiType.EMAIL, e),
                        Piece.plain("&ref=" + between(1, 999)));
                default -> List.of(Piece.pii(PiiType.EMAIL, e));
            };
            return new Item(pick("email", "contact_email", "reply_to", "user"),
                    pick("Please write to", "Sent by", "Reply to", "Forwarded from", "cc", "Owner:"), p);
        }

        Item emailNegative() {
            String v = switch (r.nextInt(10)) {
                case 0 -> "@" + first() + last();
                case 1 -> first() + "@" + pick("localhost", "server", "bar", "intranet");
                case 2 -> pick("icon", "logo", "image", "avatar", "hero") + "@" + pick("2x", "3x", "1.5x") + "."
                        + pick("png", "jpg", "webp", "svg");
                case 3 -> "@" + pick("angular", "babel", "types") + "/" + pick("core", "node", "cli") + "@"
                        + between(1, 20) + "." + between(0, 9) + "." + between(0, 9);
                case 4 -> first() + "@" + between(1, 9) + "." + between(0, 9);
                case 5 -> "user@@" + emailDomain();
                case 6 -> "@" + emailDomain();
                case 7 -> "git+ssh://" + "git" + "@" + "github" + ":" + first() + "/repo";
                case 8 -> r.nextBoolean() ? "lodash@" + between(1, 4) + "." + between(0, 20) + "." + between(0, 30)
                        : first() + "@" + between(1, 9) + "." + between(0, 9) + "." + between(0, 9) + "."
                        + between(0, 9) + "." + between(0, 9);
                default -> "#" + first() + "@" + "channel";
            };
            return new Item(pick("handle", "ref", "asset", "note"), pick("see", "ref", "asset", "mention"),
                    List.of(Piece.plain(v)));
        }

        // ---- phone

        /** A NANP area code: first digit 2-9, not N11; an exchange with first digit 2-9. */
        String nanpArea() {
            while (true) {
                int a = between(200, 999);
                if (a % 100 != 11) {
                    return Integer.toString(a);
                }
            }
        }

        String nanpExchange() {
            return Integer.toString(between(200, 999));
        }

        Item phoneItem() {
            List<Piece> p;
            String v;
            String a = nanpArea();
            String x = nanpExchange();
            String s = digits(4);
            switch (r.nextInt(36)) {
                case 0 -> v = "+1" + a + x + s;
                case 1 -> v = "+1 " + a + " " + x + " " + s;
                case 2 -> v = "+1-" + a + "-" + x + "-" + s;
                case 3 -> v = "+1 (" + a + ") " + x + "-" + s;
                case 4 -> v = "(" + a + ") " + x + "-" + s;
                case 5 -> v = a + "-" + x + "-" + s;
                case 6 -> v = a + "." + x + "." + s;
                case 7 -> v = "1-" + pick("800", "888", "877", "866") + "-" + x + "-" + s;
                case 8 -> v = "+44 20 " + between(7000, 8999) + " " + digits(4);
                case 9 -> v = "+44 7" + digits(3) + " " + digits(6);
                case 10 -> v = "+49 30 " + digits(between(6, 8));
                case 11 -> v = "+49 " + pick("151", "160", "170", "176") + " " + digits(8);
                case 12 -> v = "+33 " + between(1, 9) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " "
                        + digits(2);
                case 13 -> v = "+61 " + pick("2", "3", "7", "8") + " " + digits(4) + " " + digits(4);
                case 14 -> v = "+81 " + pick("3-", "90-", "6-") + digits(4) + "-" + digits(4);
                case 15 -> v = "+91 " + between(70000, 99999) + " " + digits(5);
                case 16 -> v = "+34 " + pick("6", "9") + digits(2) + " " + digits(3) + " " + digits(3);
                case 17 -> v = "+31 20 " + digits(3) + " " + digits(4);
                case 18 -> v = "+41 44 " + digits(3) + " " + digits(2) + " " + digits(2);
                case 19 -> v = "0044 20 " + between(7000, 8999) + " " + digits(4);
                case 20 -> v = "020 " + between(7000, 8999) + " " + digits(4);
                case 21 -> v = "07" + digits(3) + " " + digits(6);
                case 22 -> v = "0" + between(1, 7) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " "
                        + digits(2);
                case 23 -> v = "0" + pick("30", "89", "40", "221") + " " + digits(7);
                case 24 -> v = "+39 02 " + digits(4) + " " + digits(4);
                case 25 -> v = a + " " + x + " " + s;
                case 26 -> v = "+1 " + a + "-" + x + "-" + s;
                case 27 -> v = "1 " + pick("800", "888") + " " + x + " " + s;
                case 28 -> v = pick("1.", "+1.") + a + "." + x + "." + s;
                case 29 -> v = "0" + between(6, 7) + "." + digits(2) + "." + digits(2) + "." + digits(2) + "."
                        + digits(2);
                case 30 -> v = pick("0800 ", "0161 ", "0113 ") + digits(3) + " " + digits(4);
                case 31 -> v = "+7 (" + pick("495", "812", "916") + ") " + digits(3) + "-" + digits(2) + "-"
                        + digits(2);
                case 32 -> v = "+86 1" + between(30, 89) + " " + digits(4) + " " + digits(4);
                case 33 -> v = "+65 " + pick("6", "8", "9") + digits(3) + " " + digits(4);
                case 34 -> v = "+27 " + between(10, 89) + " " + digits(3) + " " + digits(4);
                default -> v = "+" + pick("46 8 ", "353 1 ", "55 11 ", "52 55 ") + digits(4) + " " + digits(4);
            }
            switch (r.nextInt(10)) {
                case 0 -> p = List.of(Piece.plain("tel:"), Piece.pii(PiiType.PHONE, v.replaceAll("[^0-9+]", "")));
                case 1 -> p = List.of(Piece.pii(PiiType.PHONE, v), Piece.plain(pick(" ext. ", " x", " ext ", " #")
                        + between(10, 9999)));
                case 2 -> p = List.of(Piece.plain("("), Piece.pii(PiiType.PHONE, v), Piece.plain(")"));
                case 3 -> p = List.of(Piece.pii(PiiType.PHONE, v), Piece.plain(pick(".", ",", ";")));
                default -> p = List.of(Piece.pii(PiiType.PHONE, v));
            }
            if (p.get(0).text().equals("tel:") && !p.get(1).text().startsWith("+")) {
                p = List.of(Piece.pii(PiiType.PHONE, v));
            }
            return new Item(pick("phone", "tel", "mobile", "fax", "contact"),
                    pick("Call me on", "Phone:", "mobile", "reach the desk at", "Tel.", "WhatsApp"), p);
        }

        /** Phone numbers written in formats docs/pii.md does not list, and bare digits with context. */
        Item phoneStretch() {
            return switch (r.nextInt(5)) {
                case 3 -> new Item("phone", "Tel.", List.of(Piece.ignored("(+44) 20 " + between(7000, 8999) + " "
                        + digits(4))));
                case 4 -> new Item("phone", "Tel.", List.of(Piece.ignored("+353 (0)1 " + digits(3) + " "
                        + digits(4))));
                case 0 -> new Item("phone", "Tel.", List.of(Piece.ignored("+44 (0)20 " + between(7000, 8999) + " "
                        + digits(4))));
                case 1 -> new Item("phone", "Telefon", List.of(Piece.ignored("0" + pick("30", "89", "40") + "/"
                        + digits(7))));
                default -> new Item("phone", "or", List.of(Piece.plain(pick("call ", "phone: ", "mobile ")),
                        Piece.pii(PiiType.PHONE, nanpArea() + nanpExchange() + digits(4))));
            };
        }

        Item phoneNegative() {
            String v = switch (r.nextInt(20)) {
                case 0 -> between(2019, 2026) + "-" + two(between(1, 12)) + "-" + two(between(1, 28));
                case 1 -> two(between(1, 28)) + "/" + two(between(1, 12)) + "/" + between(2019, 2026);
                case 2 -> two(between(1, 28)) + "." + two(between(1, 12)) + "." + between(2019, 2026);
                case 3 -> two(between(0, 23)) + ":" + two(between(0, 59)) + ":" + two(between(0, 59));
                case 4 -> "$" + between(1, 999) + "," + digits(3) + "," + digits(3) + "." + digits(2);
                case 5 -> "EUR " + between(1, 999) + "." + digits(3) + "." + digits(3) + "," + digits(2);
                case 6 -> "ORD-" + between(2019, 2026) + "-" + digits(6);
                case 7 -> digits(5) + "-" + digits(4);
                case 8 -> "ISBN 978-" + between(0, 1) + "-" + digits(3) + "-" + digits(5) + "-" + digits(1);
                case 9 -> Long.toString(1_600_000_000L + r.nextInt(200_000_000));
                case 10 -> Long.toString(1_600_000_000_000L + (long) (r.nextDouble() * 2e11));
                case 11 -> UUID.nameUUIDFromBytes(digits(12).getBytes()).toString();
                case 12 -> "v" + between(1, 20) + "." + between(0, 30) + "." + between(0, 99);
                case 13 -> between(1, 9) + "." + between(0, 99) + "." + between(100, 999) + "." + between(1000, 9999);
                case 14 -> "INV" + digits(8);
                case 15 -> "#" + digits(between(5, 8));
                case 16 -> "+" + between(1, 99) + "." + digits(2) + "%";
                case 17 -> "(" + pick("911", "411", "123") + ") " + digits(3) + "-" + digits(4);
                case 18 -> digits(3) + "-" + digits(4);
                default -> "1 " + digits(3) + " " + digits(3) + ",00";
            };
            return new Item(pick("date", "amount", "order", "ref", "build", "zip"),
                    pick("On", "Total", "Order", "Ref", "Build", "ts", "id"), List.of(Piece.plain(v)));
        }

        static String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        // ---- cards

        static String luhnComplete(String body) {
            int sum = 0;
            boolean dbl = true;
            for (int i = body.length() - 1; i >= 0; i--) {
                int d = body.charAt(i) - '0';
                if (dbl) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
                dbl = !dbl;
            }
            return body + (char) ('0' + (10 - sum % 10) % 10);
        }

        static boolean luhn(String digits) {
            return luhnComplete(digits.substring(0, digits.length() - 1)).equals(digits);
        }

        String cardNumber(String prefix, int length) {
            return luhnComplete(prefix + digits(length - prefix.length() - 1));
        }

        /** A Luhn-valid number of a listed issuer and length. */
        String card() {
            return switch (r.nextInt(12)) {
                case 0, 1 -> cardNumber("4", 16);
                case 2 -> cardNumber("4", pick(13, 19));
                case 3, 4 -> cardNumber(Integer.toString(between(51, 55)), 16);
                case 5 -> cardNumber(Integer.toString(between(2221, 2720)), 16);
                case 6, 7 -> cardNumber(pick("34", "37"), 15);
                case 8 -> cardNumber(pick("6011", "65", Integer.toString(between(644, 649))), 16);
                case 9 -> cardNumber(Integer.toString(between(3528, 3589)), 16);
                case 10 -> cardNumber(pick("36", "38", "300", "305"), 14);
                default -> cardNumber(pick("6011", "65"), 19);
            };
        }

        static String group(String d, char sep) {
            int[] sizes = switch (d.length()) {
                case 15 -> new int[] {4, 6, 5};
                case 14 -> new int[] {4, 6, 4};
                case 16 -> new int[] {4, 4, 4, 4};
                default -> new int[] {d.length()};
            };
            StringBuilder sb = new StringBuilder();
            int at = 0;
            for (int s : sizes) {
                if (at > 0) {
                    sb.append(sep);
                }
                sb.append(d, at, at + s);
                at += s;
            }
            return sb.toString();
        }

        String printCard(String d) {
            return switch (r.nextInt(3)) {
                case 0 -> d;
                case 1 -> group(d, ' ');
                default -> group(d, '-');
            };
        }

        Item cardItem() {
            String v = printCard(card());
            List<Piece> p = switch (r.nextInt(5)) {
                case 0, 1 -> List.of(Piece.pii(PiiType.CREDIT_CARD, v));
                case 2 -> List.of(Piece.plain(pick("card#", "Card #: ", "PAN:", "cc=")), Piece.pii(PiiType.CREDIT_CARD,
                        v));
                default -> List.of(Piece.pii(PiiType.CREDIT_CARD, v), Piece.plain(pick(".", ",", ")", ";")));
            };
            return new Item(pick("card", "pan", "cc_number", "payment"),
                    pick("Card number", "Paid with", "Visa", "charged to", "PAN"), p);
        }

        Item cardNegative() {
            String v;
            switch (r.nextInt(6)) {
                case 0 -> {
                    String c = card();
                    int last = c.charAt(c.length() - 1) - '0';
                    v = printCard(c.substring(0, c.length() - 1) + (char) ('0' + (last + between(1, 9)) % 10));
                }
                case 1 -> {
                    String d;
                    do {
                        d = digits(16);
                    } while (luhn(d));
                    v = r.nextBoolean() ? d : group(d, ' ');
                }
                case 2 -> {
                    // a valid card inside a run of 20 or more digits, which no card number is
                    String c = card();
                    int pre = between(1, 4);
                    v = digits(pre) + c + digits(Math.max(1, 20 - pre - c.length()) + between(0, 2));
                }
                case 3 -> {
                    String d;
                    do {
                        d = "9" + digits(15);
                    } while (!luhn(d));
                    v = group(d, '-');
                }
                case 4 -> v = "1Z" + upperAlnum(6) + digits(10);
                default -> v = "9400 " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " "
                        + digits(2);
            }
            return new Item(pick("order_id", "tracking", "ref", "txn"), pick("Order", "Tracking", "Txn", "Ref"),
                    List.of(Piece.plain(v)));
        }

        // ---- SSN

        String ssnDigits() {
            while (true) {
                int area = between(1, 899);
                if (area == 666) {
                    continue;
                }
                String s = String.format(Locale.ROOT, "%03d%02d%04d", area, between(1, 99), between(1, 9999));
                if (s.equals("078051120") || s.equals("219099999") || s.equals("123456789")
                        || s.chars().distinct().count() == 1) {
                    continue;
                }
                return s;
            }
        }

        Item ssnItem() {
            String d = ssnDigits();
            int k = r.nextInt(10);
            if (k < 2) {
                return new Item("ssn", "SSN", List.of(Piece.plain(pick("SSN: ", "ssn=", "SSN ", "social security no. ",
                        "SSN#", "SS#: ")), Piece.pii(PiiType.US_SSN, d)));
            }
            char sep = k < 7 ? '-' : ' ';
            String v = d.substring(0, 3) + sep + d.substring(3, 5) + sep + d.substring(5);
            if (k == 2) {
                return new Item("ssn", "employee", List.of(Piece.plain(pick("SSN#", "SS#", "ssn:")),
                        Piece.pii(PiiType.US_SSN, v)));
            }
            return new Item(pick("ssn", "tax_id", "national_id"), pick("SSN", "Social Security number", "TIN"),
                    r.nextBoolean() ? List.of(Piece.pii(PiiType.US_SSN, v))
                            : List.of(Piece.pii(PiiType.US_SSN, v), Piece.plain(pick(".", ",", ";"))));
        }

        Item ssnNegative() {
            String area;
            String group = String.format(Locale.ROOT, "%02d", between(1, 99));
            String serial = String.format(Locale.ROOT, "%04d", between(1, 9999));
            switch (r.nextInt(6)) {
                case 0 -> area = "000";
                case 1 -> area = "666";
                case 2 -> area = Integer.toString(between(900, 999));
                case 3 -> {
                    area = String.format(Locale.ROOT, "%03d", between(1, 665));
                    group = "00";
                }
                case 4 -> {
                    area = String.format(Locale.ROOT, "%03d", between(1, 665));
                    serial = "0000";
                }
                default -> {
                    return new Item("id", "id", List.of(Piece.plain(pick("078-05-1120", "219-09-9999",
                            "123-45-6789", "111-11-1111", "555-55-5555"))));
                }
            }
            return new Item(pick("employee_no", "ref", "case"), pick("Case", "Ref", "Employee"),
                    List.of(Piece.plain(area + "-" + group + "-" + serial)));
        }

        // ---- IPv4

        String ipv4() {
            return switch (r.nextInt(6)) {
                case 0 -> "10." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
                case 1 -> "192.168." + between(0, 255) + "." + between(1, 254);
                case 2 -> "172." + between(16, 31) + "." + between(0, 255) + "." + between(1, 254);
                case 3 -> pick("203.0.113.", "198.51.100.", "192.0.2.") + between(1, 254);
                default -> between(1, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(0, 255);
            };
        }

        Item ipv4Item() {
            String ip = ipv4();
            List<Piece> p = switch (r.nextInt(12)) {
                case 9 -> List.of(Piece.pii(PiiType.IPV4, ip), Piece.plain("-"), Piece.pii(PiiType.IPV4, ipv4()));
                case 10 -> List.of(Piece.plain("X-Forwarded-For: "), Piece.pii(PiiType.IPV4, ip), Piece.plain(", "),
                        Piece.pii(PiiType.IPV4, ipv4()));
                case 11 -> List.of(Piece.plain("inet "), Piece.pii(PiiType.IPV4, ip), Piece.plain("/24 brd "),
                        Piece.pii(PiiType.IPV4, ipv4()));
                case 0 -> List.of(Piece.plain(pick("http://", "https://")), Piece.pii(PiiType.IPV4, ip),
                        Piece.plain(pick("/", "/health", "/api/v1/users?id=7", "")));
                case 1 -> List.of(Piece.pii(PiiType.IPV4, ip), Piece.plain(":" + between(1, 65535)));
                case 2 -> List.of(Piece.pii(PiiType.IPV4, ip), Piece.plain("/" + between(8, 32)));
                case 3 -> List.of(Piece.plain("["), Piece.pii(PiiType.IPV4, ip), Piece.plain("]"));
                case 4 -> List.of(Piece.pii(PiiType.IPV4, ip), Piece.plain(pick(".", ",", ";")));
                case 5 -> List.of(Piece.plain("http://"), Piece.pii(PiiType.IPV4, ip),
                        Piece.plain(":" + between(1024, 65535) + "/metrics"));
                default -> List.of(Piece.pii(PiiType.IPV4, ip));
            };
            return new Item(pick("client_ip", "remote_addr", "src", "host", "peer"),
                    pick("from", "client", "connected to", "upstream", "blocked"), p);
        }

        Item ipv4Negative() {
            String v = switch (r.nextInt(10)) {
                case 0 -> "v" + between(1, 20) + "." + between(0, 9) + "." + between(0, 9) + "." + between(0, 9);
                case 1 -> between(1, 9) + "." + between(0, 9) + "." + between(0, 9) + "." + between(0, 9) + "."
                        + between(0, 9);
                case 2 -> between(256, 999) + "." + between(0, 255) + "." + between(0, 255) + "." + between(0, 255);
                case 3 -> "10.0.0." + between(256, 999);
                case 4 -> "1.3.6.1.4.1." + between(100, 60000) + "." + between(1, 9);
                case 5 -> "version " + between(1, 9) + "." + between(0, 9) + "." + between(0, 9) + "." + between(0, 9);
                case 6 -> "lib@" + between(1, 9) + "." + between(0, 9) + "." + between(0, 9) + "." + between(0, 9);
                case 7 -> "192.168.0" + between(1, 9) + "." + between(1, 99);
                case 8 -> between(1, 9) + "." + between(0, 30) + "." + between(0, 30);
                default -> r.nextBoolean() ? "2.16.840.1.101.3.4.2." + between(1, 3)
                        : "OID 2.5.4." + pick("3", "6", "10", "11");
            };
            return new Item(pick("oid", "version", "build"), pick("build", "oid", "released"), List.of(Piece.plain(v)));
        }

        // ---- IPv6

        String ipv6() {
            return switch (r.nextInt(13)) {
                case 10 -> "2001:DB8:0:0:" + trim(hex(4)).toUpperCase(Locale.ROOT) + ":800:200C:417A";
                case 11 -> "FF0" + between(1, 5) + "::" + trim(hex(3));
                case 12 -> "2001:db8:" + trim(hex(4)) + ":" + trim(hex(4)) + "::" + trim(hex(4)) + ":" + ipv4();
                case 0 -> "2001:0db8:" + hex(4) + ":" + hex(4) + ":" + hex(4) + ":" + hex(4) + ":" + hex(4) + ":"
                        + hex(4);
                case 1 -> "2001:db8:" + trim(hex(4)) + "::" + trim(hex(4)) + ":" + trim(hex(4));
                case 2 -> "::1";
                case 3 -> "fe80::" + trim(hex(4)) + ":" + trim(hex(4)) + ":" + trim(hex(4)) + ":" + trim(hex(4));
                case 4 -> "::ffff:" + ipv4();
                case 5 -> "2001:db8::" + trim(hex(3));
                case 6 -> "64:ff9b::" + ipv4();
                case 7 -> ("2a00:1450:4001:" + trim(hex(3)) + "::200e").toUpperCase(Locale.ROOT);
                case 8 -> "2001:db8:" + trim(hex(4)) + ":" + trim(hex(4)) + ":" + trim(hex(4)) + ":" + trim(hex(4))
                        + ":" + trim(hex(4)) + ":" + trim(hex(4));
                default -> "fd" + hex(2) + ":" + trim(hex(4)) + ":" + trim(hex(4)) + "::";
            };
        }

        static String trim(String h) {
            String t = h.replaceFirst("^0+", "");
            return t.isEmpty() ? "0" : t;
        }

        Item ipv6Item() {
            String ip = ipv6();
            boolean endsColon = ip.endsWith("::");
            List<Piece> p = switch (r.nextInt(10)) {
                case 8 -> ip.startsWith("fe80") ? List.of(Piece.plain("http://["), Piece.pii(PiiType.IPV6, ip),
                        Piece.plain("%25eth0]:8080/")) : List.of(Piece.plain("ip="), Piece.pii(PiiType.IPV6, ip));
                case 9 -> List.of(Piece.plain("["), Piece.pii(PiiType.IPV6, "::1"), Piece.plain("]:" + between(1, 65535)));
                case 0 -> List.of(Piece.plain("["), Piece.pii(PiiType.IPV6, ip), Piece.plain("]:" + between(1, 65535)));
                case 1 -> List.of(Piece.plain("http://["), Piece.pii(PiiType.IPV6, ip), Piece.plain("]/"));
                case 2 -> List.of(Piece.pii(PiiType.IPV6, ip), Piece.plain("/" + pick("32", "48", "64", "128")));
                case 3 -> ip.startsWith("fe80") ? List.of(Piece.pii(PiiType.IPV6, ip),
                        Piece.plain("%" + pick("eth0", "en0", "3", "wlan0")))
                        : List.of(Piece.pii(PiiType.IPV6, ip));
                case 4 -> endsColon ? List.of(Piece.pii(PiiType.IPV6, ip))
                        : List.of(Piece.pii(PiiType.IPV6, ip), Piece.plain(pick(".", ",", ";")));
                default -> List.of(Piece.pii(PiiType.IPV6, ip));
            };
            return new Item(pick("client_ip", "remote_addr", "ipv6", "peer"),
                    pick("from", "client", "listening on", "peer", "route via"), p);
        }

        Item ipv6Negative() {
            String v = switch (r.nextInt(12)) {
                case 9 -> "2001:db8::" + trim(hex(3)) + "::" + trim(hex(3));
                case 10 -> "2001:db8:0:0:0:0:0:" + trim(hex(4)) + ":" + trim(hex(4));
                case 11 -> hex(5).replace('0', 'a') + "::" + trim(hex(3));
                case 0 -> two(between(0, 23)) + ":" + two(between(0, 59)) + ":" + two(between(0, 59));
                case 1 -> hex(2) + ":" + hex(2) + ":" + hex(2) + ":" + hex(2) + ":" + hex(2) + ":" + hex(2);
                case 2 -> pick("String", "Optional", "Collectors", "List") + "::" + pick("valueOf", "of", "toList",
                        "empty");
                case 3 -> "std::" + pick("vector", "string", "move", "unique_ptr");
                case 4 -> two(between(0, 23)) + ":" + two(between(0, 59)) + ":" + two(between(0, 59)) + "."
                        + digits(3);
                case 5 -> (hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2))
                        .toUpperCase(Locale.ROOT);
                case 6 -> "sha256:" + hex(64);
                case 7 -> "P" + between(1, 9) + "DT" + between(1, 23) + "H";
                default -> "urn:isbn:0451450523";
            };
            return new Item(pick("mac", "time", "ref", "digest"), pick("at", "mac", "calls", "digest"),
                    List.of(Piece.plain(v)));
        }

        // ---- IBAN

        /** Country, total length, BBAN pattern: n digit, a upper letter, c upper alnum. */
        static final String[][] IBAN_COUNTRIES = {
            {"DE", "22", "nnnnnnnnnnnnnnnnnn"},
            {"GB", "22", "aaaannnnnnnnnnnnnn"},
            {"FR", "27", "nnnnnnnnnnccccccccccc" + "nn"},
            {"NL", "18", "aaaannnnnnnnnn"},
            {"ES", "24", "nnnnnnnnnnnnnnnnnnnn"},
            {"IT", "27", "annnnnnnnnncccccccccccc"},
            {"CH", "21", "nnnnncccccccccccc"},
            {"AT", "20", "nnnnnnnnnnnnnnnn"},
            {"BE", "16", "nnnnnnnnnnnn"},
            {"PL", "28", "nnnnnnnnnnnnnnnnnnnnnnnn"},
            {"SE", "24", "nnnnnnnnnnnnnnnnnnnn"},
            {"NO", "15", "nnnnnnnnnnn"},
            {"DK", "18", "nnnnnnnnnnnnnn"},
            {"FI", "18", "nnnnnnnnnnnnnn"},
            {"IE", "22", "aaaannnnnnnnnnnnnn"},
            {"PT", "25", "nnnnnnnnnnnnnnnnnnnnn"},
            {"LU", "20", "nnnccccccccccccc"},
            {"CZ", "24", "nnnnnnnnnnnnnnnnnnnn"},
        };

        static int mod97(String rearranged) {
            int m = 0;
            for (int i = 0; i < rearranged.length(); i++) {
                char c = rearranged.charAt(i);
                if (c >= '0' && c <= '9') {
                    m = (m * 10 + (c - '0')) % 97;
                } else {
                    m = (m * 100 + (c - 'A' + 10)) % 97;
                }
            }
            return m;
        }

        static String withCheck(String country, String bban) {
            int check = 98 - mod97(bban + country + "00");
            return country + (check < 10 ? "0" + check : Integer.toString(check)) + bban;
        }

        static boolean ibanValid(String compact) {
            return mod97(compact.substring(4) + compact.substring(0, 4)) == 1;
        }

        String bban(String pattern) {
            StringBuilder sb = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                sb.append(c == 'n' ? digits(1) : c == 'a' ? upper(1) : upperAlnum(1));
            }
            return sb.toString();
        }

        String iban() {
            String[] c = pick(IBAN_COUNTRIES);
            String v = withCheck(c[0], bban(c[2]));
            if (v.length() != Integer.parseInt(c[1])) {
                throw new AssertionError("bad IBAN table entry " + c[0]);
            }
            return v;
        }

        static String print(String compact) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < compact.length(); i += 4) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(compact, i, Math.min(compact.length(), i + 4));
            }
            return sb.toString();
        }

        Item ibanItem() {
            String v = iban();
            if (r.nextBoolean()) {
                v = print(v);
            }
            List<Piece> p = r.nextBoolean() ? List.of(Piece.pii(PiiType.IBAN, v))
                    : List.of(Piece.pii(PiiType.IBAN, v), Piece.plain(pick(".", ",", ";", ")")));
            return new Item(pick("iban", "account", "payout_account"), pick("IBAN", "Transfer to", "Bank account"),
                    p);
        }

        Item ibanNegative() {
            String v = iban();
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    // one-digit mutation in the BBAN or the check digits: mod-97 always catches it
                    int i;
                    do {
                        i = between(2, v.length() - 1);
                    } while (!Character.isDigit(v.charAt(i)));
                    char old = v.charAt(i);
                    char neu = (char) ('0' + ((old - '0') + between(1, 9)) % 10);
                    v = v.substring(0, i) + neu + v.substring(i + 1);
                    if (ibanValid(v)) {
                        throw new AssertionError("mutation kept mod-97");
                    }
                }
                case 2 -> {
                    // wrong length for the country, with check digits that satisfy mod-97
                    String bban = v.substring(4);
                    bban = r.nextBoolean() ? bban + digits(1) : bban.substring(0, bban.length() - 1);
                    v = withCheck(v.substring(0, 2), bban);
                }
                default -> v = withCheck(pick("XK", "ZZ", "QA", "US"), v.substring(4));
            }
            if (v.startsWith("XK") || v.startsWith("QA")) {
                // XK (Kosovo) and QA (Qatar) are registered; their lengths are 20 and 29, ours is not
                if ((v.startsWith("XK") && v.length() == 20) || (v.startsWith("QA") && v.length() == 29)) {
                    v = withCheck("ZZ", v.substring(4));
                }
            }
            return new Item(pick("ref", "account_ref", "mandate"), pick("Ref", "Mandate", "Old reference"),
                    List.of(Piece.plain(r.nextBoolean() ? print(v) : v)));
        }

        Item ibanIgnored() {
            return new Item("iban", "IBAN", List.of(Piece.ignored(iban().toLowerCase(Locale.ROOT))));
        }

        // ---- other look-alikes that belong to no type

        Item misc() {
            String v = switch (r.nextInt(12)) {
                case 0 -> UUID.nameUUIDFromBytes(hex(16).getBytes()).toString();
                case 1 -> between(2019, 2026) + "-" + two(between(1, 12)) + "-" + two(between(1, 28)) + "T"
                        + two(between(0, 23)) + ":" + two(between(0, 59)) + ":" + two(between(0, 59)) + "."
                        + digits(3) + "Z";
                case 2 -> "$" + between(1, 99) + "," + digits(3) + "." + digits(2);
                case 3 -> hex(40);
                case 4 -> between(0, 9) + "." + between(0, 40) + "." + between(0, 20) + "-" + pick("SNAPSHOT", "rc.1",
                        "beta.2");
                case 5 -> "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/" + between(100, 130) + ".0."
                        + (r.nextBoolean() ? between(4000, 6999) + "." + between(10, 250)
                        : "0.0 Safari/537.36 Edg/" + between(100, 130) + ".0.0.0");
                case 6 -> "[" + two(between(1, 28)) + "/Jan/2024:" + two(between(0, 23)) + ":" + two(between(0, 59))
                        + ":" + two(between(0, 59)) + " +0000]";
                case 7 -> "routing " + digits(9).replaceFirst("^.", "0");
                case 8 -> "SKU-" + upper(3) + "-" + digits(5);
                case 9 -> between(1, 9) + " " + digits(3) + " " + digits(3) + ",00 EUR";
                case 10 -> "#" + hex(6);
                default -> "ticket JIRA-" + between(100, 99999);
            };
            return new Item(pick("id", "ts", "amount", "trace", "ua"), pick("trace", "at", "total", "agent", "ref"),
                    List.of(Piece.plain(v)));
        }

        Item positive() {
            return switch (r.nextInt(22)) {
                case 0, 1, 2 -> emailItem();
                case 3, 4, 5, 6 -> phoneItem();
                case 7, 8, 9 -> cardItem();
                case 10, 11 -> ssnItem();
                case 12, 13, 14 -> ipv4Item();
                case 15, 16, 17 -> ipv6Item();
                default -> ibanItem();
            };
        }

        Item negative() {
            return switch (r.nextInt(9)) {
                case 0 -> emailNegative();
                case 1, 2 -> phoneNegative();
                case 3 -> cardNegative();
                case 4 -> ssnNegative();
                case 5 -> ipv4Negative();
                case 6 -> ipv6Negative();
                case 7 -> ibanNegative();
                default -> misc();
            };
        }

        Item stretch() {
            return r.nextBoolean() ? phoneStretch() : ibanIgnored();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // line formats

    static final String[] FILLER = {"Hi team,", "FYI:", "Update -", "As discussed,", "Note that", "Heads up:",
        "Per the ticket,", "Quick one:"};
    static final String[] JOIN = {" and ", "; ", ", then ", " -- ", ". Also ", " (see also) "};

    static Line render(Gen g, List<Item> items) {
        Line line = new Line();
        Function<String, String> id = s -> s;
        switch (g.r.nextInt(9)) {
            case 6 -> { // tab-separated export
                line.plain(Integer.toString(g.between(1, 99999))).plain("\t").plain(g.person());
                for (Item it : items) {
                    line.plain("\t").item(it, id);
                }
            }
            case 7 -> { // XML
                line.plain("<record id=\"" + g.between(1, 9999) + "\">");
                for (Item it : items) {
                    line.plain("<" + it.key() + ">").item(it, s -> s.replace("&", "&amp;").replace("<", "&lt;")
                            .replace(">", "&gt;")).plain("</" + it.key() + ">");
                }
                line.plain("</record>");
            }
            case 8 -> { // YAML flow mapping, as in a config dump
                line.plain("- {name: " + g.person());
                for (Item it : items) {
                    line.plain(", " + it.key() + ": '").item(it, s -> s.replace("'", "''")).plain("'");
                }
                line.plain("}");
            }
            case 0 -> { // prose
                line.plain(g.pick(FILLER)).plain(" ");
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        line.plain(g.pick(JOIN));
                    }
                    line.plain(items.get(i).lead()).plain(" ").item(items.get(i), id);
                }
                line.plain(g.pick("", ".", " Thanks!", " -- " + g.person()));
            }
            case 1 -> { // log line
                line.plain(g.between(2020, 2026) + "-0" + g.between(1, 9) + "-1" + g.between(0, 9) + "T0"
                        + g.between(0, 9) + ":1" + g.between(0, 9) + ":2" + g.between(0, 9) + "."
                        + g.digits(3) + "Z " + g.pick("INFO ", "WARN ", "ERROR", "DEBUG") + " [" + g.pick("main",
                        "http-nio-8080-exec-" + g.between(1, 20), "pool-1-thread-" + g.between(1, 8)) + "] "
                        + g.pick("c.a.api.UserController", "o.s.web.Filter", "audit", "payments.Gateway") + " - "
                        + g.pick("request", "login failed", "processed", "retrying", "event") + ":");
                for (Item it : items) {
                    line.plain(" " + it.key() + "=");
                    boolean quote = it.flat().contains(" ");
                    line.plain(quote ? "\"" : "").item(it, id).plain(quote ? "\"" : "");
                }
            }
            case 2 -> { // JSON
                line.plain("{");
                line.plain("\"id\":" + g.between(1, 999999));
                for (Item it : items) {
                    line.plain(",\"" + it.key() + "\":\"").item(it, s -> s.replace("\"", "\\\"")).plain("\"");
                }
                line.plain(",\"ts\":\"20" + g.between(20, 26) + "-01-0" + g.between(1, 9) + "T12:00:00Z\"}");
            }
            case 3 -> { // CSV
                line.plain(Integer.toString(g.between(1, 99999))).plain(",").plain(g.person());
                for (Item it : items) {
                    line.plain(",");
                    boolean quote = it.flat().contains(",") || it.flat().contains("\"");
                    line.plain(quote ? "\"" : "").item(it, s -> s.replace("\"", "\"\"")).plain(quote ? "\"" : "");
                }
            }
            case 4 -> { // markdown table row
                line.plain("| " + g.person() + " |");
                for (Item it : items) {
                    line.plain(" ").item(it, s -> s.replace("|", "\\|")).plain(" |");
                }
            }
            default -> { // markdown bullet with code span or bold key
                line.plain("- **" + g.person() + "**:");
                for (Item it : items) {
                    line.plain(" " + Gen.cap(it.key().replace('_', ' ')) + ": ");
                    boolean code = g.chance(0.25);
                    line.plain(code ? "`" : "").item(it, id).plain(code ? "`" : "");
                }
            }
        }
        return line;
    }

    static List<Line> corpus(long seed, int lines) {
        Gen g = new Gen(seed);
        List<Line> out = new ArrayList<>(lines);
        for (int n = 0; n < lines; n++) {
            List<Item> items = new ArrayList<>();
            int pos = g.between(0, 3);
            int neg = g.between(1, 3);
            for (int i = 0; i < pos; i++) {
                items.add(g.positive());
            }
            for (int i = 0; i < neg; i++) {
                items.add(g.negative());
            }
            if (g.chance(0.05)) {
                items.add(g.stretch());
            }
            java.util.Collections.shuffle(items, g.r);
            out.add(render(g, items));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------
    // scoring

    static final class Score {
        final Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // tp, fp, fn
        final List<String> errors = new ArrayList<>();
        int ignoredPlanted;
        int ignoredFound;

        Score() {
            EVALUATED.forEach(t -> counts.put(t, new int[3]));
        }

        double precision(PiiType t) {
            int[] c = counts.get(t);
            return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
        }

        double recall(PiiType t) {
            int[] c = counts.get(t);
            return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
        }

        String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %6s %5s %5s %9s %7s%n", "type",
                    "tp", "fp", "fn", "precision", "recall"));
            for (PiiType t : EVALUATED) {
                int[] c = counts.get(t);
                sb.append(String.format(Locale.ROOT, "%-12s %6d %5d %5d %9.4f %7.4f%n", t, c[0], c[1], c[2],
                        precision(t), recall(t)));
            }
            sb.append(String.format(Locale.ROOT, "not counted (docs exclude): %d planted, %d found%n",
                    ignoredPlanted, ignoredFound));
            return sb.toString();
        }
    }

    static Score score(PiiDetector detector, List<Line> corpus) {
        Score score = new Score();
        for (Line line : corpus) {
            String text = line.text.toString();
            List<PiiSpan> found = detector.detect(text).stream().filter(s -> EVALUATED.contains(s.type())).toList();
            boolean[] matched = new boolean[line.labels.size()];
            for (PiiSpan s : found) {
                int hit = -1;
                boolean inIgnored = false;
                for (int i = 0; i < line.labels.size(); i++) {
                    Label l = line.labels.get(i);
                    if (l.type() == null && l.start() < s.end() && s.start() < l.end()) {
                        inIgnored = true;
                    } else if (l.type() == s.type() && l.start() == s.start() && l.end() == s.end()) {
                        hit = i;
                    }
                }
                if (hit >= 0) {
                    matched[hit] = true;
                    score.counts.get(s.type())[0]++;
                } else if (inIgnored) {
                    score.ignoredFound++;
                } else {
                    score.counts.get(s.type())[1]++;
                    score.errors.add("FP " + s.type() + " '" + s.text(text) + "' in: " + text);
                }
            }
            for (int i = 0; i < line.labels.size(); i++) {
                Label l = line.labels.get(i);
                if (l.type() == null) {
                    score.ignoredPlanted++;
                } else if (!matched[i]) {
                    score.counts.get(l.type())[2]++;
                    StringJoiner got = new StringJoiner(", ", "[", "]");
                    for (PiiSpan s : found) {
                        if (s.start() < l.end() && l.start() < s.end()) {
                            got.add(s.type() + " '" + s.text(text) + "'");
                        }
                    }
                    score.errors.add("FN " + l.type() + " '" + text.substring(l.start(), l.end()) + "' got " + got
                            + " in: " + text);
                }
            }
        }
        return score;
    }

    // ---------------------------------------------------------------------------------------------------
    // tests

    @Test
    void generatorLabelsAreSelfConsistent() {
        List<Line> corpus = corpus(SEED, LINES);
        int labelled = 0;
        for (Line line : corpus) {
            for (Label l : line.labels) {
                String v = line.text.substring(l.start(), l.end());
                assertThat(v).isNotBlank().isEqualTo(v.strip());
                if (l.type() == PiiType.CREDIT_CARD) {
                    assertThat(Gen.luhn(v.replaceAll("[ -]", ""))).as(v).isTrue();
                } else if (l.type() == PiiType.IBAN) {
                    assertThat(Gen.ibanValid(v.replace(" ", ""))).as(v).isTrue();
                }
                labelled++;
            }
        }
        assertThat(labelled).isGreaterThan(LINES);
        assertThat(corpus(SEED, 50).get(49).text.toString()).isEqualTo(corpus.get(49).text.toString());
    }

    @Test
    void meetsTheIssueThresholdsOnAnIndependentCorpus() {
        assertThresholds(SEED);
    }

    /** Other seeds: other collisions of look-alikes and values, so the numbers are not one lucky draw. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7919L, 15838L, 23757L, 31676L})
    void meetsTheIssueThresholdsOnFurtherSeeds(long seed) {
        assertThresholds(seed);
    }

    private static void assertThresholds(long seed) {
        Score score = score(PiiDetector.ofDefaults(), corpus(seed, LINES));
        System.out.println("IndependentCorpusTest (seed " + Long.toHexString(seed) + ", " + LINES + " lines, exact span)");
        System.out.print(score.table());
        score.errors.stream().limit(400).forEach(e -> System.out.println("  " + e));
        for (PiiType t : EVALUATED) {
            int[] c = score.counts.get(t);
            assertThat(c[0] + c[2]).as("%s planted", t).isGreaterThan(300);
            double floor = t == PiiType.PHONE ? 0.95 : 0.99;
            assertThat(score.precision(t)).as("%s precision%n%s", t, score.table()).isGreaterThanOrEqualTo(floor);
            assertThat(score.recall(t)).as("%s recall%n%s", t, score.table()).isGreaterThanOrEqualTo(floor);
        }
    }
}
