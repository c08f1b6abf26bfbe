package io.connectgate.connector;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads manifests the way {@code kubectl} and CI produce them: multi-document YAML (including
 * {@code helm template} output with {@code ---} separators, {@code # Source:} comments and
 * empty documents), JSON manifests, {@code List} objects, and bare connector JSON files (the
 * POST {@code {"name","config"}} shape or the flat PUT shape).
 */
public final class ManifestReader {

  private final ObjectMapper json = JsonMapper.builder().build();
  private final YAMLMapper yaml = YAMLMapper.builder().build();

  public ManifestFile read(String name, String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String trimmed = body.stripLeading();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return readJson(name, body);
    }
    return readYaml(name, body);
  }

  private ManifestFile readJson(String name, String text) {
    JsonNode tree;
    try {
      tree = json.readTree(text);
    } catch (JacksonException e) {
      // Not even JSON: if it was meant as a connector file, the strict parser says where.
      return new ManifestFile(name, ManifestFile.Format.CONNECTOR_JSON, List.of(), text, null,
          List.of(JsonPositions.of(text)));
    }
    if (ConnectorDocuments.recognise(null, tree, List.of()) != null || !tree.has("kind")) {
      return new ManifestFile(name, ManifestFile.Format.CONNECTOR_JSON, List.of(), text, null,
          List.of(JsonPositions.of(text)));
    }
    return new ManifestFile(name, ManifestFile.Format.JSON, List.of(tree), null, null,
        List.of(JsonPositions.of(text)));
  }

  private ManifestFile readYaml(String name, String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()
            && !(doc.isObject() && doc.isEmpty())) {
          documents.add(doc);
        }
      }
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      return new ManifestFile(name, ManifestFile.Format.YAML, documents, null,
          new JsonProblem(JsonProblem.Kind.SYNTAX, "", loc == null ? 0 : loc.getLineNr(),
              loc == null ? 0 : loc.getColumnNr(), "invalid YAML: "
              + StrictJsonParser.describe(e.getOriginalMessage())),
          YamlPositions.of(text));
    }
    return new ManifestFile(name, ManifestFile.Format.YAML, documents, null, null,
        YamlPositions.of(text));
  }

  /**
   * The ConfigMaps in a manifest document: itself, or the items of a {@code List} /
   * {@code *List} (nested lists included). The nodes are the document's own, so changing them
   * changes the document.
   */
  public static List<ObjectNode> configMaps(JsonNode document) {
    List<ObjectNode> out = new ArrayList<>(1);
    collect(document, out, 0);
    return out;
  }

  private static void collect(JsonNode node, List<ObjectNode> out, int depth) {
    if (node == null || !node.isObject() || depth > 10) {
      return;
    }
    String kind = node.path("kind").asString("");
    if (kind.endsWith("List") && node.path("items").isArray()) {
      node.path("items").forEach(item -> collect(item, out, depth + 1));
    } else if (ConfigMapViews.isConfigMap(node)) {
      out.add((ObjectNode) node);
    }
  }
}
