package dev.bulwark.testkit;

import dev.bulwark.webhooks.WebhookReason;
import dev.bulwark.webhooks.WebhookRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Correctly signed webhook deliveries for every scheme of {@code dev.bulwark.webhooks.WebhookSchemes}, and
 * tampered variants of each, for a host's tests of its webhook endpoints.
 *
 * <p>Each provider's signature is computed here from the provider's documented algorithm with plain JCA (no
 * code shared with the verifier), so a fixture that verifies is evidence that the verifier matches the
 * provider. The secret is given <em>as the provider shows it</em> (Standard Webhooks: {@code whsec_<base64>};
 * Stripe: the whole {@code whsec_...} string; others: the signing secret / auth token / app secret).
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * WebhookFixtures.Fixture f = WebhookFixtures.stripe("whsec_test", "{\"id\":\"evt_1\"}".getBytes(UTF_8), clock);
 * verifier.verify(f.valid());                      // accepted
 * for (WebhookFixtures.Tampered t : f.tampered()) { // each rejected with t.expectedReason()
 *     ...
 * }
 * }</pre>
 *
 * <p>Every fixture's timestamp (where the scheme signs one) is {@code clock.instant()} in whole seconds; the
 * stale variant is correctly signed but {@link #STALE_BY} older, outside any tolerance a verifier accepts.
 * The class is stateless and thread-safe.
 */
public final class WebhookFixtures {

    /** How far in the past the stale variants are signed: beyond the largest configurable tolerance. */
    public static final Duration STALE_BY = Duration.ofHours(2);
    /** The event / message id used by schemes that carry one. */
    public static final String EVENT_ID = "msg_2f1c0e7a9b";
    /** The URL used for Twilio JSON deliveries (the {@code bodySHA256} parameter is appended). */
    public static final String TWILIO_URL = "https://example.com/webhooks/twilio?source=test";
    /** The {@code data.id} Mercado Pago fixtures sign. */
    public static final String MERCADOPAGO_DATA_ID = "123456789";
    /** The URL used for Mercado Pago deliveries. */
    public static final String MERCADOPAGO_URL = "https://example.com/webhooks/mercadopago?data.id="
            + MERCADOPAGO_DATA_ID + "&type=payment";
    /** The header the {@code generic} scheme's defaults read. */
    public static final String GENERIC_HEADER = "X-Signature";

    private WebhookFixtures() {
    }

    /** A rejected variant of a fixture and the reason a correct verifier gives. */
    public record Tampered(String description, WebhookRequest request, WebhookReason expectedReason) {
        /** @throws NullPointerException when a component is null */
        public Tampered {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(expectedReason, "expectedReason");
        }

        /** {@return the description} */
        @Override
        public String toString() {
            return description + " -> " + expectedReason;
        }
    }

    /**
     * One correctly signed delivery for a scheme and its tampered variants.
     *
     * @param scheme the scheme name as in {@code WebhookSchemes.NAMES}
     * @param valid the correctly signed delivery; verifies at the clock's instant
     * @param tampered every tampered variant with the reason it is rejected
     */
    public record Fixture(String scheme, WebhookRequest valid, List<Tampered> tampered) {
        /** @throws NullPointerException when a component is null */
        public Fixture {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(valid, "valid");
            tampered = List.copyOf(tampered);
        }

        /** {@return the variant whose body was changed after signing, when the scheme signs the body} */
        public Optional<WebhookRequest> bodyChanged() {
            return find("body changed");
        }

        /** {@return the variant whose signature has one changed character inside the MAC} */
        public WebhookRequest signatureChanged() {
            return find("signature changed").orElseThrow();
        }

        /** {@return the correctly signed but stale variant, when the scheme signs a timestamp} */
        public Optional<WebhookRequest> staleTimestamp() {
            return find("stale timestamp");
        }

        private Optional<WebhookRequest> find(String description) {
            return tampered.stream().filter(t -> t.description().equals(description)).map(Tampered::request)
                    .findFirst();
        }

        /** {@return the scheme and the variant names; no secret or signature} */
        @Override
        public String toString() {
            return "Fixture[" + scheme + ", tampered=" + tampered.stream().map(Tampered::description).toList() + "]";
        }
    }

    /**
     * The fixture for a scheme by name: every name of {@code WebhookSchemes.NAMES}; Twilio gets the JSON
     * ({@code bodySHA256}) form, {@code generic} the defaults of {@code GenericHmac.builder()}.
     *
     * @param scheme the scheme name, any case
     * @param secret the secret as the provider shows it
     * @param body the raw body
     * @param clock the time the delivery is signed at
     * @return the fixture
     * @throws IllegalArgumentException when the scheme name is unknown
     */
    public static Fixture forScheme(String scheme, String secret, byte[] body, Clock clock) {
        switch (scheme.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "standard":
                return standard(secret, body, clock);
            case "stripe":
                return stripe(secret, body, clock);
            case "github":
                return github(secret, body);
            case "slack":
                return slack(secret, body, clock);
            case "shopify":
                return shopify(secret, body);
            case "twilio":
                return twilio(secret, body);
            case "meta":
                return meta(secret, body);
            case "paddle":
                return paddle(secret, body, clock);
            case "mercadopago":
                return mercadoPago(secret, body, clock);
            case "generic":
                return generic(secret, body);
            default:
                throw new IllegalArgumentException("unknown webhook scheme '" + scheme + "'");
        }
    }

    /**
     * Standard Webhooks / Svix: {@code webhook-signature: v1,base64(HMAC-SHA256(base64decode(secret without
     * whsec_), id.timestamp.body))}.
     *
     * @param whsec the secret, {@code whsec_<base64>}
     * @param body the raw body
     * @param clock the signing time
     * @return the fixture
     * @throws IllegalArgumentException when the secret is not {@code whsec_<base64>}
     */
    public static Fixture standard(String whsec, byte[] body, Clock clock) {
        if (!whsec.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        long ts = clock.instant().getEpochSecond();
        return timestamped("standard", "webhook-signature", body, ts,
                (b, t) -> headers("webhook-id", EVENT_ID, "webhook-timestamp", Long.toString(t), "webhook-signature",
                        "v1," + b64(hmac("HmacSHA256", key, concat(utf8(EVENT_ID + "." + t + "."), b)))), null);
    }

    /**
     * Stripe: {@code Stripe-Signature: t=<ts>,v1=hex(HMAC-SHA256(secret, ts.body))}, keyed with the whole
     * secret string.
     *
     * @param secret the endpoint secret, {@code whsec_...}
     * @param body the raw body
     * @param clock the signing time
     * @return the fixture
     */
    public static Fixture stripe(String secret, byte[] body, Clock clock) {
        long ts = clock.instant().getEpochSecond();
        return timestamped("stripe", "Stripe-Signature", body, ts, (b, t) -> headers("Stripe-Signature",
                "t=" + t + ",v1=" + hex(hmac("HmacSHA256", utf8(secret), concat(utf8(t + "."), b)))), null);
    }

    /**
     * GitHub: {@code X-Hub-Signature-256: sha256=hex(HMAC-SHA256(secret, body))}, with an
     * {@code X-GitHub-Delivery} id.
     *
     * @param secret the webhook secret
     * @param body the raw body
     * @return the fixture
     */
    public static Fixture github(String secret, byte[] body) {
        return untimed("github", "X-Hub-Signature-256", body, b -> headers("X-Hub-Signature-256",
                "sha256=" + hex(hmac("HmacSHA256", utf8(secret), b)), "X-GitHub-Delivery", EVENT_ID));
    }

    /**
     * Meta (WhatsApp Cloud API, Messenger, Instagram): {@code X-Hub-Signature-256: sha256=hex(HMAC-SHA256(app
     * secret, body))}.
     *
     * @param appSecret the app secret
     * @param body the raw body
     * @return the fixture
     */
    public static Fixture meta(String appSecret, byte[] body) {
        return untimed("meta", "X-Hub-Signature-256", body, b -> headers("X-Hub-Signature-256",
                "sha256=" + hex(hmac("HmacSHA256", utf8(appSecret), b))));
    }

    /**
     * Slack: {@code X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, v0:ts:body))} with
     * {@code X-Slack-Request-Timestamp}.
     *
     * @param signingSecret the signing secret
     * @param body the raw body
     * @param clock the signing time
     * @return the fixture
     */
    public static Fixture slack(String signingSecret, byte[] body, Clock clock) {
        long ts = clock.instant().getEpochSecond();
        return timestamped("slack", "X-Slack-Signature", body, ts, (b, t) -> headers("X-Slack-Request-Timestamp",
                Long.toString(t), "X-Slack-Signature",
                "v0=" + hex(hmac("HmacSHA256", utf8(signingSecret), concat(utf8("v0:" + t + ":"), b)))), null);
    }

    /**
     * Shopify: {@code X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(client secret, body))}.
     *
     * @param clientSecret the app's client secret
     * @param body the raw body
     * @return the fixture
     */
    public static Fixture shopify(String clientSecret, byte[] body) {
        return untimed("shopify", "X-Shopify-Hmac-Sha256", body, b -> headers("X-Shopify-Hmac-Sha256",
                b64(hmac("HmacSHA256", utf8(clientSecret), b)), "X-Shopify-Webhook-Id", EVENT_ID));
    }

    /**
     * Twilio with a JSON body: the URL {@link #TWILIO_URL} plus {@code &bodySHA256=<hex sha256 of body>},
     * signed as {@code X-Twilio-Signature: base64(HMAC-SHA1(auth token, url))}.
     *
     * @param authToken the auth token
     * @param body the raw JSON body
     * @return the fixture
     */
    public static Fixture twilio(String authToken, byte[] body) {
        String url = TWILIO_URL + "&bodySHA256=" + hex(sha256(body));
        String sig = b64(hmac("HmacSHA1", utf8(authToken), utf8(url)));
        WebhookRequest valid = request(url, headers("Content-Type", "application/json", "X-Twilio-Signature", sig),
                body);
        List<Tampered> t = new ArrayList<>();
        t.add(new Tampered("body changed", request(url, headers("Content-Type", "application/json",
                "X-Twilio-Signature", sig), changed(body)), WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature changed", request(url, headers("Content-Type", "application/json",
                "X-Twilio-Signature", flip(sig)), body), WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature missing", request(url, headers("Content-Type", "application/json"), body),
                WebhookReason.MISSING_HEADER));
        t.add(new Tampered("url changed", request(url.replace("source=test", "source=tesT"),
                headers("Content-Type", "application/json", "X-Twilio-Signature", sig), body),
                WebhookReason.NO_MATCHING_SIGNATURE));
        return new Fixture("twilio", valid, t);
    }

    /**
     * Twilio with a form-encoded body (voice / SMS callbacks): {@code X-Twilio-Signature:
     * base64(HMAC-SHA1(auth token, url + each parameter name and value, sorted by name))}. The request
     * carries the parameters as an {@code application/x-www-form-urlencoded} body, which
     * {@link WebhookRequest} parses.
     *
     * @param authToken the auth token
     * @param url the full URL Twilio calls, query string included
     * @param params the form parameters (one value each)
     * @return the fixture; its tampered variants change a parameter, the URL and the signature, and drop the
     *     URL and the signature
     */
    public static Fixture twilioForm(String authToken, String url, Map<String, String> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("a form callback has at least one parameter");
        }
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> signed.append(k).append(v));
        String sig = b64(hmac("HmacSHA1", utf8(authToken), utf8(signed.toString())));
        Map<String, String> form = headers("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", sig);
        WebhookRequest valid = request(url, form, formBody(params));
        Map<String, String> changedParams = new LinkedHashMap<>(params);
        String first = params.keySet().iterator().next();
        changedParams.put(first, params.get(first) + "x");
        List<Tampered> t = new ArrayList<>();
        t.add(new Tampered("body changed", request(url, form, formBody(changedParams)),
                WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature changed", request(url, headers("Content-Type",
                "application/x-www-form-urlencoded", "X-Twilio-Signature", flip(sig)), formBody(params)),
                WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("url changed", request(url + (url.contains("?") ? "&" : "?") + "x=1", form,
                formBody(params)), WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("url missing", request(null, form, formBody(params)), WebhookReason.MALFORMED_REQUEST));
        t.add(new Tampered("signature missing", request(url, headers("Content-Type",
                "application/x-www-form-urlencoded"), formBody(params)), WebhookReason.MISSING_HEADER));
        return new Fixture("twilio", valid, t);
    }

    /**
     * Paddle Billing: {@code Paddle-Signature: ts=<ts>;h1=hex(HMAC-SHA256(secret key, ts:body))}.
     *
     * @param secretKey the notification destination's secret key
     * @param body the raw body
     * @param clock the signing time
     * @return the fixture
     */
    public static Fixture paddle(String secretKey, byte[] body, Clock clock) {
        long ts = clock.instant().getEpochSecond();
        return timestamped("paddle", "Paddle-Signature", body, ts, (b, t) -> headers("Paddle-Signature",
                "ts=" + t + ";h1=" + hex(hmac("HmacSHA256", utf8(secretKey), concat(utf8(t + ":"), b)))), null);
    }

    /**
     * Mercado Pago: {@code x-signature: ts=<ts>,v1=hex(HMAC-SHA256(secret,
     * "id:<data.id>;request-id:<x-request-id>;ts:<ts>;"))}, with the URL {@link #MERCADOPAGO_URL}. The body
     * is not signed, so the tampered variants change the {@code data.id}, the request id, the signature and
     * the timestamp, not the body.
     *
     * @param secret the secret
     * @param body the body (not signed)
     * @param clock the signing time
     * @return the fixture
     */
    public static Fixture mercadoPago(String secret, byte[] body, Clock clock) {
        long ts = clock.instant().getEpochSecond();
        SignedHeaders sign = (b, t) -> headers("x-request-id", EVENT_ID, "x-signature", "ts=" + t + ",v1="
                + hex(hmac("HmacSHA256", utf8(secret), utf8("id:" + MERCADOPAGO_DATA_ID + ";request-id:" + EVENT_ID
                        + ";ts:" + t + ";"))));
        Fixture base = timestamped("mercadopago", "x-signature", body, ts, sign, MERCADOPAGO_URL);
        List<Tampered> t = new ArrayList<>(base.tampered());
        Map<String, String> h = sign.headers(body, ts);
        t.add(new Tampered("data.id changed", request(MERCADOPAGO_URL.replace(MERCADOPAGO_DATA_ID,
                MERCADOPAGO_DATA_ID + "0"), h, body), WebhookReason.NO_MATCHING_SIGNATURE));
        Map<String, String> otherId = new LinkedHashMap<>(h);
        otherId.put("x-request-id", EVENT_ID + "0");
        t.add(new Tampered("request id changed", request(MERCADOPAGO_URL, otherId, body),
                WebhookReason.NO_MATCHING_SIGNATURE));
        return new Fixture("mercadopago", base.valid(), t);
    }

    /**
     * The {@code generic} scheme with {@code GenericHmac.builder()}'s defaults: {@code X-Signature:
     * hex(HMAC-SHA256(secret, body))}.
     *
     * @param secret the secret
     * @param body the raw body
     * @return the fixture
     */
    public static Fixture generic(String secret, byte[] body) {
        return untimed("generic", GENERIC_HEADER, body, b -> headers(GENERIC_HEADER,
                hex(hmac("HmacSHA256", utf8(secret), b))));
    }

    // ---- construction

    @FunctionalInterface
    private interface SignedHeaders {
        Map<String, String> headers(byte[] body, long ts);
    }

    @FunctionalInterface
    private interface BodyHeaders {
        Map<String, String> headers(byte[] body);
    }

    private static Fixture untimed(String scheme, String sigHeader, byte[] body, BodyHeaders sign) {
        Map<String, String> h = sign.headers(body);
        List<Tampered> t = new ArrayList<>();
        t.add(new Tampered("body changed", request(null, h, changed(body)), WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature changed", request(null, withFlipped(h, sigHeader), body),
                WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature missing", request(null, without(h, sigHeader), body),
                WebhookReason.MISSING_HEADER));
        return new Fixture(scheme, request(null, h, body), t);
    }

    private static Fixture timestamped(String scheme, String sigHeader, byte[] body, long ts, SignedHeaders sign,
            String url) {
        Map<String, String> h = sign.headers(body, ts);
        List<Tampered> t = new ArrayList<>();
        if (url == null) { // Mercado Pago signs no body
            t.add(new Tampered("body changed", request(null, h, changed(body)),
                    WebhookReason.NO_MATCHING_SIGNATURE));
        }
        t.add(new Tampered("signature changed", request(url, withFlipped(h, sigHeader), body),
                WebhookReason.NO_MATCHING_SIGNATURE));
        t.add(new Tampered("signature missing", request(url, without(h, sigHeader), body),
                WebhookReason.MISSING_HEADER));
        t.add(new Tampered("stale timestamp", request(url, sign.headers(body, ts - STALE_BY.toSeconds()), body),
                WebhookReason.TIMESTAMP_OUTSIDE_TOLERANCE));
        // the timestamp sent differs from the one signed
        Map<String, String> signedOld = sign.headers(body, ts - 1);
        Map<String, String> resent = new LinkedHashMap<>();
        signedOld.forEach((k, v) -> resent.put(k, v.replace(Long.toString(ts - 1), Long.toString(ts))));
        t.add(new Tampered("timestamp changed", request(url, resent, body), WebhookReason.NO_MATCHING_SIGNATURE));
        return new Fixture(scheme, request(url, h, body), t);
    }

    private static WebhookRequest request(String url, Map<String, String> headers, byte[] body) {
        WebhookRequest.Builder b = WebhookRequest.builder().body(body);
        if (url != null) {
            b.url(url);
        }
        headers.forEach(b::header);
        return b.build();
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> withFlipped(Map<String, String> h, String name) {
        Map<String, String> m = new LinkedHashMap<>(h);
        m.put(name, flip(h.get(name)));
        return m;
    }

    private static Map<String, String> without(Map<String, String> h, String name) {
        Map<String, String> m = new LinkedHashMap<>(h);
        m.remove(name);
        return m;
    }

    /** One character inside the MAC changed (five from the end: clear of base64 padding). */
    private static String flip(String sig) {
        char[] c = sig.toCharArray();
        int i = c.length - 5;
        c[i] = c[i] == 'a' ? 'b' : 'a';
        return new String(c);
    }

    private static byte[] changed(byte[] body) {
        if (body.length == 0) {
            return new byte[] {' '};
        }
        byte[] b = body.clone();
        b[b.length / 2] ^= 0x01;
        return b;
    }

    private static byte[] formBody(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return utf8(sb.toString());
    }

    // ---- JCA

    private static byte[] hmac(String alg, byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance(alg);
            m.init(new SecretKeySpec(key, alg));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " unavailable", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
