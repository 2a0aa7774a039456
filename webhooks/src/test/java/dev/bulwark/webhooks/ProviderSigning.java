package dev.bulwark.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent implementation of each provider's documented signing algorithm, written directly on JCA
 * (no code shared with the module), used to produce correctly signed requests in tests.
 */
final class ProviderSigning {

    private ProviderSigning() {
    }

    static byte[] hmac(String alg, byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance(alg);
            m.init(new SecretKeySpec(key, alg));
            return m.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** Standard Webhooks: v1,base64(HMAC-SHA256(base64decode(secret minus whsec_), id.ts.body)). */
    static String standard(String whsec, String id, long ts, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        return "v1," + b64(hmac("HmacSHA256", key, concat(utf8(id + "." + ts + "."), body)));
    }

    /** Stripe: t=ts,v1=hex(HMAC-SHA256(whole secret, ts.body)). */
    static String stripe(String secret, long ts, byte[] body) {
        return "t=" + ts + ",v1=" + hex(hmac("HmacSHA256", utf8(secret), concat(utf8(ts + "."), body)));
    }

    /** GitHub and Meta: sha256=hex(HMAC-SHA256(secret, body)). */
    static String hub(String secret, byte[] body) {
        return "sha256=" + hex(hmac("HmacSHA256", utf8(secret), body));
    }

    /** Slack: v0=hex(HMAC-SHA256(secret, v0:ts:body)). */
    static String slack(String secret, long ts, byte[] body) {
        return "v0=" + hex(hmac("HmacSHA256", utf8(secret), concat(utf8("v0:" + ts + ":"), body)));
    }

    /** Shopify: base64(HMAC-SHA256(secret, body)). */
    static String shopify(String secret, byte[] body) {
        return b64(hmac("HmacSHA256", utf8(secret), body));
    }

    /** Twilio: base64(HMAC-SHA1(token, url + sorted name+value)). */
    static String twilio(String token, String url, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append(v));
        return b64(hmac("HmacSHA1", utf8(token), utf8(sb.toString())));
    }

    /** Paddle: ts=..;h1=hex(HMAC-SHA256(secret, ts:body)). */
    static String paddle(String secret, long ts, byte[] body) {
        return "ts=" + ts + ";h1=" + hex(hmac("HmacSHA256", utf8(secret), concat(utf8(ts + ":"), body)));
    }

    /** Mercado Pago: ts=..,v1=hex(HMAC-SHA256(secret, id:..;request-id:..;ts:..;)). */
    static String mercadoPago(String secret, String dataId, String requestId, String ts) {
        String manifest = "id:" + dataId + ";request-id:" + requestId + ";ts:" + ts + ";";
        return "ts=" + ts + ",v1=" + hex(hmac("HmacSHA256", utf8(secret), utf8(manifest)));
    }

    static String sha256Hex(byte[] body) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
