package dev.bulwark.webhooks;

import static dev.bulwark.webhooks.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.AuditSinks;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** Provider-specific details: header grammar, versions, variants. */
class SchemeDetailsTest {

    private static final long NOW = 1_700_000_000L;
    private static final byte[] BODY = utf8("{\"a\":1}");
    private final TestClock clock = new TestClock(Instant.ofEpochSecond(NOW));

    private WebhookVerifier v(WebhookScheme scheme, String... secrets) {
        WebhookVerifier.Builder b = WebhookVerifier.builder(scheme).clock(clock).auditSink(AuditSinks.noop());
        for (String s : secrets) {
            b.secret(Secret.ofUtf8(s));
        }
        return b.build();
    }

    private static void assertReason(ThrowableAssert.ThrowingCallable call, WebhookReason reason) {
        assertThatThrownBy(call).isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(reason));
    }

    // ---- Standard Webhooks

    @Test
    void standard_svixHeaders_accepted() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        WebhookRequest r = WebhookRequest.builder().header("svix-id", "msg_1").header("svix-timestamp", "" + NOW)
                .header("svix-signature", ProviderSigning.standard(secret, "msg_1", NOW, BODY)).body(BODY).build();
        assertThat(v(WebhookSchemes.standard(), secret).verify(r).eventId()).contains("msg_1");
    }

    @Test
    void standard_onlyUnknownVersions_unsupportedVersion_emptyList_malformed() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String good = ProviderSigning.standard(secret, "msg_1", NOW, BODY);
        WebhookRequest.Builder b = WebhookRequest.builder().header("webhook-id", "msg_1")
                .header("webhook-timestamp", "" + NOW).body(BODY);
        assertReason(() -> v(WebhookSchemes.standard(), secret).verify(
                b.header("webhook-signature", "v1a," + good.substring(3) + " v2," + good.substring(3)).build()),
                WebhookReason.UNSUPPORTED_VERSION);
        assertReason(() -> v(WebhookSchemes.standard(), secret).verify(WebhookRequest.builder()
                .header("webhook-id", "msg_1").header("webhook-timestamp", "" + NOW)
                .header("webhook-signature", "garbage").body(BODY).build()), WebhookReason.MALFORMED_HEADER);
    }

    @Test
    void standard_nonNumericTimestamp_malformed_missingId_missingHeader() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertReason(() -> v(WebhookSchemes.standard(), secret).verify(WebhookRequest.builder()
                .header("webhook-id", "m").header("webhook-timestamp", "12e3").header("webhook-signature", "v1,AAAA")
                .body(BODY).build()), WebhookReason.MALFORMED_HEADER);
        assertReason(() -> v(WebhookSchemes.standard(), secret).verify(WebhookRequest.builder()
                .header("webhook-timestamp", "" + NOW).header("webhook-signature", "v1,AAAA").body(BODY).build()),
                WebhookReason.MISSING_HEADER);
    }

    @Test
    void standard_badSecretFormat_refusedAtBuild_rawKeyAccepted() {
        assertThatThrownBy(() -> v(WebhookSchemes.standard(), "whsec_!!!")).isInstanceOf(ConfigurationException.class);
        byte[] key = java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        WebhookVerifier raw = WebhookVerifier.builder(WebhookSchemes.standard()).hmacKey(Secret.ofBytes(key))
                .clock(clock).auditSink(AuditSinks.noop()).build();
        WebhookRequest r = WebhookRequest.builder().header("webhook-id", "m").header("webhook-timestamp", "" + NOW)
                .header("webhook-signature", ProviderSigning.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "m", NOW, BODY))
                .body(BODY).build();
        assertThat(raw.verify(r).scheme()).isEqualTo("standard");
    }

    // ---- Stripe

    @Test
    void stripe_multipleV1_anyMatches_evenFirstOfSeveral() {
        String h = ProviderSigning.stripe("whsec_a", NOW, BODY);
        String sig = h.substring(h.indexOf("v1="));
        String header = "t=" + NOW + "," + sig + ",v1=" + "00".repeat(32) + ",v0=" + "11".repeat(32);
        assertThat(v(WebhookSchemes.stripe(), "whsec_a").verify(WebhookRequest.builder()
                .header("Stripe-Signature", header).body(BODY).build()).scheme()).isEqualTo("stripe");
    }

    @Test
    void stripe_onlyV0_unsupported_noT_malformed_twoT_malformed() {
        WebhookVerifier v = v(WebhookSchemes.stripe(), "whsec_a");
        String v0 = ProviderSigning.stripe("whsec_a", NOW, BODY).replace("v1=", "v0=");
        assertReason(() -> v.verify(WebhookRequest.builder().header("Stripe-Signature", v0).body(BODY).build()),
                WebhookReason.UNSUPPORTED_VERSION);
        assertReason(() -> v.verify(WebhookRequest.builder().header("Stripe-Signature", "v1=" + "ab".repeat(32))
                .body(BODY).build()), WebhookReason.MALFORMED_HEADER);
        assertReason(() -> v.verify(WebhookRequest.builder()
                .header("Stripe-Signature", ProviderSigning.stripe("whsec_a", NOW, BODY) + ",t=1").body(BODY).build()),
                WebhookReason.MALFORMED_HEADER);
        assertReason(() -> v.verify(WebhookRequest.builder().header("Stripe-Signature", "t=abc,v1=00").body(BODY).build()),
                WebhookReason.MALFORMED_HEADER);
    }

    @Test
    void stripe_keyIsWholeWhsecString_notDecoded() {
        // the same whsec_ text used the Standard Webhooks way must not verify as Stripe
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] key = java.util.Base64.getDecoder().decode(secret.substring(6));
        String wrong = "t=" + NOW + ",v1=" + ProviderSigning.hex(ProviderSigning.hmac("HmacSHA256", key,
                ProviderSigning.concat(utf8(NOW + "."), BODY)));
        assertReason(() -> v(WebhookSchemes.stripe(), secret).verify(WebhookRequest.builder()
                .header("Stripe-Signature", wrong).body(BODY).build()), WebhookReason.NO_MATCHING_SIGNATURE);
    }

    // ---- GitHub / Meta

    @Test
    void github_onlySha1Header_unsupported_sha1Prefix_unsupported() {
        WebhookVerifier v = v(WebhookSchemes.github(), "s");
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Hub-Signature", "sha1=" + "ab".repeat(20))
                .body(BODY).build()), WebhookReason.UNSUPPORTED_VERSION);
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Hub-Signature-256", "sha1=" + "ab".repeat(20))
                .body(BODY).build()), WebhookReason.UNSUPPORTED_VERSION);
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Hub-Signature-256", "abcdef")
                .body(BODY).build()), WebhookReason.MALFORMED_HEADER);
        assertReason(() -> v.verify(WebhookRequest.builder().body(BODY).build()), WebhookReason.MISSING_HEADER);
    }

    @Test
    void github_uppercaseHex_accepted() {
        String sig = ProviderSigning.hub("s", BODY);
        assertThat(v(WebhookSchemes.github(), "s").verify(WebhookRequest.builder()
                .header("X-Hub-Signature-256", "sha256=" + sig.substring(7).toUpperCase()).body(BODY).build())
                .scheme()).isEqualTo("github");
    }

    // ---- Slack

    @Test
    void slack_otherVersion_unsupported_missingTimestamp_missingHeader() {
        WebhookVerifier v = v(WebhookSchemes.slack(), "s");
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Slack-Request-Timestamp", "" + NOW)
                .header("X-Slack-Signature", "v1=" + "ab".repeat(32)).body(BODY).build()), WebhookReason.UNSUPPORTED_VERSION);
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Slack-Signature", ProviderSigning.slack("s", NOW, BODY))
                .body(BODY).build()), WebhookReason.MISSING_HEADER);
    }

    // ---- Shopify

    @Test
    void shopify_notBase64_malformed_webhookIdReported() {
        WebhookVerifier v = v(WebhookSchemes.shopify(), "s");
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Shopify-Hmac-Sha256", "not base64!")
                .body(BODY).build()), WebhookReason.MALFORMED_HEADER);
        assertThat(v.verify(WebhookRequest.builder().header("X-Shopify-Hmac-Sha256", ProviderSigning.shopify("s", BODY))
                .header("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043").body(BODY).build()).eventId())
                .contains("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    }

    // ---- Twilio

    @Test
    void twilio_portVariants_acceptedAsTwilioSdksDo() {
        Map<String, String> params = Map.of("CallSid", "CA1", "From", "+15551234567");
        String signedWithoutPort = ProviderSigning.twilio("tok", "https://example.com/voice", params);
        String signedWithPort = ProviderSigning.twilio("tok", "https://example.com:443/voice", params);
        WebhookVerifier v = v(WebhookSchemes.twilio(), "tok");
        for (String[] c : new String[][] {{"https://example.com:443/voice", signedWithoutPort},
                {"https://example.com/voice", signedWithPort}}) {
            WebhookRequest.Builder b = WebhookRequest.builder().url(c[0]).header("X-Twilio-Signature", c[1]);
            params.forEach(b::formParam);
            assertThat(v.verify(b.build()).scheme()).isEqualTo("twilio");
        }
    }

    @Test
    void twilio_changedParamOrUrl_noMatch_missingUrl_malformedRequest() {
        Map<String, String> params = Map.of("Body", "hello", "From", "+15551234567");
        String sig = ProviderSigning.twilio("tok", "https://example.com/sms", params);
        WebhookVerifier v = v(WebhookSchemes.twilio(), "tok");
        assertReason(() -> v.verify(WebhookRequest.builder().url("https://example.com/sms")
                .header("X-Twilio-Signature", sig).formParam("Body", "hellO").formParam("From", "+15551234567").build()),
                WebhookReason.NO_MATCHING_SIGNATURE);
        assertReason(() -> v.verify(WebhookRequest.builder().url("https://example.com/sms2")
                .header("X-Twilio-Signature", sig).formParam("Body", "hello").formParam("From", "+15551234567").build()),
                WebhookReason.NO_MATCHING_SIGNATURE);
        assertReason(() -> v.verify(WebhookRequest.builder()
                .header("X-Twilio-Signature", sig).formParam("Body", "hello").formParam("From", "+15551234567").build()),
                WebhookReason.MALFORMED_REQUEST);
    }

    @Test
    void twilio_rebuiltUrlBehindProxy_verifies() {
        Map<String, String> params = Map.of("Digits", "1234");
        String sig = ProviderSigning.twilio("tok", "https://public.example.com/ivr?step=2", params);
        WebhookRequest r = WebhookRequest.builder().url("https", "public.example.com", "/ivr?step=2")
                .header("X-Twilio-Signature", sig).formParam("Digits", "1234").build();
        assertThat(v(WebhookSchemes.twilio(), "tok").verify(r).scheme()).isEqualTo("twilio");
    }

    // ---- Paddle

    @Test
    void paddle_twoH1DuringRotation_anyMatches_otherKey_unsupported() {
        String h = ProviderSigning.paddle("pdl_secret", NOW, BODY);
        String header = "ts=" + NOW + ";h1=" + "00".repeat(32) + ";" + h.substring(h.indexOf("h1="));
        assertThat(v(WebhookSchemes.paddle(), "pdl_secret").verify(WebhookRequest.builder()
                .header("Paddle-Signature", header).body(BODY).build()).scheme()).isEqualTo("paddle");
        assertReason(() -> v(WebhookSchemes.paddle(), "pdl_secret").verify(WebhookRequest.builder()
                .header("Paddle-Signature", "ts=" + NOW + ";h2=" + "00".repeat(32)).body(BODY).build()),
                WebhookReason.UNSUPPORTED_VERSION);
    }

    // ---- Mercado Pago

    @Test
    void mercadoPago_docsManifestShape_millisecondTimestamp_andAlphanumericIdLowercased() {
        String secret = "mp-secret";
        long ms = NOW * 1000 + 123;
        String header = ProviderSigning.mercadoPago(secret, "abc123", "req-1", Long.toString(ms));
        assertThat(dev.bulwark.webhooks.internal.MercadoPagoScheme.manifest("ABC123", "req-1", "1704908010"))
                .isEqualTo("id:abc123;request-id:req-1;ts:1704908010;");
        VerifiedWebhook hook = v(WebhookSchemes.mercadoPago(), secret).verify(WebhookRequest.builder()
                .url("https://example.com/mp?data.id=ABC123&type=payment").header("x-signature", header)
                .header("x-request-id", "req-1").body(BODY).build());
        assertThat(hook.timestamp()).contains(Instant.ofEpochSecond(NOW));
        assertThat(hook.bodyAuthenticated()).isFalse();
        assertThat(hook.eventId()).contains("req-1");
    }

    @Test
    void mercadoPago_changedDataId_noMatch_missingUrl_malformedRequest_absentPartsOmitted() {
        String secret = "mp-secret";
        String header = ProviderSigning.mercadoPago(secret, "123", "req-1", "" + NOW);
        WebhookVerifier v = v(WebhookSchemes.mercadoPago(), secret);
        assertReason(() -> v.verify(WebhookRequest.builder().url("https://example.com/mp?data.id=124")
                .header("x-signature", header).header("x-request-id", "req-1").build()), WebhookReason.NO_MATCHING_SIGNATURE);
        assertReason(() -> v.verify(WebhookRequest.builder().header("x-signature", header)
                .header("x-request-id", "req-1").build()), WebhookReason.MALFORMED_REQUEST);
        String noRequestId = "ts=" + NOW + ",v1=" + ProviderSigning.hex(ProviderSigning.hmac("HmacSHA256", utf8(secret),
                utf8("id:123;ts:" + NOW + ";")));
        assertThat(v.verify(WebhookRequest.builder().url("https://example.com/mp?data.id=123")
                .header("x-signature", noRequestId).build()).eventId()).isEmpty();
    }

    // ---- Generic

    @Test
    void generic_base64NoTimestamp_andWrongPrefix_unsupported() {
        WebhookScheme scheme = GenericHmac.builder().header("X-Sig").encoding(GenericHmac.Encoding.BASE64)
                .algorithm(GenericHmac.Algorithm.SHA1).prefix("sha1=").idHeader("X-Delivery").build();
        String sig = "sha1=" + ProviderSigning.b64(ProviderSigning.hmac("HmacSHA1", utf8("k"), BODY));
        WebhookVerifier v = v(scheme, "k");
        assertThat(v.verify(WebhookRequest.builder().header("X-Sig", sig).header("X-Delivery", "d1").body(BODY).build())
                .eventId()).contains("d1");
        assertReason(() -> v.verify(WebhookRequest.builder().header("X-Sig", sig.replace("sha1=", "md5="))
                .body(BODY).build()), WebhookReason.UNSUPPORTED_VERSION);
        assertThat(scheme.signsTimestamp()).isFalse();
    }

    @Test
    void generic_badConfig_refused() {
        assertThatThrownBy(() -> GenericHmac.builder().header(" ").build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> GenericHmac.builder().prefix(null).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> GenericHmac.builder().timestampHeader("", ".").build())
                .isInstanceOf(ConfigurationException.class);
    }

    // ---- Builder and names

    @Test
    void builder_toleranceOutsideCappedRange_refused() {
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("x"))
                .tolerance(java.time.Duration.ofHours(2)).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("tolerance must be between 1 s and 1 h, was 7200 s");
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("x"))
                .tolerance(java.time.Duration.ZERO).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("x"))
                .replayTtl(java.time.Duration.ofDays(31)).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookSchemes.stripe()).secret(Secret.ofUtf8("x"))
                .auditSink(null).build()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void schemes_byName_allNames_andUnknownRefused() {
        for (String name : WebhookSchemes.NAMES) {
            assertThat(WebhookSchemes.byName(name).name()).isEqualTo(name);
        }
        assertThat(WebhookSchemes.byName("SVIX").name()).isEqualTo("standard");
        assertThatThrownBy(() -> WebhookSchemes.byName("gitlab")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("gitlab");
        assertThat(WebhookSchemes.paddle().defaultTolerance()).contains(java.time.Duration.ofSeconds(5));
        assertThat(WebhookSchemes.github().defaultTolerance()).isEmpty();
    }

    @Test
    void verifier_toString_hidesSecrets() {
        WebhookVerifier v = v(WebhookSchemes.stripe(), "whsec_topsecret");
        assertThat(v.toString()).contains("stripe").doesNotContain("topsecret");
        assertThat(v.scheme()).isSameAs(WebhookSchemes.stripe());
    }
}
