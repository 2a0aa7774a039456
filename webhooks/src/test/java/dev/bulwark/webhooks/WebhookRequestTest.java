package dev.bulwark.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    @Test
    void headers_caseInsensitive_multiValued() {
        WebhookRequest r = WebhookRequest.builder().header("Stripe-Signature", "a").header("stripe-signature", "b")
                .build();
        assertThat(r.header("STRIPE-SIGNATURE")).isEqualTo("a");
        assertThat(r.headerValues("stripe-Signature")).containsExactly("a", "b");
        assertThat(r.header("missing")).isNull();
        assertThat(r.headerValues("missing")).isEmpty();
    }

    @Test
    void body_rawBytesKept_exactly_andCopied() {
        byte[] body = {'{', '\r', '\n', (byte) 0xff, '}'};
        WebhookRequest r = WebhookRequest.builder().body(body).build();
        body[0] = 'x';
        assertThat(r.body()).containsExactly('{', '\r', '\n', (byte) 0xff, '}');
        r.body()[0] = 'y';
        assertThat(r.body()[0]).isEqualTo((byte) '{');
        assertThat(r.bodyLength()).isEqualTo(5);
    }

    @Test
    void formParams_parsedFromFormBody_inOrder_repeated() {
        WebhookRequest r = WebhookRequest.builder().header("content-type", "application/x-www-form-urlencoded")
                .body("b=2&a=%2B1&a=x+y&empty=").build();
        assertThat(r.formParams()).containsExactly(Map.entry("b", List.of("2")), Map.entry("a", List.of("+1", "x y")),
                Map.entry("empty", List.of("")));
    }

    @Test
    void formParams_notFormContentType_empty_explicitWins() {
        assertThat(WebhookRequest.builder().header("Content-Type", "application/json").body("a=1").build().formParams())
                .isEmpty();
        assertThat(WebhookRequest.builder().header("Content-Type", "application/x-www-form-urlencoded").body("a=1")
                .formParam("z", "9").build().formParams()).containsOnlyKeys("z");
    }

    @Test
    void formBody_badPercentEscape_malformedRequest() {
        assertThatThrownBy(() -> WebhookRequest.builder().header("Content-Type", "application/x-www-form-urlencoded")
                .body("a=%zz").build()).isInstanceOf(WebhookVerificationException.class)
                .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(WebhookReason.MALFORMED_REQUEST));
    }

    @Test
    void queryParam_decoded_absentCases() {
        WebhookRequest r = WebhookRequest.builder().url("https://x.test/p?data.id=A%20B&type=payment#frag").build();
        assertThat(r.queryParam("data.id")).isEqualTo("A B");
        assertThat(r.queryParam("type")).isEqualTo("payment");
        assertThat(r.queryParam("nope")).isNull();
        assertThat(WebhookRequest.builder().build().queryParam("a")).isNull();
        assertThat(WebhookRequest.builder().url("https://x.test/p").build().queryParam("a")).isNull();
    }

    @Test
    void url_rebuiltFromProxyParts() {
        assertThat(WebhookRequest.builder().url("HTTPS", "api.example.com:8443", "hooks?x=1").build().url())
                .isEqualTo("https://api.example.com:8443/hooks?x=1");
    }

    @Test
    void toString_showsNoBodyNoHeaderValuesNoQuery() {
        WebhookRequest r = WebhookRequest.builder().url("https://x.test/p?token=abc").header("X-Sig", "deadbeef")
                .body("{\"card\":\"4242\"}".getBytes(StandardCharsets.UTF_8)).method("post").build();
        assertThat(r.toString()).contains("POST").contains("X-Sig").doesNotContain("deadbeef").doesNotContain("4242")
                .doesNotContain("abc");
        assertThat(r.method()).isEqualTo("POST");
    }
}
