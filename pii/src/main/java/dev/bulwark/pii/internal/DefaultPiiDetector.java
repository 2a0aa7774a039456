package dev.bulwark.pii.internal;

import dev.bulwark.pii.PiiDetector;
import dev.bulwark.pii.PiiException;
import dev.bulwark.pii.PiiReason;
import dev.bulwark.pii.PiiSpan;
import dev.bulwark.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The single-pass scanner. One left-to-right loop dispatches on the current character to hand-written
 * recognisers; each looks a bounded distance (or, for tokens, over a run that no later start can re-enter),
 * so the whole scan is linear in the text length.
 */
public final class DefaultPiiDetector implements PiiDetector {

    /** Default context words per type. */
    public static final Map<PiiType, List<String>> DEFAULT_CONTEXT;

    static {
        Map<PiiType, List<String>> m = new EnumMap<>(PiiType.class);
        m.put(PiiType.PHONE, List.of("phone", "tel", "mobile", "cell", "call", "fax", "contact", "whatsapp",
                "sms"));
        m.put(PiiType.US_SSN, List.of("ssn", "social security", "social-security", "ss#", "taxpayer", "tin"));
        m.put(PiiType.CREDIT_CARD, List.of("card", "credit", "visa", "mastercard", "amex", "payment", "cc"));
        m.put(PiiType.IBAN, List.of("iban", "account", "bank"));
        m.put(PiiType.EMAIL, List.of("email", "e-mail", "mail"));
        m.put(PiiType.IPV4, List.of("ip", "host", "client", "remote", "addr"));
        m.put(PiiType.IPV6, List.of("ip", "ipv6", "host", "client", "remote", "addr"));
        DEFAULT_CONTEXT = Collections.unmodifiableMap(m);
    }

    private static final PiiType[] TYPES = PiiType.values();
    /** Context words only raise candidates below this confidence (checksummed and parsed values need none). */
    private static final double CONTEXT_CEILING = 0.9;
    /** Validated ("strong") candidates outrank weak ones; among strong ones the type priority decides. */
    private static final double STRONG = 0.85;
    /** Tie-break among overlapping candidates of the same strength: lower wins. */
    private static final int[] PRIORITY = new int[TYPES.length];

    static {
        PiiType[] order = {PiiType.PRIVATE_KEY, PiiType.JWT, PiiType.API_KEY, PiiType.URL_CREDENTIALS,
            PiiType.BEARER_TOKEN, PiiType.IBAN, PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.EMAIL, PiiType.IPV6,
            PiiType.IPV4, PiiType.PHONE};
        for (int i = 0; i < order.length; i++) {
            PRIORITY[order[i].ordinal()] = i;
        }
    }

