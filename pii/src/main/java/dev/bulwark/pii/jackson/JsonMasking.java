package dev.bulwark.pii.jackson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.pii.Masker;
import java.util.Map;

/**
 * Scan-and-mask of arbitrary JSON trees: every string value (and every number whose digits are detected,
 * such as a card number stored as a number) is masked; object keys, structure, booleans and nulls are kept.
 * The input tree is not modified. Nesting is bounded by Jackson's own parser limits. Thread-safe.
 */
public final class JsonMasking {

    private JsonMasking() {
    }

    /**
     * @param tree the tree, may be {@code null}
     * @param masker the masker
     * @return a masked deep copy ({@code null} for {@code null})
     * @throws ConfigurationException when {@code masker} is null
     */
    public static JsonNode maskTree(JsonNode tree, Masker masker) {
        ConfigurationException.requireSet(masker, "masker");
        return tree == null ? null : copy(tree, masker);
    }

    private static JsonNode copy(JsonNode n, Masker masker) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n.isObject()) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                o.set(e.getKey(), copy(e.getValue(), masker));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = f.arrayNode(n.size());
            for (JsonNode c : n) {
                a.add(copy(c, masker));
            }
            return a;
        }
        if (n.isTextual()) {
            return f.textNode(masker.mask(n.textValue()));
        }
        if (n.isIntegralNumber()) {
            String digits = n.asText();
            String masked = masker.mask(digits);
            return masked.equals(digits) ? n.deepCopy() : f.textNode(masked);
        }
        return n.deepCopy();
    }
}
