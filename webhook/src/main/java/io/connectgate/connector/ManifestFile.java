package io.connectgate.connector;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One input file as read by {@link ManifestReader}.
 *
 * @param name the file name as given ("-" for stdin)
 * @param format how it was read
 * @param documents the manifest documents (YAML/JSON), empty ones skipped; their index in this
 *     list is the document index reported in findings
 * @param connectorText for {@link Format#CONNECTOR_JSON}, the raw text (parsed again strictly
 *     for duplicate keys and line numbers)
 * @param syntaxError a YAML/JSON syntax error that stopped reading (documents before it are kept)
 */
public record ManifestFile(String name, Format format, List<JsonNode> documents,
    String connectorText, JsonProblem syntaxError) {

  public enum Format {
    YAML,
    JSON,
    CONNECTOR_JSON
  }
}
