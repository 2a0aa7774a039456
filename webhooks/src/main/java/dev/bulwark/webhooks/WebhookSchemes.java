package dev.bulwark.webhooks;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.webhooks.internal.HubSignatureScheme;
import dev.bulwark.webhooks.internal.MercadoPagoScheme;
import dev.bulwark.webhooks.internal.PaddleScheme;
import dev.bulwark.webhooks.internal.ShopifyScheme;
import dev.bulwark.webhooks.internal.SlackScheme;
import dev.bulwark.webhooks.internal.StandardScheme;
import dev.bulwark.webhooks.internal.StripeScheme;
import dev.bulwark.webhooks.internal.TwilioScheme;
import java.util.List;
import java.util.Locale;

/**
 * The provider schemes. Each matches its provider's documented algorithm byte for byte; the secret handed to
 * {@link WebhookVerifier.Builder#secret} is the secret <em>as the provider shows it</em>, and the scheme
 * derives the HMAC key from it as the provider does.
 *
 * <table>
 *   <caption>Schemes</caption>
 *   <tr><th>name</th><th>headers</th><th>signed content</th><th>key</th><th>tolerance</th></tr>
 *   <tr><td>standard</td><td>webhook-id, webhook-timestamp, webhook-signature ({@code v1,<base64>} list;
 *       {@code svix-*} accepted)</td><td>{@code id.timestamp.body}</td><td>base64 after {@code whsec_}</td>
 *       <td>5 min</td></tr>
 *   <tr><td>stripe</td><td>Stripe-Signature {@code t=,v1=[,v1=]}</td><td>{@code t.body}</td>
 *       <td>whole {@code whsec_...} string</td><td>300 s</td></tr>
 *   <tr><td>github</td><td>X-Hub-Signature-256 {@code sha256=<hex>}</td><td>body</td><td>secret</td><td>-</td></tr>
 *   <tr><td>slack</td><td>X-Slack-Signature {@code v0=<hex>}, X-Slack-Request-Timestamp</td>
 *       <td>{@code v0:ts:body}</td><td>signing secret</td><td>5 min</td></tr>
 *   <tr><td>shopify</td><td>X-Shopify-Hmac-Sha256 (base64)</td><td>body</td><td>client secret</td><td>-</td></tr>
 *   <tr><td>twilio</td><td>X-Twilio-Signature (base64 HMAC-SHA1)</td><td>URL + sorted form params, or URL
 *       with {@code bodySHA256}</td><td>auth token</td><td>-</td></tr>
 *   <tr><td>meta</td><td>X-Hub-Signature-256 {@code sha256=<hex>}</td><td>body</td><td>app secret</td><td>-</td></tr>
 *   <tr><td>paddle</td><td>Paddle-Signature {@code ts=;h1=}</td><td>{@code ts:body}</td><td>secret key</td>
 *       <td>5 s</td></tr>
 *   <tr><td>mercadopago</td><td>x-signature {@code ts=,v1=}, x-request-id</td>
 *       <td>{@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;} (not the body)</td><td>secret</td>
 *       <td>5 min</td></tr>
 *   <tr><td>generic</td><td colspan="4">configured with {@link GenericHmac}</td></tr>
 * </table>
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class WebhookSchemes {

    /** The scheme names accepted by {@link #byName(String)}, in documentation order. */
    public static final List<String> NAMES = List.of("standard", "stripe", "github", "slack", "shopify", "twilio",
            "meta", "paddle", "mercadopago", "generic");

    private static final WebhookScheme STANDARD = new WebhookScheme(StandardScheme.INSTANCE);
    private static final WebhookScheme STRIPE = new WebhookScheme(StripeScheme.INSTANCE);
    private static final WebhookScheme GITHUB = new WebhookScheme(HubSignatureScheme.GITHUB);
    private static final WebhookScheme SLACK = new WebhookScheme(SlackScheme.INSTANCE);
    private static final WebhookScheme SHOPIFY = new WebhookScheme(ShopifyScheme.INSTANCE);
    private static final WebhookScheme TWILIO = new WebhookScheme(TwilioScheme.INSTANCE);
    private static final WebhookScheme META = new WebhookScheme(HubSignatureScheme.META);
    private static final WebhookScheme PADDLE = new WebhookScheme(PaddleScheme.INSTANCE);
    private static final WebhookScheme MERCADOPAGO = new WebhookScheme(MercadoPagoScheme.INSTANCE);

    private WebhookSchemes() {
    }

    /** {@return Standard Webhooks / Svix} */
    public static WebhookScheme standard() {
        return STANDARD;
    }

    /** {@return Stripe} */
    public static WebhookScheme stripe() {
        return STRIPE;
    }

    /** {@return GitHub (the delivery id {@code X-GitHub-Delivery} is reported, not signed)} */
    public static WebhookScheme github() {
        return GITHUB;
    }

    /** {@return Slack (v0 signatures)} */
    public static WebhookScheme slack() {
        return SLACK;
    }

    /** {@return Shopify} */
    public static WebhookScheme shopify() {
        return SHOPIFY;
    }

    /** {@return Twilio (the request needs its full URL and form parameters)} */
    public static WebhookScheme twilio() {
        return TWILIO;
    }

    /** {@return Meta: WhatsApp Cloud API, Messenger, Instagram (the app secret is the key)} */
    public static WebhookScheme meta() {
        return META;
    }

    /** {@return Paddle Billing} */
    public static WebhookScheme paddle() {
        return PADDLE;
    }

    /**
     * Mercado Pago. The body is <em>not</em> signed (only the ids and the timestamp):
     * {@link VerifiedWebhook#bodyAuthenticated()} is false, so read the resource from Mercado Pago's API by
     * {@code data.id} rather than trusting the body.
     *
     * @return the scheme
     */
    public static WebhookScheme mercadoPago() {
        return MERCADOPAGO;
    }

    /**
     * @param config the generic scheme's configuration
     * @return the scheme (same as {@code config.build()})
     */
    public static WebhookScheme generic(GenericHmac.Builder config) {
        return config.build();
    }

    /**
     * A scheme by name ({@link #NAMES}); {@code generic} gets {@link GenericHmac}'s defaults.
     *
     * @param name the name, any case
     * @return the scheme
     * @throws ConfigurationException when the name is unknown
     */
    public static WebhookScheme byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "standard":
            case "svix":
                return STANDARD;
            case "stripe":
                return STRIPE;
            case "github":
                return GITHUB;
            case "slack":
                return SLACK;
            case "shopify":
                return SHOPIFY;
            case "twilio":
                return TWILIO;
            case "meta":
                return META;
            case "paddle":
                return PADDLE;
            case "mercadopago":
                return MERCADOPAGO;
            case "generic":
                return GenericHmac.builder().build();
            default:
                throw new ConfigurationException("unknown webhook scheme '" + name + "': expected one of " + NAMES);
        }
    }
}
