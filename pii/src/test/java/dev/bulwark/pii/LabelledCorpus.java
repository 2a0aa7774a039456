package dev.bulwark.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of realistic text with labelled PII and PII-looking negatives (UUIDs, order numbers,
 * Luhn-failing card-like numbers, semver and version strings, timestamps, amounts, dates, invalid SSNs and
 * IPs, hex digests, ZIP+4, ISBNs). The same seed gives the same corpus.
 */
final class LabelledCorpus {

    record Label(PiiType type, int start, int end) {
    }

    record Sample(String text, List<Label> labels) {
    }

    private final Random r;

    LabelledCorpus(long seed) {
        this.r = new Random(seed);
    }

    List<Sample> generate(int count) {
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample());
        }
        return out;
    }

    private final class B {
        final StringBuilder sb = new StringBuilder();
        final List<Label> labels = new ArrayList<>();

        B text(String s) {
            sb.append(s);
            return this;
        }

        B pii(PiiType t, String v) {
            int start = sb.length();
            sb.append(v);
            labels.add(new Label(t, start, sb.length()));
            return this;
        }
    }

    private Sample sample() {
        B b = new B();
        int parts = 2 + r.nextInt(4);
        for (int p = 0; p < parts; p++) {
            if (r.nextInt(100) < 45) {
                negative(b);
            } else {
                positive(b);
            }
            b.text(pick(". ", ", ", "; ", " and ", " - ", ". Then ", "\t", " | "));
        }
        return new Sample(b.sb.toString(), b.labels);
    }

    private void positive(B b) {
        switch (r.nextInt(8)) {
            case 0:
                b.text(pick("Contact ", "Email ", "Reply to ", "cc: ", "From: ", "user=", "Send it to <"))
                        .pii(PiiType.EMAIL, email()).text(pick("", " today", " asap", " please"));
                break;
            case 1:
                b.text(pick("Call ", "Phone: ", "tel ", "mobile ", "Reach me at ", "Contact number ", "Fax: "))
                        .pii(PiiType.PHONE, phone()).text(pick("", " after 5pm", " (office)", " ext"));
                break;
            case 2:
                b.text(pick("Card ", "Paid with ", "cc=", "Visa ending ", "card number: ", "charged to "))
                        .pii(PiiType.CREDIT_CARD, card(true)).text(pick("", " exp 12/27", " on file"));
                break;
            case 3:
                b.text(pick("SSN ", "SSN: ", "social security number ", "ssn=", "Taxpayer SSN "))
                        .pii(PiiType.US_SSN, ssn(true)).text(pick("", " on the form", " verified"));
                break;
            case 4:
                b.text(pick("Login from ", "client ip ", "remote_addr=", "GET /health from ", "peer "))
                        .pii(PiiType.IPV4, ipv4()).text(pick("", ":443", " blocked", "/24"));
                break;
            case 5:
                b.text(pick("Login from ", "client ", "remote_addr=", "peer [", "src "))
                        .pii(PiiType.IPV6, ipv6()).text(pick("", " accepted", "]", " dropped"));
                break;
            case 6:
                b.text(pick("IBAN ", "Pay to ", "account ", "iban=", "Transfer to "))
                        .pii(PiiType.IBAN, iban(true)).text(pick("", " (EUR)", " by Friday"));
                break;
            default:
                b.text(pick("Customer ", "User ")).text(name()).text(" wrote from ").pii(PiiType.EMAIL, email())
                        .text(" and ").pii(PiiType.PHONE, phone());
                break;
        }
    }

    private void negative(B b) {
        switch (r.nextInt(16)) {
            case 0:
                b.text("request " + uuid());
                break;
            case 1:
                b.text(pick("Order #", "order ", "Invoice INV-", "ticket ", "Ref: ") + digits(6 + r.nextInt(6)));
                break;
            case 2:
                b.text(pick("Reference ", "ID ", "Tracking ") + card(false));
                break;
            case 3:
                b.text(pick("Upgraded to v", "version ", "release ", "lib@") + (1 + r.nextInt(20)) + "."
                        + r.nextInt(30) + "." + r.nextInt(50) + (r.nextBoolean() ? "." + r.nextInt(300) : ""));
                break;
            case 4:
                b.text(pick("at ", "ts=", "Logged ") + (2000 + r.nextInt(30)) + "-" + two(1 + r.nextInt(12)) + "-"
                        + two(1 + r.nextInt(28)) + pick("T", " ") + two(r.nextInt(24)) + ":" + two(r.nextInt(60))
                        + ":" + two(r.nextInt(60)) + pick("Z", ".123Z", "", "+02:00"));
                break;
            case 5:
                b.text(pick("Total $", "Amount: EUR ", "paid ", "Balance \u00a3") + (1 + r.nextInt(9)) + ","
                        + three() + "." + two(r.nextInt(100)));
                break;
            case 6:
                b.text(pick("Due ", "Born ", "Shipped ") + two(1 + r.nextInt(28)) + pick("/", ".", "-")
                        + two(1 + r.nextInt(12)) + pick("/", ".", "-") + (1950 + r.nextInt(80)));
                break;
            case 7:
                b.text(pick("SSN ", "id ") + pick("666", "000", "9" + two(r.nextInt(100))) + "-"
                        + two(1 + r.nextInt(99)) + "-" + four(1 + r.nextInt(9999)));
                break;
            case 8:
                b.text(pick("bad ip ", "addr ") + (256 + r.nextInt(700)) + "." + r.nextInt(256) + "." + r.nextInt(256)
                        + "." + r.nextInt(256));
                break;
            case 9:
                b.text("sha256 " + hex(64));
                break;
            case 10:
                b.text("ZIP " + digits(5) + "-" + four(r.nextInt(10000)));
                break;
            case 11:
                b.text("ISBN 978-" + r.nextInt(10) + "-" + digits(2) + "-" + digits(6) + "-" + r.nextInt(10));
                break;
            case 12:
                b.text(pick("epoch ", "took ", "bytes ") + (1_600_000_000L + r.nextInt(200_000_000)) + digits(3));
                break;
            case 13:
                b.text(pick("The quick brown fox", "Meeting moved to Room 4", "Build passed in 3.2 s",
                        "Queue depth 1500 at 12:30", "Temperature 21.5 C", "Score 3-1 at half time"));
                break;
            case 14:
                b.text("IBAN-like " + iban(false));
                break;
            default:
                b.text(pick("asset icon@2x.png", "npm i @scope/pkg@1.2.3", "git@host:repo", "mac 00:1a:2b:3c:4d:5e",
                        "time 10:30:00", "Class::method", "ratio 1:2:3"));
                break;
        }
    }

    // ----------------------------------------------------------------- values

    private String name() {
        return pick("Ana", "Bo", "Chen", "Dmitri", "Eve", "Fatima", "Gus") + " " + pick("Li", "Smith", "Okafor",
                "Garcia", "M\u00fcller");
    }

    String email() {
        String local = pick("john", "jane.doe", "a.b.c", "support", "x_y", "first.last+tag", "J.Smith", "dev-ops",
                "user123") + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(100)));
        String domain = pick("example.com", "mail.example.co.uk", "corp.io", "EXAMPLE.ORG", "sub.domain.dev",
                "company.de", "xn--bcher-kva.example");
        return local + "@" + domain;
    }

    String phone() {
        switch (r.nextInt(12)) {
            case 0:
                return "+1 (" + nanp3() + ") " + nanp3() + "-" + four(r.nextInt(10000));
            case 1:
                return "+1-" + nanp3() + "-" + nanp3() + "-" + four(r.nextInt(10000));
            case 2:
                return "(" + nanp3() + ") " + digits(3) + "-" + four(r.nextInt(10000));
            case 3:
                return nanp3() + "-" + nanp3() + "-" + four(r.nextInt(10000));
            case 4:
                return nanp3() + "." + digits(3) + "." + four(r.nextInt(10000));
            case 5:
                return "+44 20 " + four(1000 + r.nextInt(9000)) + " " + four(r.nextInt(10000));
            case 6:
                return "+44 7700 " + digits(6);
            case 7:
                return "+49 30 " + digits(8);
            case 8:
                return "+33 " + (1 + r.nextInt(9)) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " "
                        + digits(2);
            case 9:
                return "020 " + four(1000 + r.nextInt(9000)) + " " + four(r.nextInt(10000));
            case 10:
                return "+91 9" + digits(4) + " " + digits(5);
            default:
                return "1-800-" + nanp3() + "-" + four(r.nextInt(10000));
        }
    }

    private String nanp3() {
        String s;
        do {
            s = (2 + r.nextInt(8)) + digits(2);
        } while (s.charAt(1) == '1' && s.charAt(2) == '1');
        return s;
    }

    /** A card number with a real issuer prefix; Luhn-valid when {@code valid}, else failing Luhn. */
    String card(boolean valid) {
        String prefix;
        int len;
        switch (r.nextInt(5)) {
            case 0:
                prefix = "4";
                len = 16;
                break;
            case 1:
                prefix = Integer.toString(51 + r.nextInt(5));
                len = 16;
                break;
            case 2:
                prefix = r.nextBoolean() ? "34" : "37";
                len = 15;
                break;
            case 3:
                prefix = "6011";
                len = 16;
                break;
            default:
                prefix = Integer.toString(2221 + r.nextInt(500));
                len = 16;
                break;
        }
        StringBuilder d = new StringBuilder(prefix);
        while (d.length() < len - 1) {
            d.append(r.nextInt(10));
        }
        int check = luhnCheckDigit(d);
        d.append(valid ? check : (check + 1 + r.nextInt(9)) % 10);
        String n = d.toString();
        switch (r.nextInt(3)) {
            case 0:
                return n;
            case 1:
                return len == 15 ? n.substring(0, 4) + " " + n.substring(4, 10) + " " + n.substring(10) : group(n, ' ');
            default:
                return len == 15 ? n.substring(0, 4) + "-" + n.substring(4, 10) + "-" + n.substring(10) : group(n, '-');
        }
    }

    static int luhnCheckDigit(CharSequence partial) {
        int sum = 0;
        boolean dbl = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int v = partial.charAt(i) - '0';
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

    private static String group(String n, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(sep);
            }
            sb.append(n.charAt(i));
        }
        return sb.toString();
    }

    String ssn(boolean dashed) {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666 || area == 123 || area == 78 || area == 219);
        String s = String.format("%03d", area) + (dashed ? "-" : " ") + two(1 + r.nextInt(99)) + (dashed ? "-" : " ")
                + four(1 + r.nextInt(9999));
        return s;
    }

    String ipv4() {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    String ipv6() {
        switch (r.nextInt(4)) {
            case 0: {
                StringBuilder sb = new StringBuilder();
                for (int g = 0; g < 8; g++) {
                    sb.append(g == 0 ? "" : ":").append(Integer.toHexString(r.nextInt(65536)));
                }
                return sb.toString();
            }
            case 1:
                return "2001:db8::" + Integer.toHexString(1 + r.nextInt(65535));
            case 2:
                return "fe80::" + Integer.toHexString(r.nextInt(65536)) + ":" + Integer.toHexString(r.nextInt(65536))
                        + ":" + Integer.toHexString(r.nextInt(65536)) + ":" + Integer.toHexString(1 + r.nextInt(65535));
            default:
                return "2a00:1450:4001:" + Integer.toHexString(r.nextInt(4096)) + "::200e";
        }
    }

    /** An IBAN for DE, GB, FR, NL or ES; valid check digits when {@code valid}. */
    String iban(boolean valid) {
        String cc;
        String bban;
        switch (r.nextInt(5)) {
            case 0:
                cc = "DE";
                bban = digits(18);
                break;
            case 1:
                cc = "GB";
                bban = letters(4) + digits(14);
                break;
            case 2:
                cc = "FR";
                bban = digits(10) + alnum(11) + digits(2);
                break;
            case 3:
                cc = "NL";
                bban = letters(4) + digits(10);
                break;
            default:
                cc = "ES";
                bban = digits(20);
                break;
        }
        int check = 98 - mod97(bban + cc + "00");
        if (!valid) {
            check = check == 98 ? 2 : check + 1;
        }
        String iban = cc + two(check) + bban;
        if (r.nextBoolean()) {
            return group(iban, ' ');
        }
        return iban;
    }

    private static int mod97(String s) {
        int rem = 0;
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                rem = (rem * 10 + c - '0') % 97;
            } else {
                rem = (rem * 100 + c - 'A' + 10) % 97;
            }
        }
        return rem;
    }

    private String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return sb.toString();
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    private String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private String alnum(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(r.nextInt(36)));
        }
        return sb.toString();
    }

    private String two(int v) {
        return String.format("%02d", v);
    }

    private String three() {
        return String.format("%03d", r.nextInt(1000));
    }

    private String four(int v) {
        return String.format("%04d", v);
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
