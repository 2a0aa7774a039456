package dev.bulwark.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;

/**
 * Reads the event id from a <em>verified</em> body, for schemes whose headers carry no signed id (Stripe's
 * {@code evt_...}, Paddle's {@code notification_id}, GitHub or Shopify payload ids). The id becomes the
 * replay-guard key, so a provider's retry of the same event is refused as {@code REPLAYED} even when it was
 * signed again with a new timestamp.
 *
 * <p>Implementations must be thread-safe. They run only after the signature has verified.
 */
@FunctionalInterface
public interface EventIdExtractor {

    /**
     * @param verifiedBody the raw body (do not modify)
     * @return the id, or {@code null} when the body has none
     * @throws RuntimeException when the body cannot be read; the verifier then rejects the delivery with
     *     {@link WebhookReason#MALFORMED_REQUEST} (fail closed)
     */
    String extract(byte[] verifiedBody);

    /**
     * An extractor of a top-level string or number field of a JSON object body (streaming: it stops at the
     * field and never builds a tree).
     *
     * @param field the field name, e.g. {@code "id"} (Stripe) or {@code "notification_id"} (Paddle)
     * @return the extractor
     */
    static EventIdExtractor jsonField(String field) {
        Objects.requireNonNull(field, "field");
        JsonFactory factory = new JsonFactory();
        return body -> {
            try (JsonParser p = factory.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("body is not a JSON object");
                }
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals(field) && (v == JsonToken.VALUE_STRING || v.isNumeric())) {
                        return p.getText();
                    }
                    p.skipChildren();
                }
                return null;
            } catch (IOException e) {
                throw new IllegalArgumentException("body is not valid JSON", e);
            }
        };
    }
}
