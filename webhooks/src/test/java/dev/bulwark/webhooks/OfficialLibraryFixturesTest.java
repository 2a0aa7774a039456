package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with the providers' own libraries (fixtures in {@code vectors/sdk}, see its {@code SOURCES.md}): every
 * request signed by an official library (Shopify, Meta), or accepted by an official verifier at generation time
 * (Paddle, Mercado Pago, Slack), verifies here with a fixed clock; and every one-byte change to the body, the
 * timestamp, the signed id and the signature is rejected with the scheme's reason.
 *
 * <p>A one-byte change is an XOR with {@code 0x01} (it never changes only the case of a letter, and turns a
 * digit into another digit), so the expected reason follows from where the byte sits:
 * <ul>
 *   <li>body, signed id, timestamp digits, MAC digits: {@code NO_MATCHING_SIGNATURE} (the MAC is checked before
 *       the tolerance); a form-encoded body whose percent escapes no longer decode: {@code MALFORMED_REQUEST};</li>
 *   <li>the version or algorithm label of a signature ({@code sha256}, {@code v0}, {@code h1}, {@code v1}):
 *       {@code UNSUPPORTED_VERSION};</li>
 *   <li>structure ({@code =}, separators, the {@code ts} key), a non-digit timestamp, non-canonical base64:
 *       {@code MALFORMED_HEADER}.</li>
 * </ul>
 */
class OfficialLibraryFixturesTest {

    private static final List<String> FILES = List.of("shopify_official.json", "meta_official.json",
            "paddle_official.json", "mercadopago_official.json", "slack_official.json");

    private static final Map<String, String> SIGNATURE_HEADER = Map.of("shopify", "X-Shopify-Hmac-Sha256",
            "meta", "X-Hub-Signature-256", "paddle", "Paddle-Signature", "mercadopago", "x-signature",
            "slack", "X-Slack-Signature");

    /** One fixture case, with the file it came from. */
    record Fixture(String file, String scheme, String library, String version, String mode, JsonNode c) {

        String name() {
            return c.get("name").asText();
        }

        String secret() {
            return c.get("secret").asText();
        }

        byte[] body() {
            return c.get("body").asText().getBytes(StandardCharsets.UTF_8);
        }

        long now() {
            return c.get("now").asLong();
        }

