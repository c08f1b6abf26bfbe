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
 * @param positions where each document's nodes are in the file, one per document (for a
 *     connector JSON file: one, over the whole text); empty when unknown
 */
public record ManifestFile(String name, Format format, List<JsonNode> documents,
    String connectorText, JsonProblem syntaxError, List<DocumentPositions> positions) {

  public enum Format {
    YAML,
    JSON,
    CONNECTOR_JSON
  }

  public ManifestFile {
    documents = List.copyOf(documents);
    positions = positions == null ? List.of() : List.copyOf(positions);
  }

  public ManifestFile(String name, Format format, List<JsonNode> documents,
      String connectorText, JsonProblem syntaxError) {
    this(name, format, documents, connectorText, syntaxError, List.of());
  }

  /** Positions of document {@code index}, or null when they are not known. */
  public DocumentPositions positionsOf(int index) {
    int expected = format == Format.CONNECTOR_JSON ? 1 : documents.size();
    return positions.size() == expected && index >= 0 && index < expected
        ? positions.get(index) : null;
  }
}
