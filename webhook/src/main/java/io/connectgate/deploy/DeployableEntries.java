package io.connectgate.deploy;

import io.connectgate.connector.ConnectorDocuments;
import io.connectgate.connector.ParsedJson;
import io.connectgate.connector.StrictJsonParser;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data entries of a ConfigMap that hold a connector document, recognised as the engine
 * does (docs/design.md "What is inspected": a key ending in {@code .json} whose JSON is the POST or the
 * flat PUT shape). Entries that do not parse are not connectors here; the engine check reports
 * them when the ConfigMap is labelled.
 */
public final class DeployableEntries {

  private final StrictJsonParser parser;

  public DeployableEntries(StrictJsonParser parser) {
    this.parser = parser;
  }

  /**
   * Key to text of the first {@code limit} connector entries in {@code data}'s order (the API
   * server sends data keys sorted), sorted by key: what the controller keeps of a ConfigMap is
   * bounded whatever a tenant stores in it.
   */
  public Map<String, String> of(Map<String, String> data, int limit) {
    Map<String, String> entries = new TreeMap<>();
    if (data == null) {
      return entries;
    }
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (entries.size() == limit) {
        break;
      }
      String key = e.getKey();
      String text = e.getValue();
      if (key == null || text == null || !key.endsWith(".json")) {
        continue;
      }
      ParsedJson parsed = parser.parse(text);
      if (!parsed.syntaxError() && ConnectorDocuments.recognise(key, parsed.root(), parsed.problems()) != null) {
        entries.put(key, text);
      }
    }
    return entries;
  }
}
