package io.connectgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys a chart documents: every path of values.yaml, descending into a non-empty map only
 * where values.schema.json declares its properties (free-form maps such as resources or
 * podSecurityContext, and maps empty by default such as tls.certManager.issuerRef, are one key).
 */
final class ChartValues {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ChartValues() {}

  static List<String> documentedKeys(Path chart) {
    JsonNode schema;
    try {
      schema = JSON.readTree(chart.resolve("values.schema.json").toFile());
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("cannot read the schema of " + chart, e));
    }
    List<String> keys = new ArrayList<>();
    walk(Charts.readYaml(chart.resolve("values.yaml")), schema, "", keys);
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static void walk(Map<String, Object> values, JsonNode schema, String prefix, List<String> keys) {
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      String key = prefix + entry.getKey();
      JsonNode property = schema == null ? null : schema.path("properties").get(entry.getKey());
      if (entry.getValue() instanceof Map<?, ?> map && !map.isEmpty() && property != null && property.has("properties")) {
        walk((Map<String, Object>) map, property, key + ".", keys);
      } else {
        keys.add(key);
      }
    }
  }

  /** The schema node of a dotted key, or null. */
  static JsonNode schemaAt(JsonNode schema, String dottedKey) {
    JsonNode node = schema;
    for (String part : dottedKey.split("\\.")) {
      node = node.path("properties").get(part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }
}
