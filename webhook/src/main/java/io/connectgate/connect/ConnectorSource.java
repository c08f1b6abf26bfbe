package io.connectgate.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the one connector that {@code deploy} pushes, from a bare connector JSON file (POST
 * shape {@code {"name", "config"}} or flat PUT shape with {@code connector.class}) or from
 * Kubernetes manifests (YAML or JSON, multi-document, {@code List}) with a ConfigMap whose
 * {@code data} entry ending in {@code .json} holds such a document.
 *
 * <p>Deliberately small and separate: the engine's connector parser (package
 * {@code connector}) is meant to replace it, so that deploy can validate locally first.
 * Parse errors name only a line and column, never the offending text, because that text may
 * be a credential.
 */
public final class ConnectorSource {

  private final ObjectMapper json = JsonMapper.builder().build();
  private final ObjectMapper yaml = YAMLMapper.builder().build();

  public ConnectorDefinition read(Path path) throws ConnectorSourceException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ConnectorSourceException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), path.toString());
  }

  public ConnectorDefinition read(InputStream in, String label) throws ConnectorSourceException {
    try {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), label);
    } catch (IOException e) {
      throw new ConnectorSourceException("cannot read " + label + ": " + e.getMessage(), e);
    }
  }

  ConnectorDefinition parse(String text, String label) throws ConnectorSourceException {
    List<JsonNode> documents = documents(text, label);
    List<Candidate> found = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (JsonNode document : documents) {
      collect(document, label, found, broken);
    }
    if (found.isEmpty()) {
      String why = broken.isEmpty() ? "" : " (" + String.join("; ", broken) + ")";
      throw new ConnectorSourceException("no connector document in " + label
          + ": expected {\"name\": ..., \"config\": {\"connector.class\": ...}}, a flat map with"
          + " connector.class and name, or a ConfigMap with such a document in a data entry"
          + " ending in .json" + why);
    }
    if (found.size() > 1) {
      List<String> where = found.stream().map(Candidate::where).toList();
      throw new ConnectorSourceException(label + " holds " + found.size()
          + " connector documents (" + String.join(", ", where) + "); deploy takes exactly one");
    }
    Candidate only = found.get(0);
    return toDefinition(only.document(), only.where());
  }

  private List<JsonNode> documents(String text, String label) throws ConnectorSourceException {
    String trimmed = text.stripLeading();
    if (trimmed.isEmpty()) {
      throw new ConnectorSourceException(label + " is empty");
    }
    try {
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        return List.of(json.readTree(text));
      }
      List<JsonNode> out = new ArrayList<>();
      try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(text)) {
        while (it.hasNext()) {
          JsonNode node = it.next();
          if (node != null && !node.isNull() && !node.isMissingNode()) {
            out.add(node);
          }
        }
      }
      return out;
    } catch (JacksonException e) {
      throw new ConnectorSourceException(label + " is not valid JSON or YAML" + at(e), e);
    }
  }

  private void collect(JsonNode node, String label, List<Candidate> found, List<String> broken) {
    if (!node.isObject()) {
      return;
    }
    String kind = node.path("kind").asString("");
    if (("List".equals(kind) || kind.endsWith("List")) && node.path("items").isArray()) {
      for (JsonNode item : node.path("items")) {
        collect(item, label, found, broken);
      }
    } else if ("ConfigMap".equals(kind)) {
      String cm = node.path("metadata").path("name").asString("<unnamed>");
      for (Map.Entry<String, JsonNode> entry : node.path("data").properties()) {
        if (!entry.getKey().endsWith(".json") || !entry.getValue().isString()) {
          continue;
        }
        String where = "ConfigMap " + cm + " data[" + entry.getKey() + "]";
        try {
          JsonNode doc = json.readTree(entry.getValue().stringValue());
          if (isConnector(doc)) {
            found.add(new Candidate(doc, where));
          }
        } catch (JacksonException e) {
          broken.add(where + " is not valid JSON" + at(e));
        }
      }
    } else if (isConnector(node)) {
      found.add(new Candidate(node, label));
    }
  }

  /** The POST /connectors shape or the flat PUT shape, as the design's contract defines them. */
  static boolean isConnector(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    if (node.path("config").isObject()) {
      return node.path("config").has(ConnectorDefinition.CLASS_KEY);
    }
    return node.has(ConnectorDefinition.CLASS_KEY);
  }

  private ConnectorDefinition toDefinition(JsonNode doc, String where)
      throws ConnectorSourceException {
    boolean postShape = doc.path("config").isObject();
    JsonNode configNode = postShape ? doc.path("config") : doc;
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : configNode.properties()) {
      JsonNode v = e.getValue();
      if (v.isString() || v.isNumber() || v.isBoolean()) {
        config.put(e.getKey(), v.asString());
      } else {
        throw new ConnectorSourceException(where + " /config/" + e.getKey()
            + ": must be a string, number or boolean (Connect accepts no "
            + (v.isNull() ? "null" : v.isObject() ? "object" : "array") + " values)");
      }
    }
    String name;
    if (postShape) {
      JsonNode n = doc.path("name");
      if (!n.isString() || n.stringValue().isBlank()) {
        throw new ConnectorSourceException(where + " /name: missing or empty connector name");
      }
      name = n.stringValue();
    } else {
      name = config.get("name");
      if (name == null || name.isBlank()) {
        throw new ConnectorSourceException(
            where + " /config/name: a flat connector config needs a non-empty name");
      }
    }
    try {
      return new ConnectorDefinition(name, config);
    } catch (IllegalArgumentException e) {
      throw new ConnectorSourceException(where + ": " + e.getMessage(), e);
    }
  }

  private static String at(JacksonException e) {
    TokenStreamLocation loc = e.getLocation();
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private record Candidate(JsonNode document, String where) {}
}
