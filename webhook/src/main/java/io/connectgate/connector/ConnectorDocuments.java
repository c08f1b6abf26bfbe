package io.connectgate.connector;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recognises connector documents in parsed JSON (docs/design.md "What is inspected"): the POST shape
 * {@code {"name": ..., "config": {"connector.class": ...}}} or a flat map with
 * {@code connector.class}.
 */
public final class ConnectorDocuments {

  private ConnectorDocuments() {}

  /** The connector document in {@code root}, or null when it is not one. */
  public static ConnectorDocument recognise(String dataKey, JsonNode root,
      List<JsonProblem> duplicates) {
    if (!(root instanceof ObjectNode object)) {
      return null;
    }
    if (object.get("config") instanceof ObjectNode config
        && config.has(ConnectorDocument.CONNECTOR_CLASS)) {
      return new ConnectorDocument(dataKey, object, config, "/config", duplicates);
    }
    if (object.has(ConnectorDocument.CONNECTOR_CLASS)) {
      return new ConnectorDocument(dataKey, object, object, "", duplicates);
    }
    return null;
  }

  /**
   * Whether a JSON tree looks like an attempt at a connector document that lacks its class:
   * it has a {@code config} object. Reported as not-a-connector in labelled ConfigMaps.
   */
  public static boolean looksLikeConnector(JsonNode root) {
    return root instanceof ObjectNode object && object.get("config") instanceof ObjectNode;
  }
}
