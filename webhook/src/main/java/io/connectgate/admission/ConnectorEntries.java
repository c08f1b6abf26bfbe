package io.connectgate.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data entries of a ConfigMap that hold a connector document, by the rule of DESIGN "what
 * is inspected": a key ending in {@code .json} whose JSON is {@code {"name", "config":
 * {"connector.class"}}} or a flat map with {@code connector.class}. Only called for allowed
 * ConfigMaps, so the engine has already accepted every such entry.
 */
public final class ConnectorEntries {

  /** One connector entry: its data key and its text. */
  public record Entry(String key, String content) {
    @Override
    public String toString() {
      return "Entry[" + key + "]"; // never the content
    }
  }

  private final JsonMapper mapper;

  public ConnectorEntries(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public List<Entry> of(JsonNode configMap) {
    JsonNode data = configMap == null ? null : configMap.get("data");
    if (data == null || !data.isObject()) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(1);
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (e.getKey().endsWith(".json") && e.getValue().isString()
          && isConnector(e.getValue().asString())) {
        entries.add(new Entry(e.getKey(), e.getValue().asString()));
      }
    }
    return entries;
  }

  private boolean isConnector(String text) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      return false;
    }
    if (root == null || !root.isObject()) {
      return false;
    }
    JsonNode config = root.get("config");
    return (config != null && config.isObject() && config.has("connector.class"))
        || root.has("connector.class");
  }
}