    private static final String[] FILE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp",
        "css", "js", "mjs", "map", "json", "xml", "txt", "log", "html", "htm", "pdf", "zip", "gz", "tar", "jar",
        "class", "java", "yml", "yaml"};
    /** Whole words that make a following dotted quad a version or an identifier, not an address. */
    private static final String[] VERSION_WORDS = {"version", "release", "build", "ver", "oid"};

    // API key rules: prefix, charset, min, max body length
    private static final int UPPER_DIGIT = 0;
    private static final int ALNUM = 1;
    private static final int ALNUM_UNDERSCORE = 2;
    private static final int ALNUM_DASH = 3;
    private static final int HEX = 4;
    private static final int B64 = 5;
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final Object[][] KEY_RULES = {
        {"AKIA", UPPER_DIGIT, 16, 16}, {"ASIA", UPPER_DIGIT, 16, 16}, {"ABIA", UPPER_DIGIT, 16, 16},
        {"ACCA", UPPER_DIGIT, 16, 16}, {"AIza", ALNUM_DASH, 35, 35},
        {"ghp_", ALNUM, 30, 255}, {"gho_", ALNUM, 30, 255}, {"ghu_", ALNUM, 30, 255}, {"ghs_", ALNUM, 30, 255},
        {"ghr_", ALNUM, 30, 255}, {"github_pat_", ALNUM_UNDERSCORE, 22, 255}, {"glpat-", ALNUM_DASH, 20, UNBOUNDED},
        {"sk_live_", ALNUM, 10, 255}, {"rk_live_", ALNUM, 10, 255}, {"sk_test_", ALNUM, 10, 255},
        {"rk_test_", ALNUM, 10, 255}, {"sk-proj-", ALNUM_DASH, 20, UNBOUNDED}, {"sk-ant-", ALNUM_DASH, 20, UNBOUNDED},
        {"sk-svcacct-", ALNUM_DASH, 20, UNBOUNDED},
        {"xoxb-", ALNUM_DASH, 10, UNBOUNDED}, {"xoxp-", ALNUM_DASH, 10, UNBOUNDED},
        {"xoxa-", ALNUM_DASH, 10, UNBOUNDED}, {"xoxo-", ALNUM_DASH, 10, UNBOUNDED},
        {"xoxs-", ALNUM_DASH, 10, UNBOUNDED}, {"xoxr-", ALNUM_DASH, 10, UNBOUNDED},
        {"xoxe-", ALNUM_DASH, 10, UNBOUNDED}, {"xapp-", ALNUM_DASH, 10, UNBOUNDED},
        {"ak_live_", HEX, 16, 128}, {"ak_test_", HEX, 16, 128}, {"whsec_", B64, 16, UNBOUNDED},
        {"npm_", ALNUM, 36, 36},
    };

    /** The detector of {@link PiiDetector#ofDefaults()}. */
    public static final DefaultPiiDetector DEFAULT = new DefaultPiiDetector(EnumSet.allOf(PiiType.class),
            PiiDetector.Builder.DEFAULT_MIN_CONFIDENCE, PiiDetector.Builder.DEFAULT_CONTEXT_BOOST,
            PiiDetector.Builder.DEFAULT_CONTEXT_WINDOW, PiiDetector.Builder.DEFAULT_MAX_INPUT_LENGTH,
            DEFAULT_CONTEXT);


    private final boolean[] on = new boolean[TYPES.length];
    private final Set<PiiType> types;
    private final double minConfidence;
    private final double contextBoost;
    private final int contextWindow;
    private final int maxInputLength;
    private final String[][] context = new String[TYPES.length][];

    /**
     * @param types enabled types
     * @param minConfidence threshold
     * @param contextBoost boost for a context word
     * @param contextWindow characters searched before a candidate
     * @param maxInputLength refuse longer texts
     * @param contextWords context words per type, lower case
     */
    public DefaultPiiDetector(Set<PiiType> types, double minConfidence, double contextBoost, int contextWindow,
            int maxInputLength, Map<PiiType, List<String>> contextWords) {
        this.types = Collections.unmodifiableSet(EnumSet.copyOf(types));
        for (PiiType t : types) {
            on[t.ordinal()] = true;
        }
        this.minConfidence = minConfidence;
        this.contextBoost = contextBoost;
        this.contextWindow = contextWindow;
        this.maxInputLength = maxInputLength;
        for (PiiType t : TYPES) {
            List<String> w = contextWords.get(t);
            context[t.ordinal()] = w == null ? new String[0] : w.toArray(new String[0]);
        }
    }

    @Override
    public Set<PiiType> types() {
        return types;
    }

    @Override
    public List<PiiSpan> detect(CharSequence text) {
        if (text == null) {
            throw new PiiException(PiiReason.MISSING_INPUT, "text to scan must not be null");
        }
        int n = text.length();
        if (n > maxInputLength) {
            throw new PiiException(PiiReason.INPUT_TOO_LARGE,
                    "text has " + n + " characters; the maximum is " + maxInputLength);
        }
        if (n < 2) {
            return List.of();
        }
        Scan scan = new Scan(text.toString());
        scan.run();
        return scan.resolve();
    }

    @Override
    public String toString() {
        return "PiiDetector" + types;
    }

    // ---------------------------------------------------------------- character classes

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    static boolean isWordChar(char c) {
        return c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
    }

    static boolean isB64Url(char c) {
        return isAsciiAlnum(c) || c == '-' || c == '_';
    }

    static boolean numericPrevOk(char p) {
        if (isWordChar(p)) {
            return false;
        }
        switch (p) {
            case '.': case '-': case '/': case '#': case '$': case '+': case '@': case '\\': case '%': case '&':
            case '^': case '~': case '|': case '\u20ac': case '\u00a3': case '\u00a5': case '*': case '\u2026':
                return false;
            default:
                return true;
        }
    }

    static boolean inCharset(int set, char c) {
        switch (set) {
            case UPPER_DIGIT:
                return isUpper(c) || isDigit(c);
            case ALNUM:
                return isAsciiAlnum(c);
            case ALNUM_UNDERSCORE:
                return isAsciiAlnum(c) || c == '_';
            case ALNUM_DASH:
                return isAsciiAlnum(c) || c == '-' || c == '_';
            case HEX:
                return Checks.isHex(c);
            default:
                return isAsciiAlnum(c) || c == '+' || c == '/' || c == '=';
        }
    }

    /** The state of one scan: the text, the candidates, reusable buffers. Not shared between threads. */
    private final class Scan {
        private final String s;
        private final int n;
        private int count;
        private int[] cType = new int[16];
        private int[] cStart = new int[16];
        private int[] cEnd = new int[16];
        private double[] cConf = new double[16];
        private final int[] gl = new int[12];
        private final int[] ge = new int[12];
        private final char[] gsep = new char[12];
        private final boolean[] gpar = new boolean[12];
        private final char[] digits = new char[40];
        private int pemMemoFrom = -1;
        private int pemMemoAt = -1;

        Scan(String s) {
            this.s = s;
            this.n = s.length();
        }

        void run() {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c == ' ') {
                    continue;
                }
                char prev = i == 0 ? ' ' : s.charAt(i - 1);
                if (c == '@') {
                    if (on[PiiType.EMAIL.ordinal()]) {
                        email(i);
                    }
                    continue;
                }
                if (c == ':') {
                    if (i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                        if (on[PiiType.URL_CREDENTIALS.ordinal()]) {
                            urlCredentials(i);
                        }
                    } else if (on[PiiType.IPV6.ordinal()] && i + 1 < n && s.charAt(i + 1) == ':'
                            && ipv6PrevOk(prev)) {
                        ipv6(i);
                    }
                    continue;
                }
                if (c == '-') {
                    if (on[PiiType.PRIVATE_KEY.ordinal()] && s.startsWith("-----BEGIN ", i)) {
                        int e = pem(i);
                        if (e > 0) {
                            i = e - 1;
                        }
                    }
                    continue;
                }
                if (isWordChar(prev)) {
                    continue; // every other recogniser starts at a word boundary
                }
                if (isDigit(c)) {
                    if (numericPrevOk(prev)) {
                        if (on[PiiType.CREDIT_CARD.ordinal()]) {
                            card(i);
                        }
                        if (on[PiiType.US_SSN.ordinal()]) {
                            ssn(i, prev);
                        }
                        if (on[PiiType.PHONE.ordinal()]) {
                            phone(i);
                        }
                    } else if (prev == '#' && i >= 2 && isAsciiLetter(s.charAt(i - 2))) {
                        // a label glued to its value ("SSN#123-45-6789", "card#4111…"); the checksum or the
                        // SSN shape decides, as after a space; a bare '#' ("#4111…") stays a reference
                        if (on[PiiType.CREDIT_CARD.ordinal()]) {
                            card(i);
                        }
                        if (on[PiiType.US_SSN.ordinal()]) {
                            ssn(i, prev);
                        }
                    }
                    // a dotted quad is distinctive enough to follow '/' or '-' ("http://10.0.0.1/", ranges);
                    // not '@' ("lib@1.2.3.4" is a package version)
                    if (on[PiiType.IPV4.ordinal()] && prev != '.' && prev != '*' && prev != '\u2026'
                            && prev != '$' && prev != '#' && prev != '@') {
                        ipv4(i);
                    }
                    if (on[PiiType.IPV6.ordinal()] && ipv6PrevOk(prev)) {
                        ipv6(i);
                    }
                } else if (c == '+' || c == '(') {
                    if (on[PiiType.PHONE.ordinal()] && prev != '+' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                        phone(i);
                    }
                } else if (isAsciiLetter(c)) {
                    if (on[PiiType.IPV6.ordinal()] && Checks.isHex(c) && ipv6PrevOk(prev)) {
                        ipv6(i);
                    }
                    if (on[PiiType.IBAN.ordinal()] && isUpper(c)) {
                        iban(i);
                    }
                    if (on[PiiType.BEARER_TOKEN.ordinal()] && (c == 'B' || c == 'b')) {
                        bearer(i);
                    }
                    if (on[PiiType.JWT.ordinal()] && c == 'e') {
                        int e = jwt(i, prev);
                        if (e > 0) {
                            i = e - 1;
                            continue;
                        }
                    }
                    if (on[PiiType.API_KEY.ordinal()]) {
                        int e = apiKey(i);
                        if (e > 0) {
                            i = e - 1;
                        }
                    }
                }
            }
        }

        boolean ipv6PrevOk(char prev) {
            return !isWordChar(prev) && prev != ':' && prev != '.' && prev != '-' && prev != '*' && prev != '\u2026';
        }

        /** Whether a number ending at {@code e} really ends there (no letters, no decimal or dashed tail). */
        boolean numberEnds(int e) {
            if (e >= n) {
                return true;
            }
            char c = s.charAt(e);
            if (isWordChar(c)) {
                return false;
            }
            if (c == ',') {
                return !(e + 1 < n && isDigit(s.charAt(e + 1)) && amountTail(e + 1));
            }
            return !((c == '.' || c == '-' || c == '/') && e + 1 < n && isDigit(s.charAt(e + 1)));
        }

        /**
         * Whether the digits at {@code p}, after a comma, continue an amount ({@code 1,234}, {@code 1,234,567},
         * {@code 1,234.56}, {@code 567,89}): two or three digits, then the end of the number, a further
         * thousands group, or one decimal part. Anything else after the comma (a longer run, a word, a time
         * {@code 09:10}, a date {@code 05/07/2021} or {@code 19.01.2024}, a dotted quad, a spaced or dashed
         * number) is the next field of a CSV row or a list, and the number before the comma ends at it. Looks at
         * most nine characters ahead.
         */
        boolean amountTail(int p) {
            int q = digitsFrom(p, 4);
            int len = q - p;
            if (len < 2 || len > 3 || q >= n) {
                return len >= 2 && len <= 3;
            }
            char d = s.charAt(q);
            if (isWordChar(d) || d == ':' || d == '-') {
                return false; // "12:30", "64:ff9b::", "85-F9-AA-…": a time, an address or a code in the next field
            }
            boolean digitNext = q + 1 < n && isDigit(s.charAt(q + 1));
            if (!digitNext) {
                return true;
            }
            if (d == ',') {
                return true;
            }
            if (d == '.') {
                int r = digitsFrom(q + 1, 4);
                if (r - (q + 1) > 3 || r >= n) {
                    return r - (q + 1) <= 3;
                }
                char e = s.charAt(r);
                return !isWordChar(e) && e != '.' && e != ':' && e != ',';
            }
            return d != ':' && d != '/' && d != ' ' && d != '-';
        }

        /** {@return the index after the digit run at {@code p}, reading at most {@code max} digits} */
        int digitsFrom(int p, int max) {
            int q = p;
            while (q < n && q - p < max && isDigit(s.charAt(q))) {
                q++;
            }
            return q;
        }

        // ------------------------------------------------------------ candidates

        void add(PiiType type, int start, int end, double confidence) {
            if (end < n && (s.charAt(end) == '*' || s.charAt(end) == '\u2026')) {
                return; // the visible remnant of an already masked value ("fe80::98***")
            }
            double conf = confidence;
            int t = type.ordinal();
            // weak (unformatted) candidates need the context word close by: half the window
            int window = conf < minConfidence ? contextWindow / 2 : contextWindow;
            if (conf < CONTEXT_CEILING && window > 0 && context[t].length > 0
                    && hasContext(context[t], start, window)) {
                conf = Math.min(1.0, conf + contextBoost);
            }
            conf = Math.round(conf * 100) / 100.0;
            if (conf < minConfidence || conf <= 0) {
                return;
            }
            if (count == cType.length) {
                int cap = count * 2;
                cType = Arrays.copyOf(cType, cap);
                cStart = Arrays.copyOf(cStart, cap);
                cEnd = Arrays.copyOf(cEnd, cap);
                cConf = Arrays.copyOf(cConf, cap);
            }
            cType[count] = t;
            cStart[count] = start;
            cEnd[count] = end;
            cConf[count] = conf;
            count++;
        }

        boolean hasContext(String[] words, int start, int window) {
            int from = Math.max(0, start - window);
            for (int j = from; j < start; j++) {
                char c = s.charAt(j);
                if (!Character.isLetter(c) || j > 0 && Character.isLetter(s.charAt(j - 1))) {
                    continue; // context words start at a word start
                }
                if (closingTag(j)) {
                    continue; // a closing tag ("</ssn>") labels the value before it, not the one after
                }
                if (j > 0 && s.charAt(j - 1) == '[' && maskToken(j - 1, n) > 0) {
                    continue; // a mask placeholder ("[PHONE]") is a masked value, not a context word
                }
                char lc = Character.toLowerCase(c);
                for (String w : words) {
                    int len = w.length();
                    if (w.charAt(0) == lc && j + len <= start && s.regionMatches(true, j, w, 0, len)
                            && (j + len >= n || !Character.isLetter(s.charAt(j + len)))
                            && !relabelled(j + len, start)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Whether, between a context word ending at {@code from} and a candidate at {@code to}, the word's own
         * value (a run of three or more digits) is followed by a new label of at least three letters
         * ({@code SSN: 419296712, routing 078616378}): the context word then belongs to the first value. A list
         * of values after one word ({@code phones: 4155552671, 4155552672}) keeps it. Bounded by the window.
         */
        boolean relabelled(int from, int to) {
            int run = 0;
            boolean value = false;
            int letters = 0;
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                int token = c == '[' ? maskToken(k, to) : -1;
                if (token > 0) {
                    // a value already masked ("[PHONE]", "[US_SSN_3f9a...]") is still the context word's value,
                    // so masking masked text finds what the first pass found (masking stays idempotent)
                    value = true;
                    run = 0;
                    letters = 0;
                    k = token;
                    continue;
                }
                if (isDigit(c)) {
                    run++;
                    if (run >= 3) {
                        value = true;
                    }
                    letters = 0;
                } else {
                    run = 0;
                    letters = Character.isLetter(c) ? letters + 1 : 0;
                    if (value && letters >= 3) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * The end index ({@code ]}) of a mask placeholder starting at {@code k} ({@code [} + an upper-case type
         * name, optionally {@code _} and a hash, + {@code ]}), within {@code to} and at most 64 characters, or -1.
         */
        int maskToken(int k, int to) {
            int j = k + 1;
            if (j >= to || s.charAt(j) < 'A' || s.charAt(j) > 'Z') {
                return -1;
            }
            int limit = Math.min(to, k + 64);
            while (j < limit) {
                char d = s.charAt(j);
                if (d == ']') {
                    return j - k >= 3 ? j : -1;
                }
                if (!(d >= 'A' && d <= 'Z' || d >= 'a' && d <= 'z' || d >= '0' && d <= '9' || d == '_')) {
                    return -1;
                }
                j++;
            }
            return -1;
        }

        List<PiiSpan> resolve() {
            if (count == 0) {
                return List.of();
            }
            if (count == 1) {
                return List.of(span(0));
            }
            Integer[] idx = new Integer[count];
            for (int k = 0; k < count; k++) {
                idx[k] = k;
            }
            Arrays.sort(idx, (a, b) -> {
                int c = Boolean.compare(cConf[b] >= STRONG, cConf[a] >= STRONG);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(PRIORITY[cType[a]], PRIORITY[cType[b]]);
                if (c != 0) {
                    return c;
                }
                c = Double.compare(cConf[b], cConf[a]);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(cEnd[b] - cStart[b], cEnd[a] - cStart[a]);
                return c != 0 ? c : Integer.compare(cStart[a], cStart[b]);
            });
            TreeMap<Integer, Integer> accepted = new TreeMap<>();
            for (Integer k : idx) {
                Map.Entry<Integer, Integer> floor = accepted.floorEntry(cEnd[k] - 1);
                if (floor != null && cEnd[floor.getValue()] > cStart[k]) {
                    continue;
                }
                accepted.put(cStart[k], k);
            }
            List<PiiSpan> out = new ArrayList<>(accepted.size());
            for (Integer k : accepted.values()) {
                out.add(span(k));
            }
            return Collections.unmodifiableList(out);
        }

        PiiSpan span(int k) {
            return new PiiSpan(TYPES[cType[k]], cStart[k], cEnd[k], cConf[k]);
        }

        // ------------------------------------------------------------ EMAIL

        void email(int at) {
            int a = at;
            while (a > 0 && at - a <= 64 && (isLocalChar(s.charAt(a - 1))
                    || s.charAt(a - 1) == '\'' && a >= 2 && a < at && isAsciiAlnum(s.charAt(a - 2))
                    && isAsciiAlnum(s.charAt(a)))) {
                a--; // an apostrophe counts only between letters or digits (o'reilly)
            }
            if (at - a > 64) {
                return;
            }
            while (a < at && s.charAt(a) == '.') {
                a++;
            }
            if (a == at || s.charAt(at - 1) == '.') {
                return;
            }
            if (a > 0 && Character.isLetterOrDigit(s.charAt(a - 1))) {
                return;
            }
            for (int k = a; k < at - 1; k++) {
                if (s.charAt(k) == '.' && s.charAt(k + 1) == '.') {
                    return;
                }
            }
            int d = at + 1;
            int q = d;
            while (q < n && q - d <= 253 && isDomainChar(s.charAt(q))) {
                q++;
            }
            if (q - d > 253) {
                return;
            }
            if (q < n && (isWordChar(s.charAt(q)) || s.charAt(q) == '@')) {
                return;
            }
            int e = q;
            while (e > d && (s.charAt(e - 1) == '.' || s.charAt(e - 1) == '-')) {
                e--;
            }
            if (e == d || !validDomain(d, e)) {
                return;
            }
            add(PiiType.EMAIL, a, e, 0.99);
        }

        boolean validDomain(int d, int e) {
            int labels = 0;
            int labelStart = d;
            for (int k = d; k <= e; k++) {
                if (k == e || s.charAt(k) == '.') {
                    int len = k - labelStart;
                    if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
                        return false;
                    }
                    labels++;
                    if (k < e) {
                        labelStart = k + 1;
                    }
                }
            }
            if (labels < 2) {
                return false;
            }
            int tldLen = e - labelStart;
            if (tldLen >= 5 && s.regionMatches(true, labelStart, "xn--", 0, 4)) {
                return true;
            }
            if (tldLen < 2) {
                return false;
            }
            for (int k = labelStart; k < e; k++) {
                if (!isAsciiLetter(s.charAt(k))) {
                    return false;
                }
            }
            for (String ext : FILE_EXTENSIONS) {
                if (ext.length() == tldLen && s.regionMatches(true, labelStart, ext, 0, tldLen)) {
                    return false;
                }
            }
            return true;
        }

        boolean isLocalChar(char c) {
            return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
        }

        boolean isDomainChar(char c) {
            return isAsciiAlnum(c) || c == '.' || c == '-';
        }

        // ------------------------------------------------------------ URL_CREDENTIALS

        void urlCredentials(int colon) {
            int b = colon;
            while (b > 0 && colon - b < 32 && isSchemeChar(s.charAt(b - 1))) {
                b--;
            }
            while (b < colon && !isAsciiLetter(s.charAt(b))) {
                b++;
            }
            if (b == colon) {
                return;
            }
            int a = colon + 3;
            int p = a;
            int at = -1;
            while (p < n && p - a < 512) {
                char c = s.charAt(p);
                if (c == '@') {
                    at = p;
                } else if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
                        || c == '`' || Character.isWhitespace(c) || (c == '[' || c == ']') && at < 0) {
                    break; // RFC 3986: no brackets in userinfo ("http://10.0.0.1,[mail](mailto:a@b.c)")
                }
                p++;
            }
            if (at < 0 || at + 1 >= n) {
                return;
            }
            int sep = s.indexOf(':', a);
            if (sep < 0 || sep >= at - 1) {
                return;
            }
            char h = s.charAt(at + 1);
            if (!(isAsciiAlnum(h) || h == '[')) {
                return;
            }
            for (int k = sep + 1; k < at; k++) {
                if (s.charAt(k) == '*' || s.charAt(k) == '\u2026') {
                    return; // an already masked password
                }
            }
            add(PiiType.URL_CREDENTIALS, a, at, 0.99);
        }

        boolean isSchemeChar(char c) {
            return isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
        }

        // ------------------------------------------------------------ CREDIT_CARD

        /**
         * Whether {@code i} follows "digit space" or two four-character upper-case/digit groups ({@code NL10 RZKV
         * 0390…}): the middle of a longer run of spaced groups such as an IBAN.
         */
        boolean insideSpacedDigits(int i) {
            if (i < 2 || s.charAt(i - 1) != ' ') {
                return false;
            }
            if (isDigit(s.charAt(i - 2))) {
                return true;
            }
            return i >= 10 && codeGroup(i - 5) && s.charAt(i - 6) == ' ' && codeGroup(i - 10);
        }

        /**
         * Whether the letter group at {@code from} (a bank code such as {@code NWBK}) follows, through at most two
         * further space-separated groups, an IBAN head ({@code GB29}): two letters and two digits.
         */
        private boolean ibanHeadBefore(int from) {
            int at = from;
            for (int g = 0; g < 3 && at >= 0; g++) {
                if (!codeGroup(at) || at + 4 < n && s.charAt(at + 4) != ' ') {
                    return false;
                }
                if (isUpper(s.charAt(at)) && isUpper(s.charAt(at + 1)) && isDigit(s.charAt(at + 2))
                        && isDigit(s.charAt(at + 3))) {
                    return true;
                }
                at -= 5;
            }
            return false;
        }

        private boolean codeGroup(int from) {
            for (int k = from; k < from + 4; k++) {
                char c = s.charAt(k);
                if (!isUpper(c) && !isDigit(c)) {
                    return false;
                }
            }
            return from == 0 || !isWordChar(s.charAt(from - 1));
        }

        void card(int i) {
            if (i >= 5 && s.charAt(i - 1) == ' ' && codeGroup(i - 5)
                    && (isDigit(s.charAt(i - 2)) || isDigit(s.charAt(i - 3)) || ibanHeadBefore(i - 5))) {
                return; // inside an IBAN-like run of groups ("ES25 5343 3464 ...", "GB39 IQJQ 4277 ...")
            }
            int groups = 0;
            int total = 0;
            char sep = 0;
            int p = i;
            while (groups < 8) {
                int q = p;
                while (q < n && q - p <= 19 && isDigit(s.charAt(q))) {
                    q++;
                }
                int len = q - p;
                if (len > 19) {
                    return;
                }
                gl[groups] = len;
                ge[groups] = q;
                groups++;
                total += len;
                if (total > 23) {
                    break;
                }
                if (q + 1 < n && (s.charAt(q) == ' ' || s.charAt(q) == '-') && isDigit(s.charAt(q + 1))) {
                    if (sep == 0) {
                        sep = s.charAt(q);
                    } else if (s.charAt(q) != sep) {
                        break;
                    }
                    p = q + 1;
                } else {
                    break;
                }
            }
            for (int k = groups; k >= 1; k--) {
                int d = 0;
                for (int g = 0; g < k; g++) {
                    d += gl[g];
                }
                if (d < 13 || d > 19) {
                    continue;
                }
                int e = ge[k - 1];
                if (k < groups && (sep == '-' || gl[k] == 4)) {
                    continue; // a longer dashed number, or a longer run of 4-digit groups
                }
                if (k == groups && !numberEnds(e)) {
                    continue;
                }
                if (!cardShape(k)) {
                    continue;
                }
                int m = 0;
                for (int x = i; x < e; x++) {
                    char c = s.charAt(x);
                    if (isDigit(c)) {
                        digits[m++] = c;
                    }
                }
                if (Checks.luhn(digits, m) && Checks.cardIssuer(digits, m)) {
                    add(PiiType.CREDIT_CARD, i, e, 0.99);
                    return;
                }
            }
        }

        boolean cardShape(int k) {
            if (k == 1) {
                return true;
            }
            if (k == 3 && gl[0] == 4 && gl[1] == 6 && (gl[2] == 5 || gl[2] == 4)) {
                return true; // Amex 4-6-5, Diners 4-6-4
            }
            for (int g = 0; g < k - 1; g++) {
                if (gl[g] != 4) {
                    return false;
                }
            }
            return gl[k - 1] >= 1 && gl[k - 1] <= 4;
        }

        // ------------------------------------------------------------ US_SSN

        void ssn(int i, char prev) {
            int q = i;
            while (q < n && q - i < 10 && isDigit(s.charAt(q))) {
                q++;
            }
            int len = q - i;
            if (len == 9) {
                if (numberEnds(q) && ssnValid(i, i + 3, i + 5)) {
                    add(PiiType.US_SSN, i, q, 0.3);
                }
                return;
            }
            if (len != 3 || q + 8 > n) {
                return;
            }
            char sep = s.charAt(q);
            if (sep != '-' && sep != ' ') {
                return;
            }
            if (!isDigit(s.charAt(q + 1)) || !isDigit(s.charAt(q + 2)) || s.charAt(q + 3) != sep) {
                return;
            }
            for (int k = q + 4; k < q + 8; k++) {
                if (!isDigit(s.charAt(k))) {
                    return;
                }
            }
            int e = q + 8;
            if (!numberEnds(e)) {
                return;
            }
            if (sep == ' ') {
                if (e + 1 < n && s.charAt(e) == ' ' && isDigit(s.charAt(e + 1))
                        || prev == ' ' && i >= 2 && isDigit(s.charAt(i - 2))) {
                    return; // part of a longer run of spaced digit groups
                }
            }
            if (ssnValid(i, q + 1, q + 4)) {
                add(PiiType.US_SSN, i, e, sep == '-' ? 0.85 : 0.6);
            }
        }

        boolean ssnValid(int a, int g, int sr) {
            int area = num(a, 3);
            int group = num(g, 2);
            int serial = num(sr, 4);
            if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
                return false;
            }
            if (area == 78 && group == 5 && serial == 1120 || area == 219 && group == 9 && serial == 9999
                    || area == 123 && group == 45 && serial == 6789) {
                return false; // advertised / sample numbers
            }
            char first = s.charAt(a);
            boolean same = s.charAt(a + 1) == first && s.charAt(a + 2) == first;
            for (int k = 0; k < 2 && same; k++) {
                same = s.charAt(g + k) == first;
            }
            for (int k = 0; k < 4 && same; k++) {
                same = s.charAt(sr + k) == first;
            }
            return !same;
        }

        int num(int from, int len) {
            int v = 0;
            for (int k = from; k < from + len; k++) {
                v = v * 10 + s.charAt(k) - '0';
            }
            return v;
        }

        // ------------------------------------------------------------ PHONE

        void phone(int i) {
            boolean plus = s.charAt(i) == '+';
            if (!plus && insideSpacedDigits(i)) {
                return;
            }
            int p = plus ? i + 1 : i;
            int groups = 0;
            int total = 0;
            while (groups < gl.length) {
                boolean par = false;
                if (p < n && s.charAt(p) == '(') {
                    par = true;
                    p++;
                }
                int q = p;
                while (q < n && q - p <= 15 && isDigit(s.charAt(q))) {
                    q++;
                }
                int len = q - p;
                if (len == 0 || len > 15) {
                    if (groups == 0) {
                        return;
                    }
                    break;
                }
                if (par) {
                    if (q < n && s.charAt(q) == ')') {
                        q++;
                    } else {
                        if (groups == 0) {
                            return;
                        }
                        break;
                    }
                }
                gl[groups] = len;
                ge[groups] = q;
                gpar[groups] = par;
                gsep[groups] = 0;
                groups++;
                total += len;
                if (total > 17 || q >= n) {
                    break;
                }
                char c = s.charAt(q);
                if ((c == ' ' || c == '-' || c == '.') && q + 1 < n
                        && (isDigit(s.charAt(q + 1)) || s.charAt(q + 1) == '(')) {
                    gsep[groups - 1] = c;
                    p = q + 1;
                } else if (par && isDigit(c)) {
                    gsep[groups - 1] = ')';
                    p = q;
                } else {
                    break;
                }
            }
            if (!plus && groups == 4 && gl[0] == 4 && gl[1] == 4 && gl[2] == 4 && gl[3] == 4 && !gpar[0]
                    && gsep[0] == gsep[1] && gsep[1] == gsep[2]) {
                return; // "0041 4455 0387 1260": the 4-4-4-4 layout of a card or account number, not a phone
            }
            for (int k = groups; k >= 1; k--) {
                if (k < groups && gsep[k - 1] != ' ') {
                    continue; // only a space may separate a phone number from further digits
                }
                int e = ge[k - 1];
                if (k == groups && !numberEnds(e)) {
                    continue;
                }
                double conf = phoneConfidence(plus, k);
                if (conf > 0) {
                    add(PiiType.PHONE, i, e, conf);
                    return;
                }
            }
        }

        double phoneConfidence(boolean plus, int k) {
            int m = 0;
            for (int g = 0; g < k; g++) {
                int from = ge[g] - gl[g] - (gpar[g] ? 1 : 0);
                if (plus && g > 0 && gpar[g] && gl[g] == 1 && s.charAt(from) == '0') {
                    continue; // "+44 (0) 20 ..." trunk prefix in brackets
                }
                if (m + gl[g] > digits.length) {
                    return 0;
                }
                s.getChars(from, from + gl[g], digits, m);
                m += gl[g];
            }
            if (plus) {
                if (k > 1 && gl[0] > 4) {
                    return 0;
                }
                return e164(0, m) ? 0.9 : 0;
            }
            if (m >= 10 && digits[0] == '0' && digits[1] == '0' && !gpar[0]) {
                return e164(2, m) ? 0.8 : 0; // 00 international prefix
            }
            boolean sameSep = true;
            char first = 0;
            for (int g = 0; g < k; g++) {
                // separators next to a bracketed group ("1 (800) 555-0199") do not count
                if (g < k - 1 && gsep[g] != ')' && !gpar[g] && !gpar[g + 1]) {
                    if (first == 0) {
                        first = gsep[g];
                    } else if (gsep[g] != first) {
                        sameSep = false;
                    }
                }
            }
            if (k == 1) {
                if (m == 10 && nanp(0) || m == 11 && digits[0] == '1' && nanp(1)
                        || (m == 10 || m == 11) && digits[0] == '0' && digits[1] != '0') {
                    return 0.35;
                }
                return 0;
            }
            if (!sameSep) {
                return 0;
            }
            if (m == 10 && k == 3 && gl[0] == 3 && gl[1] == 3 && gl[2] == 4 && !gpar[1] && !gpar[2] && nanp(0)) {
                return gpar[0] ? 0.85 : 0.75;
            }
            if (m == 11 && k == 4 && gl[0] == 1 && digits[0] == '1' && gl[1] == 3 && gl[2] == 3 && gl[3] == 4
                    && !gpar[0] && !gpar[2] && !gpar[3] && nanp(1)) {
                return 0.75;
            }
            if ((m == 10 || m == 11) && digits[0] == '0' && digits[1] != '0' && k <= 5) {
                for (int g = 0; g < k; g++) {
                    if (gl[g] < 2 || g > 0 && gpar[g]) {
                        return 0;
                    }
                }
                if (first == '.') {
                    for (int g = 0; g < k; g++) {
                        if (gl[g] != 2) {
                            return 0;
                        }
                    }
                }
                return 0.7;
            }
            return 0;
        }

        /**
         * NANP area code rule (first digit 2-9, not N11). The exchange rule (first digit 2-9) is not enforced:
         * fictional and test numbers such as 555-123-4567 are everywhere in real text and should be masked.
         */
        boolean nanp(int off) {
            char a = digits[off];
            boolean n11 = digits[off + 1] == '1' && digits[off + 2] == '1';
            return a >= '2' && a <= '9' && !n11;
        }

        boolean e164(int off, int end) {
            int nd = end - off;
            if (nd < 8 || nd > 15) {
                return false;
            }
            char d0 = digits[off];
            if (d0 == '0') {
                return false;
            }
            if (d0 == '1') {
                return nd == 11 && nanp(off + 1);
            }
            if (d0 == '7') {
                return nd == 11;
            }
            int cc2 = (d0 - '0') * 10 + digits[off + 1] - '0';
            int ccLen;
            if (isTwoDigitCountryCode(cc2)) {
                ccLen = 2;
            } else if (isThreeDigitZone(cc2)) {
                ccLen = 3;
            } else {
                return false;
            }
            int national = nd - ccLen;
            return national >= 5 && national <= 13;
        }

        // ------------------------------------------------------------ IPV4 / IPV6

        void ipv4(int i) {
            int p = i;
            for (int octet = 0; octet < 4; octet++) {
                int q = p;
                int v = 0;
                while (q < n && q - p < 4 && isDigit(s.charAt(q))) {
                    v = v * 10 + s.charAt(q) - '0';
                    q++;
                }
                int len = q - p;
                if (len == 0 || len > 3 || v > 255 || len > 1 && s.charAt(p) == '0') {
                    return;
                }
                if (octet < 3) {
                    if (q + 1 < n && s.charAt(q) == '.') {
                        p = q + 1;
                    } else {
                        return;
                    }
                } else {
                    p = q;
                }
            }
            if (p < n) {
                char c = s.charAt(p);
                if (isWordChar(c) || c == '.' && p + 1 < n && isDigit(s.charAt(p + 1))) {
                    return;
                }
            }
            for (String w : VERSION_WORDS) {
                int from = Math.max(0, i - 12);
                for (int j = from; j <= i - w.length(); j++) {
                    int e = j + w.length();
                    if (s.regionMatches(true, j, w, 0, w.length()) && (j == 0 || !isWordChar(s.charAt(j - 1)))
                            && !isAsciiLetter(s.charAt(e)) && !closingTag(j) && !digitBetween(e, i)) {
                        return; // "version 1.2.3.4" is a version ("verified 1.2.3.4", "</oid><ip>1.2.3.4" are not)
                    }
                }
            }
            if (i > 0 && s.charAt(i - 1) == '\u00a7' || productToken(i)) {
                return; // "§4.1.2.3" is a section; "Chrome/120.0.0.0" is a product version
            }
            add(PiiType.IPV4, i, p, 0.95);
        }

        /**
         * Whether the number at {@code i} follows a product token of a User-Agent or Server header
         * ({@code Chrome/120.0.0.0}, {@code Edg/120.0.0.0}): a slash right after a word that starts with a
         * letter and stands alone (after the start, a space, a bracket, a quote, a comma or a semicolon). A slash
         * in a URL or a path ({@code http://10.0.0.1}, {@code /hosts/10.0.0.1}) is not one. Looks back at most
         * 40 characters.
         */
        /** {@return whether the word at {@code j} is the name of an XML closing tag ({@code </ssn>})} */
        boolean closingTag(int j) {
            return j >= 2 && s.charAt(j - 1) == '/' && s.charAt(j - 2) == '<';
        }

        /** {@return whether a digit lies in {@code [from, to)}} */
        boolean digitBetween(int from, int to) {
            for (int k = from; k < to; k++) {
                if (isDigit(s.charAt(k))) {
                    return true;
                }
            }
            return false;
        }

        boolean productToken(int i) {
            if (i < 2 || s.charAt(i - 1) != '/') {
                return false;
            }
            int j = i - 2;
            int stop = Math.max(-1, i - 42);
            while (j > stop && (isAsciiAlnum(s.charAt(j)) || s.charAt(j) == '-' || s.charAt(j) == '_'
                    || s.charAt(j) == '.')) {
                j--;
            }
            if (j == stop && stop >= 0 || j == i - 2 || !isAsciiLetter(s.charAt(j + 1))) {
                return false;
            }
            if (j < 0) {
                return true;
            }
            char b = s.charAt(j);
            return b == ' ' || b == '\t' || b == '(' || b == '"' || b == '\'' || b == ',' || b == ';' || b == '[';
        }

        void ipv6(int i) {
            int q = i;
            int colons = 0;
            while (q < n && q - i <= 45) {
                char c = s.charAt(q);
                if (c == ':') {
                    colons++;
                } else if (!(Checks.isHex(c) || c == '.')) {
                    break;
                }
                q++;
            }
            if (q - i > 45 || colons < 2) {
                return;
            }
            if (q < n && isWordChar(s.charAt(q))) {
                return;
            }
            int e = q;
            while (e > i && s.charAt(e - 1) == '.') {
                e--;
            }
            if (e - i > 2 && s.charAt(e - 1) == ':' && s.charAt(e - 2) != ':') {
                e--;
            }
            if (e - i < 3 || !Checks.ipv6(s, i, e)) {
                return;
            }
            add(PiiType.IPV6, i, e, 0.95);
        }

        // ------------------------------------------------------------ IBAN

        void iban(int i) {
            if (i + 15 > n) {
                return;
            }
            char a = s.charAt(i);
            char b = s.charAt(i + 1);
            if (!isUpper(b) || !isDigit(s.charAt(i + 2)) || !isDigit(s.charAt(i + 3))) {
                return;
            }
            int len = Checks.ibanLength(a, b);
            if (len == 0) {
                return;
            }
            boolean spaced = s.charAt(i + 4) == ' ';
            int m = 0;
            int p = i;
            while (m < len && p < n) {
                char c = s.charAt(p);
                if (isUpper(c) || isDigit(c)) {
                    digits[m++] = c;
                    p++;
                } else if (c == ' ' && spaced && m > 0 && m % 4 == 0 && p + 1 < n
                        && (isUpper(s.charAt(p + 1)) || isDigit(s.charAt(p + 1)))) {
                    p++;
                } else {
                    break;
                }
            }
            if (m != len || p < n && isWordChar(s.charAt(p))) {
                return;
            }
            if (spaced && len % 4 == 0 && continuesGroups(p)) {
                return; // "AT45 4883 3773 6194 8112 9": a longer grouped number, not an IBAN and more text
            }
            if (Checks.ibanBbanNumeric(a, b)) {
                for (int k = 4; k < m; k++) {
                    if (!isDigit(digits[k])) {
                        return; // the registry's BBAN of this country has no letters
                    }
                }
            }
            if (Checks.ibanMod97(digits, m)) {
                add(PiiType.IBAN, i, p, 0.99);
            }
        }

        /**
         * Whether a printed IBAN that ended on a full group at {@code p} is followed by one more group of one to
         * four upper-case letters or digits with at least one digit ({@code " 9"}, {@code " 7032"}): then the
         * run is longer than the country's IBAN and a prefix that passes mod-97 does so by chance. A following
         * word ({@code " EUR"}) does not continue it.
         */
        boolean continuesGroups(int p) {
            if (p + 1 >= n || s.charAt(p) != ' ') {
                return false;
            }
            int q = p + 1;
            boolean digit = false;
            while (q < n && q - p <= 5 && (isUpper(s.charAt(q)) || isDigit(s.charAt(q)))) {
                digit |= isDigit(s.charAt(q));
                q++;
            }
            int len = q - p - 1;
            return digit && len >= 1 && len <= 4 && (q >= n || !isWordChar(s.charAt(q)));
        }

        // ------------------------------------------------------------ secrets

        int jwt(int i, char prev) {
            if (!s.startsWith("eyJ", i) || prev == '-' || prev == '.' || prev == '/' || prev == '+') {
                return -1;
            }
            int q = i;
            int dots = 0;
            int firstDot = -1;
            int secondDot = -1;
            while (q < n) {
                char c = s.charAt(q);
                if (c == '.') {
                    if (dots == 0) {
                        firstDot = q;
                    } else if (dots == 1) {
                        secondDot = q;
                    }
                    dots++;
                } else if (!isB64Url(c)) {
                    break;
                }
                q++;
            }
            int e = q;
            while (e > i && s.charAt(e - 1) == '.') {
                e--;
                dots--;
            }
            if (dots != 2 && dots != 4 || e < n && (s.charAt(e) == '=' || s.charAt(e) == '+' || s.charAt(e) == '/')) {
                return -1;
            }
            int headerLen = firstDot - i;
            if (headerLen < 8 || headerLen > 4096 || headerLen % 4 == 1
                    || dots == 2 && secondDot - firstDot < 2) {
                return -1;
            }
            byte[] header;
            try {
                header = Base64.getUrlDecoder().decode(s.substring(i, firstDot));
            } catch (IllegalArgumentException ex) {
                return -1;
            }
            String h = new String(header, StandardCharsets.ISO_8859_1).strip();
            if (!h.startsWith("{") || !h.endsWith("}") || !h.contains("\"alg\"")) {
                return -1;
            }
            add(PiiType.JWT, i, e, 0.99);
            return e;
        }

        void bearer(int i) {
            if (i + 6 >= n || !s.regionMatches(true, i, "bearer", 0, 6)) {
                return;
            }
            int p = i + 6;
            int ws = 0;
            while (p < n && ws < 4 && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
                ws++;
            }
            if (ws == 0) {
                return;
            }
            int t = p;
            while (p < n && isToken68(s.charAt(p))) {
                p++;
            }
            int core = p - t;
            while (p < n && s.charAt(p) == '=') {
                p++;
            }
            if (core < 16 || p < n && (s.charAt(p) == '*' || s.charAt(p) == '\u2026')) {
                return;
            }
            add(PiiType.BEARER_TOKEN, t, p, 0.95);
        }

        boolean isToken68(char c) {
            return isAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }

        int apiKey(int i) {
            char c0 = s.charAt(i);
            for (Object[] rule : KEY_RULES) {
                String prefix = (String) rule[0];
                if (prefix.charAt(0) != c0 || !s.startsWith(prefix, i)) {
                    continue;
                }
                int set = (Integer) rule[1];
                int min = (Integer) rule[2];
                int max = (Integer) rule[3];
                int b = i + prefix.length();
                int q = b;
                while (q < n && q - b <= max && inCharset(set, s.charAt(q))) {
                    q++;
                }
                int len = q - b;
                if (len < min || len > max || q < n && isWordChar(s.charAt(q))) {
                    continue;
                }
                if (q < n && (s.charAt(q) == '*' || s.charAt(q) == '\u2026')) {
                    continue;
                }
                add(PiiType.API_KEY, i, q, 0.99);
                return q;
            }
            return -1;
        }

        int pem(int i) {
            int p = i + 11;
            int q = p;
            while (q < n && q - p <= 40 && (isUpper(s.charAt(q)) || isDigit(s.charAt(q)) || s.charAt(q) == ' ')) {
                q++;
            }
            if (!s.startsWith("-----", q)) {
                return -1;
            }
            String label = s.substring(p, q);
            if (!label.endsWith("PRIVATE KEY") && !label.endsWith("PRIVATE KEY BLOCK")) {
                return -1;
            }
            int headerEnd = q + 5;
            int end = findPemEnd(headerEnd);
            int e;
            if (end >= 0) {
                int close = s.indexOf("-----", end + 9);
                e = close >= 0 && close - end <= 80 ? close + 5 : end + 9;
            } else {
                e = headerEnd;
                while (e < n && isPemBody(s.charAt(e))) {
                    e++;
                }
                while (e > headerEnd && Character.isWhitespace(s.charAt(e - 1))) {
                    e--;
                }
            }
            add(PiiType.PRIVATE_KEY, i, e, 0.99);
            return e;
        }

        int findPemEnd(int from) {
            if (pemMemoFrom >= 0 && from >= pemMemoFrom && (pemMemoAt < 0 || from <= pemMemoAt)) {
                return pemMemoAt;
            }
            int at = s.indexOf("-----END ", from);
            pemMemoFrom = from;
            pemMemoAt = at;
            return at;
        }

        boolean isPemBody(char c) {
            return isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == '\\' || c == ':' || c == ','
                    || Character.isWhitespace(c);
        }
    }

    static boolean isTwoDigitCountryCode(int cc) {
        switch (cc) {
            case 20: case 27: case 30: case 31: case 32: case 33: case 34: case 36: case 39: case 40: case 41:
            case 43: case 44: case 45: case 46: case 47: case 48: case 49: case 51: case 52: case 53: case 54:
            case 55: case 56: case 57: case 58: case 60: case 61: case 62: case 63: case 64: case 65: case 66:
            case 81: case 82: case 84: case 86: case 90: case 91: case 92: case 93: case 94: case 95: case 98:
                return true;
            default:
                return false;
        }
    }

    static boolean isThreeDigitZone(int first2) {
        switch (first2) {
            case 21: case 22: case 23: case 24: case 25: case 26: case 29: case 35: case 37: case 38: case 42:
            case 50: case 59: case 67: case 68: case 69: case 85: case 87: case 88: case 96: case 97: case 99:
                return true;
            default:
                return false;
        }
    }
}
