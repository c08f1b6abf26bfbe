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

  /** Key to text of each connector entry, sorted by key. */
  public Map<String, String> of(Map<String, String> data) {
    Map<String, String> entries = new TreeMap<>();
    if (data == null) {
      return entries;
    }
    data.forEach((key, text) -> {
      if (key == null || text == null || !key.endsWith(".json")) {
        return;
      }
      ParsedJson parsed = parser.parse(text);
      if (!parsed.syntaxError() && ConnectorDocuments.recognise(key, parsed.root(), parsed.problems()) != null) {
        entries.put(key, text);
      }
    });
    return entries;
  }
}
