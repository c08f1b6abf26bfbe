package io.connectgate.validation;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The values of the settings a schema marks {@code x-connectgate-sensitive} (every setting
 * Kafka types PASSWORD, e.g. {@code ssl.truststore.certificates}, which the name rules of
 * {@link Redactor} do not catch), at the root or under an open prefix, so that findings never
 * carry them either.
 */
final class SchemaSecrets {

  private SchemaSecrets() {}

  static boolean isSensitive(ConnectorSchema schema, String key) {
    if (schema == null) {
      return false;
    }
    if (schema.properties().sensitive().contains(key)) {
      return true;
    }
    ClientPrefixes.Under under = schema.underPrefix(key);
    return under != null && under.prefix().properties().sensitive().contains(under.key());
  }

  /** Adds the values of the schema's sensitive settings in {@code config} to {@code values}. */
  static void addValues(ConnectorSchema schema, JsonNode config, List<String> values) {
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull() && isSensitive(schema, e.getKey())
          && e.getValue().asString().length() >= 3 && !values.contains(e.getValue().asString())) {
        values.add(e.getValue().asString());
      }
    }
  }

  /** Whether a message contains a value {@link #addValues} would add (to a list without it). */
  static boolean revealsAny(ConnectorSchema schema, JsonNode config, List<String> messages,
      Redactor.Scan scan) {
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull()
          && e.getValue().asString().length() >= 3 && isSensitive(schema, e.getKey())
          && Redactor.occursIn(e.getValue().asString(), messages, scan)) {
        return true;
      }
    }
    return false;
  }
}