        String url() {
            return c.has("url") ? c.get("url").asText() : null;
        }

        Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("headers").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                h.put(e.getKey(), e.getValue().asText());
            }
            return h;
        }

        String signatureHeader() {
            return SIGNATURE_HEADER.get(scheme);
        }

        boolean signsBody() {
            return !scheme.equals("mercadopago");
        }

        boolean formEncoded() {
            return headers().getOrDefault("Content-Type", "").startsWith("application/x-www-form-urlencoded");
        }

        @Override
        public String toString() {
            return file + " " + name();
        }
    }

    static List<Fixture> fixtures() {
        List<Fixture> all = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : FILES) {
            try (InputStream in = OfficialLibraryFixturesTest.class.getResourceAsStream("/vectors/sdk/" + file)) {
                JsonNode root = mapper.readTree(in);
                for (JsonNode c : root.get("cases")) {
                    all.add(new Fixture(file, root.get("scheme").asText(), root.get("library").asText(),
                            root.get("version").asText(), root.get("mode").asText(), c));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    static Stream<Fixture> bodySigned() {
        return fixtures().stream().filter(Fixture::signsBody);
    }

    private static WebhookVerifier verifier(Fixture f, long nowSeconds) {
        return WebhookVerifier.builder(WebhookSchemes.byName(f.scheme())).secret(Secret.ofUtf8(f.secret()))
                .clock(new TestClock(Instant.ofEpochSecond(nowSeconds))).auditSink(AuditSinks.noop()).build();
    }

    private static WebhookRequest request(Fixture f, Map<String, String> headers, byte[] body, String url) {
        WebhookRequest.Builder b = WebhookRequest.builder().body(body);
        if (url != null) {
            b.url(url);
        }
        headers.forEach(b::header);
        return b.build();
    }

    private static WebhookRequest request(Fixture f) {
        return request(f, f.headers(), f.body(), f.url());
    }

    private static WebhookRequest withHeader(Fixture f, String name, String value) {
        Map<String, String> h = f.headers();
        h.put(name, value);
        return request(f, h, f.body(), f.url());
    }

    /** Builds and verifies; the reason of the rejection, or {@code null} when it verified. */
    private static WebhookReason outcome(WebhookVerifier v, java.util.function.Supplier<WebhookRequest> request) {
        try {
            v.verify(request.get());
            return null;
        } catch (WebhookVerificationException e) {
            return e.reason();
        }
    }

    private static String flip(String s, int i) {
        char[] chars = s.toCharArray();
        chars[i] ^= 0x01;
        return new String(chars);
    }

    // ------------------------------------------------------------------ the fixtures are what SOURCES.md says

    @Test
    void everyProviderHasFixtures_fromTheNamedLibrary() {
        List<Fixture> all = fixtures();
        assertThat(all).extracting(Fixture::scheme).containsOnly("shopify", "meta", "paddle", "mercadopago", "slack")
                .contains("shopify", "meta", "paddle", "mercadopago", "slack");
        assertThat(all).filteredOn(f -> f.scheme().equals("shopify")).allSatisfy(f -> {
            assertThat(f.library()).isEqualTo("@shopify/shopify-api");
            assertThat(f.mode()).isEqualTo("signed-by-official-library");
        });
        assertThat(all).filteredOn(f -> f.scheme().equals("meta"))
                .allSatisfy(f -> assertThat(f.mode()).isEqualTo("signed-by-official-library"));
        assertThat(all).filteredOn(f -> List.of("paddle", "mercadopago", "slack").contains(f.scheme()))
                .allSatisfy(f -> assertThat(f.mode()).isEqualTo("verified-by-official-library"));
        // unicode and a 4 KiB body are among them
        assertThat(all).filteredOn(f -> f.name().equals("4kib")).hasSize(4)
                .allSatisfy(f -> assertThat(f.body()).hasSize(4096));
        assertThat(all).filteredOn(f -> f.c().get("body").asText().contains("🚀")).hasSizeGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixture_bodyIsTheBytesTheLibrarySaw_andTheOfficialLibraryAcceptedIt(Fixture f) throws Exception {
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(f.body())))
                .isEqualTo(f.c().get("bodySha256").asText());
        // each check on the case as signed accepted it; each check on a changed copy rejected it
        for (JsonNode check : f.c().get("officialChecks")) {
            String input = check.get("input").asText();
            String result = check.get("result").asText();
            boolean changed = input.contains("XOR") || input.contains("changed") || input.contains("as in the URL");
            assertThat(result).as("%s on %s", check.get("function").asText(), input)
                    .matches(changed ? "false|rejected: .*|threw: .*|valid=false, .*|different"
                            : "true|accepted.*|valid=true.*");
        }
        assertThat(f.c().get("officialChecks")).isNotEmpty();
    }

    // ------------------------------------------------------------------ they verify here

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void officialFixture_verifies(Fixture f) {
        VerifiedWebhook hook = verifier(f, f.now()).verify(request(f));
        assertThat(hook.scheme()).isEqualTo(f.scheme());
        assertThat(hook.body()).isEqualTo(f.body());
        assertThat(hook.bodyAuthenticated()).isEqualTo(f.signsBody());
        switch (f.scheme()) {
            case "shopify" -> {
                assertThat(hook.eventId()).contains(f.headers().get("X-Shopify-Webhook-Id"));
                assertThat(hook.eventIdSigned()).isFalse();
                assertThat(hook.timestamp()).isEmpty();
            }
            case "meta" -> assertThat(hook.timestamp()).isEmpty();
            case "paddle" -> assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(timestamp(f)));
            case "slack" -> assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(timestamp(f)));
            case "mercadopago" -> {
                assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(timestamp(f)));
                assertThat(hook.eventId()).contains(f.headers().get("x-request-id"));
                assertThat(hook.eventIdSigned()).isTrue();
            }
            default -> throw new AssertionError("unexpected scheme " + f.scheme());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void officialFixture_outsideTheProvidersTolerance_timestampOutsideTolerance(Fixture f) {
        assumeTrue(WebhookSchemes.byName(f.scheme()).signsTimestamp(), "scheme signs no timestamp");
        long tolerance = WebhookSchemes.byName(f.scheme()).defaultTolerance().orElseThrow().toSeconds();
        long ts = timestamp(f);
        assertThat(verifier(f, ts + tolerance).verify(request(f)).scheme()).isEqualTo(f.scheme());
        assertThat(outcome(verifier(f, ts + tolerance + 1), () -> request(f)))
                .isEqualTo(WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertThat(outcome(verifier(f, ts - tolerance - 1), () -> request(f)))
                .isEqualTo(WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void mercadoPago_alphanumericDataId_isSignedLowerCased_andVerifiesWithTheIdAsInTheUrl() {
        Fixture f = fixtures().stream().filter(x -> x.name().equals("order-alphanumeric")).findFirst().orElseThrow();
        assertThat(f.url()).contains("data.id=ORD01JQ4S4KY8HWQ6NA5PXB65B3D3");
        assertThat(f.c().get("manifest").asText()).startsWith("id:ord01jq4s4ky8hwq6na5pxb65b3d3;");
        // the official SDK accepted it only when handed the lower-cased id (recorded at generation time)
        assertThat(f.c().get("officialChecks").get(1).get("result").asText()).isEqualTo("rejected: SignatureMismatch");
        WebhookVerifier v = verifier(f, f.now());
        assertThat(v.verify(request(f)).eventIdSigned()).isTrue();
        assertThat(v.verify(request(f, f.headers(), f.body(), f.url().toLowerCase(Locale.ROOT))).scheme())
                .isEqualTo("mercadopago");
    }

    @Test
    void paddle_rotation_currentSecretsSignatureLast_verifies_andAChangeInTheOldOneDoesNotMatter() {
        Fixture f = fixtures().stream().filter(x -> x.name().equals("rotation-two-h1")).findFirst().orElseThrow();
        String header = f.headers().get("Paddle-Signature");
        int first = header.indexOf(";h1=") + 4;
        int second = header.indexOf(";h1=", first) + 4;
        WebhookVerifier v = verifier(f, f.now());
        for (int i = first; i < second - 4; i++) {
            String changed = flip(header, i);
            assertThat(outcome(v, () -> withHeader(f, "Paddle-Signature", changed))).as("old h1 index %d", i).isNull();
        }
        for (int i = second; i < header.length(); i++) {
            String changed = flip(header, i);
            assertThat(outcome(v, () -> withHeader(f, "Paddle-Signature", changed))).as("current h1 index %d", i)
                    .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        }
    }

    // ------------------------------------------------------------------ every one-byte change is rejected

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodySigned")
    void everyOneByteChangeOfTheBody_rejected(Fixture f) {
        WebhookVerifier v = verifier(f, f.now());
        byte[] body = f.body();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            WebhookReason expected = f.formEncoded() && !percentEscapesDecode(changed)
                    ? WebhookReason.MALFORMED_REQUEST : WebhookReason.NO_MATCHING_SIGNATURE;
            WebhookReason got = outcome(v, () -> request(f, f.headers(), changed, f.url()));
            if (got != expected) {
                wrong.add("byte " + i + ": " + got + " (expected " + expected + ")");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(outcome(v, () -> request(f, f.headers(), Arrays.copyOf(body, body.length + 1), f.url())))
                .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        assertThat(outcome(v, () -> request(f, f.headers(), Arrays.copyOf(body, body.length - 1), f.url())))
                .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mercadoPago_bodyIsNotSigned_soABodyChangeStillVerifies_butIsReportedUnauthenticated(Fixture f) {
        assumeTrue(!f.signsBody(), "scheme signs the body");
        WebhookVerifier v = verifier(f, f.now());
        byte[] body = f.body();
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            VerifiedWebhook hook = v.verify(request(f, f.headers(), changed, f.url()));
            assertThat(hook.bodyAuthenticated()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyOneByteChangeOfTheTimestamp_rejected(Fixture f) {
        assumeTrue(WebhookSchemes.byName(f.scheme()).signsTimestamp(), "scheme signs no timestamp");
        WebhookVerifier v = verifier(f, f.now());
        String header = f.scheme().equals("slack") ? "X-Slack-Request-Timestamp" : f.signatureHeader();
        String value = f.headers().get(header);
        String ts = Long.toString(timestamp(f));
        int start = f.scheme().equals("slack") ? 0 : value.indexOf("ts=") + 3;
        assertThat(value.substring(start, start + ts.length())).isEqualTo(ts);
        for (int i = start; i < start + ts.length(); i++) {
            String changed = flip(value, i); // a digit XOR 1 is another digit
            assertThat(outcome(v, () -> withHeader(f, header, changed))).as("timestamp digit %d", i - start)
                    .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
            char[] letter = value.toCharArray();
            letter[i] = 'x';
            assertThat(outcome(v, () -> withHeader(f, header, new String(letter)))).as("timestamp char %d", i - start)
                    .isEqualTo(WebhookReason.MALFORMED_HEADER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyOneByteChangeOfTheSignedIds_rejected(Fixture f) {
        assumeTrue(f.scheme().equals("mercadopago"), "only Mercado Pago signs ids (x-request-id, data.id)");
        WebhookVerifier v = verifier(f, f.now());
        String requestId = f.headers().get("x-request-id");
        for (int i = 0; i < requestId.length(); i++) {
            String changed = flip(requestId, i);
            assertThat(outcome(v, () -> withHeader(f, "x-request-id", changed))).as("x-request-id index %d", i)
                    .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        }
        String url = f.url();
        int start = url.indexOf("data.id=") + "data.id=".length();
        int end = url.indexOf('&', start);
        for (int i = start; i < end; i++) {
            String changed = flip(url, i);
            assertThat(outcome(v, () -> request(f, f.headers(), f.body(), changed))).as("data.id index %d", i - start)
                    .isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        }
        assertThat(outcome(v, () -> request(f, Map.of("x-signature", f.headers().get("x-signature")), f.body(), url)))
                .as("x-request-id removed").isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
        assertThat(outcome(v, () -> request(f, f.headers(), f.body(), url.replace("data.id=", "data.xd="))))
                .as("data.id removed").isEqualTo(WebhookReason.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyOneByteChangeOfTheSignatureHeader_rejectedWithTheReasonForThatPosition(Fixture f) {
        assumeTrue(!f.name().equals("rotation-two-h1"), "two signatures: covered by the rotation test");
        WebhookVerifier v = verifier(f, f.now());
        String header = f.signatureHeader();
        String value = f.headers().get(header);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            String changed = flip(value, i);
            WebhookReason expected = expectedForSignatureChange(f.scheme(), value, changed, i);
            WebhookReason got = outcome(v, () -> withHeader(f, header, changed));
            if (got != expected) {
                wrong.add("index " + i + " ('" + value.charAt(i) + "'): " + got + " (expected " + expected + ")");
            }
        }
        assertThat(wrong).isEmpty();
        Map<String, String> without = f.headers();
        without.remove(header);
        assertThat(outcome(v, () -> request(f, without, f.body(), f.url()))).isEqualTo(WebhookReason.MISSING_HEADER);
    }

    /** The reason for one changed character of a signature header, from the header's documented layout. */
    private static WebhookReason expectedForSignatureChange(String scheme, String original, String changed, int i) {
        switch (scheme) {
            case "shopify":
                return canonicalBase64(changed) ? WebhookReason.NO_MATCHING_SIGNATURE : WebhookReason.MALFORMED_HEADER;
            case "meta":
                return labelled(original, "sha256", i);
            case "slack":
                return labelled(original, "v0", i);
            case "paddle":
                return keyed(original, ';', "h1", i);
            case "mercadopago":
                return keyed(original, ',', "v1", i);
            default:
                throw new AssertionError(scheme);
        }
    }

    /** {@code label=<hex>}: the label is a version, the {@code =} structure, the hex the MAC. */
    private static WebhookReason labelled(String original, String label, int i) {
        assertThat(original).startsWith(label + "=");
        if (i < label.length()) {
            return WebhookReason.UNSUPPORTED_VERSION;
        }
        return i == label.length() ? WebhookReason.MALFORMED_HEADER : WebhookReason.NO_MATCHING_SIGNATURE;
    }

    /** {@code ts=<digits><sep><sigKey>=<hex>}. */
    private static WebhookReason keyed(String original, char sep, String sigKey, int i) {
        int s = original.indexOf(sep);
        assertThat(original).startsWith("ts=");
        assertThat(original.substring(s + 1)).startsWith(sigKey + "=");
        if (i < 3) {
            return WebhookReason.MALFORMED_HEADER; // "ts=": no timestamp, or a pair without '='
        }
        if (i < s) {
            return WebhookReason.NO_MATCHING_SIGNATURE; // another timestamp digit
        }
        if (i == s) {
            return WebhookReason.MALFORMED_HEADER; // one pair "ts=...": no signature
        }
        if (i < s + 1 + sigKey.length()) {
            return WebhookReason.UNSUPPORTED_VERSION; // another version: no trusted signature
        }
        if (i == s + 1 + sigKey.length()) {
            return WebhookReason.MALFORMED_HEADER; // a pair without '='
        }
        return WebhookReason.NO_MATCHING_SIGNATURE;
    }

    private static long timestamp(Fixture f) {
        if (f.scheme().equals("slack")) {
            return Long.parseLong(f.headers().get("X-Slack-Request-Timestamp"));
        }
        String value = f.headers().get(f.signatureHeader());
        int start = value.indexOf("ts=") + 3;
        int end = start;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        return Long.parseLong(value.substring(start, end));
    }

    private static boolean canonicalBase64(String s) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(s)).equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** application/x-www-form-urlencoded: every {@code %} is followed by two hex digits. */
    private static boolean percentEscapesDecode(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '%') {
                if (i + 2 >= body.length || !isHex(body[i + 1]) || !isHex(body[i + 2])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
