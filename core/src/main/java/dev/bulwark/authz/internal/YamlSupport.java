package dev.bulwark.authz.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/** Isolates the optional YAML dependency: this class is only loaded when a YAML policy is read. */
final class YamlSupport {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlSupport() {
    }

    static JsonNode readTree(String yaml) throws IOException {
        return YAML.readTree(yaml);
    }
}
