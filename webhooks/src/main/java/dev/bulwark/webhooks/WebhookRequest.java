package dev.bulwark.webhooks;

import dev.bulwark.webhooks.internal.FormEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An inbound webhook delivery exactly as received: method, full URL, headers, the raw body bytes and, for
 * form-encoded bodies, the form parameters.
 *
 * <p><strong>Raw bytes.</strong> Every provider signs the bytes it sent. Hand the body over as read from the
 * input stream, never re-serialised JSON and never through a {@code Reader} (which may drop or convert line
 * endings): one changed byte and the signature no longer matches.
 *
 * <p><strong>Headers</strong> are looked up case-insensitively ({@code Stripe-Signature} and
 * {@code stripe-signature} are the same header); a header may carry several values.
 *
 * <p><strong>URL</strong> (only URL-signed schemes need it: Twilio signs the full URL, Mercado Pago signs the
 * {@code data.id} query parameter): the URL the <em>provider</em> called, scheme, host, port, path and query
 * string included. Behind a proxy or load balancer the server sees a different one: rebuild it with
 * {@link Builder#url(String, String, String)} from the public scheme and host (for example from
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, trusted only when set by your own proxy) and the
 * request's path and query.
 *
 * <p><strong>Form parameters</strong>: given explicitly with {@link Builder#formParam(String, String)}, or,
 * when none are given and the {@code Content-Type} is {@code application/x-www-form-urlencoded}, parsed from
 * the body (UTF-8) at {@link Builder#build()}.
 *
 * <p>Instances are immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class WebhookRequest {

    private final String method;
    private final String url;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, List<String>> formParams;

    private WebhookRequest(Builder b, Map<String, List<String>> formParams) {
        this.method = b.method;
        this.url = b.url;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = b.body;
        this.formParams = formParams;
    }

    /** {@return a builder for a request} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the HTTP method, upper case; {@code POST} unless set} */
    public String method() {
        return method;
    }

    /** {@return the full URL the provider called, or {@code null} when not given} */
    public String url() {
        return url;
    }

    /**
     * The first value of a header, looked up case-insensitively.
     *
     * @param name the header name
     * @return the first value, or {@code null} when absent
     */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Every value of a header, looked up case-insensitively.
     *
     * @param name the header name
     * @return the values in the order given, empty when absent
     */
    public List<String> headerValues(String name) {
        List<String> v = headers.get(name);
        return v == null ? List.of() : v;
    }

    /** {@return every header, keyed case-insensitively, unmodifiable} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** {@return a copy of the raw body bytes} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body length in bytes} */
    public int bodyLength() {
        return body.length;
    }

    /** {@return the form parameters (explicit, or parsed from a form-encoded body), in order, unmodifiable} */
    public Map<String, List<String>> formParams() {
        return formParams;
    }

    /**
     * The first value of a query parameter of {@link #url()}, percent-decoded as UTF-8.
     *
     * @param name the parameter name (exact case)
     * @return the value, or {@code null} when there is no URL, no such parameter or it is not decodable
     */
    public String queryParam(String name) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        Map<String, List<String>> params = FormEncoding.parseOrNull(query);
        if (params == null) {
            return null;
        }
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Access to the body without a copy, for the verifiers of this module. */
    byte[] rawBody() {
        return body;
    }

    /** {@return method, URL and header names only: never the body or header values} */
    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + (url == null ? "(no url)" : FormEncoding.stripQuery(url))
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }

    /** Builds a {@link WebhookRequest}. Not thread-safe. */
    public static final class Builder {
        private String method = "POST";
        private String url;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body = new byte[0];
        private Map<String, List<String>> formParams;

        private Builder() {
        }

        /** @param method the HTTP method (default {@code POST}) @return this */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * @param url the full URL the provider called, query string included
         * @return this
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Rebuilds the URL the provider called when the server sits behind a proxy.
         *
         * @param scheme the public scheme, {@code https} or {@code http}
         * @param hostAndPort the public host, with {@code :port} when it is not the default
         * @param pathAndQuery the request path and, if any, {@code ?query}, as received (still encoded)
         * @return this
         */
        public Builder url(String scheme, String hostAndPort, String pathAndQuery) {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(hostAndPort, "hostAndPort");
            Objects.requireNonNull(pathAndQuery, "pathAndQuery");
            String p = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
            this.url = scheme.toLowerCase(Locale.ROOT) + "://" + hostAndPort + p;
            return this;
        }

        /**
         * Adds one value of a header (headers may repeat).
         *
         * @param name the header name, any case
         * @param value the value as received
         * @return this
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /**
         * Adds every header of a map (for example a servlet's or an HTTP client's header map).
         *
         * @param all header names to their values
         * @return this
         */
        public Builder headers(Map<String, ? extends List<String>> all) {
            all.forEach((k, vs) -> vs.forEach(v -> header(k, v)));
            return this;
        }

        /** @param body the raw body bytes as received; copied @return this */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        /** @param body a body given as text, encoded as UTF-8 (for tests and tools) @return this */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Adds one form parameter (for URL-signed schemes whose host has already parsed the form).
         *
         * @param name the parameter name
         * @param value the decoded value
         * @return this
         */
        public Builder formParam(String name, String value) {
            Objects.requireNonNull(name, "form parameter name");
            Objects.requireNonNull(value, "form parameter value");
            if (formParams == null) {
                formParams = new LinkedHashMap<>();
            }
            formParams.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /**
         * @return the request
         * @throws WebhookVerificationException with {@link WebhookReason#MALFORMED_REQUEST} when the body is
         *     declared form-encoded but does not decode
         */
        public WebhookRequest build() {
            Map<String, List<String>> form;
            if (formParams != null) {
                form = FormEncoding.freeze(formParams);
            } else if (isFormEncoded(headers.get("Content-Type"))) {
                Map<String, List<String>> parsed = FormEncoding.parseOrNull(new String(body, StandardCharsets.UTF_8));
                if (parsed == null) {
                    throw new WebhookVerificationException(WebhookReason.MALFORMED_REQUEST,
                            "form-encoded body is not valid application/x-www-form-urlencoded");
                }
                form = FormEncoding.freeze(parsed);
            } else {
                form = Map.of();
            }
            return new WebhookRequest(this, form);
        }

        private static boolean isFormEncoded(List<String> contentType) {
            return contentType != null && !contentType.isEmpty()
                    && contentType.get(0).strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        }
    }
}
