package io.connectgate.admission;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector name of a connector entry's text: {@code name} of the POST shape
 * ({@code {"name", "config"}}), else {@code config.name}, as {@code deploy} reads it.
 */
public final class ConnectorName {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConnectorName() {}

  /** The name, or null when the text holds none (or is not JSON). */
  public static String of(String entryText) {
    if (entryText == null) return null;
    JsonNode root;
    try {
      root = JSON.readTree(entryText);
    } catch (JacksonException e) {
      return null;
    }
    return of(root);
  }

  /** The same, of a parsed document. */
  public static String of(JsonNode root) {
    JsonNode name = root.path("name");
    if (!name.isString() || name.stringValue().isBlank()) {
      name = root.path("config").path("name");
    }
    return name.isString() && !name.stringValue().isBlank() ? name.stringValue().strip() : null;
  }
}
