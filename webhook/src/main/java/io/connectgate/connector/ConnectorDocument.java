package io.connectgate.connector;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connector document: the POST /connectors shape {@code {"name", "config"}} or the flat
 * PUT shape (the config map itself).
 *
 * @param dataKey the ConfigMap data key holding it, or null for a bare connector file
 * @param root the whole parsed document (mutation rewrites it)
 * @param config the flat connector config inside {@code root}
 * @param configPointer "/config" for the POST shape, "" for the flat shape
 * @param duplicates duplicate keys found while parsing (each one is an error)
 */
public record ConnectorDocument(
    String dataKey, ObjectNode root, ObjectNode config, String configPointer,
    List<JsonProblem> duplicates) {

  public static final String CONNECTOR_CLASS = "connector.class";

  /** The connector class, or null when absent or not a string. */
  public String connectorClass() {
    var node = config.get(CONNECTOR_CLASS);
    return node != null && node.isString() ? node.stringValue() : null;
  }

  /** JSON Pointer (escaped) of a config key, such as {@code /config/tasks.max}. */
  public String pointerOf(String key) {
    return configPointer + "/" + JsonPointers.escape(key);
  }
}
