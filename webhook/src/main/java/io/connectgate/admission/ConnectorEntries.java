package io.connectgate.admission;

import io.connectgate.connector.ConnectorDocuments;
import io.connectgate.connector.ParsedJson;
import io.connectgate.connector.StrictJsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The data entries of a ConfigMap that hold a connector document, recognised exactly as the
 * engine does (DESIGN "what is inspected": a key ending in {@code .json} whose JSON is the
 * POST or the flat PUT shape). Only called for allowed ConfigMaps, so the engine has already
 * accepted every such entry.
 */
public final class ConnectorEntries {

  /** One connector entry: its data key and its text. */
  public record Entry(String key, String content) {
    @Override
    public String toString() {
      return "Entry[" + key + "]"; // never the content
    }
  }

  private final StrictJsonParser parser;

  public ConnectorEntries(StrictJsonParser parser) {
    this.parser = parser;
  }

  public List<Entry> of(JsonNode configMap) {
    JsonNode data = configMap == null ? null : configMap.get("data");
    if (data == null || !data.isObject()) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(1);
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (!e.getKey().endsWith(".json") || !e.getValue().isString()) {
        continue;
      }
      ParsedJson parsed = parser.parse(e.getValue().asString());
      if (!parsed.syntaxError()
          && ConnectorDocuments.recognise(e.getKey(), parsed.root(), parsed.problems()) != null) {
        entries.add(new Entry(e.getKey(), e.getValue().asString()));
      }
    }
    return entries;
  }
}
