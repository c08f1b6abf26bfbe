package io.connectgate.deploy;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector name of a connector entry's text: {@code name} of the POST shape
 * ({@code {"name", "config"}}) or of the flat PUT shape, as {@code deploy} reads it.
 */
final class ConnectorNames {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConnectorNames() {}

  /** The name, or null when the text holds none. */
  static String of(String entryText) {
    if (entryText == null) return null;
    JsonNode root;
    try {
      root = JSON.readTree(entryText);
    } catch (JacksonException e) {
      return null;
    }
    JsonNode name = root.path("name");
    if (!name.isString() || name.stringValue().isBlank()) {
      name = root.path("config").path("name");
    }
    return name.isString() && !name.stringValue().isBlank() ? name.stringValue().strip() : null;
  }
}
