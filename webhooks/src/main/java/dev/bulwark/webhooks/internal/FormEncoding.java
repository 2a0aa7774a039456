package dev.bulwark.webhooks.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} parsing (also used for query strings). */
public final class FormEncoding {

    private FormEncoding() {
    }

    /**
     * @param s the encoded form or query string
     * @return the parameters in order, or {@code null} when a percent escape is invalid
     */
    public static Map<String, List<String>> parseOrNull(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        try {
            for (String pair : s.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>(1))
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out;
    }

    /**
     * @param m parameters
     * @return a deep unmodifiable copy in the same order
     */
    public static Map<String, List<String>> freeze(Map<String, List<String>> m) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param url a URL
     * @return the URL without its query string (which may carry ids not meant for logs)
     */
    public static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
