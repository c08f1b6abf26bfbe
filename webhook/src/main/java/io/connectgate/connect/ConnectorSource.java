package io.connectgate.connect;

import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.ManifestInspector;
import io.connectgate.validation.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the one connector that {@code deploy} pushes, with the same reader and engine as
 * {@code validate}: a bare connector JSON file (POST or flat PUT shape) or manifests (YAML or
 * JSON, multi-document, {@code List}, {@code helm template} output) with a ConfigMap carrying
 * one. The connector is checked locally first, so a misconfiguration is reported with every
 * finding before anything reaches Kafka Connect.
 */
public final class ConnectorSource {

  /** The connector to deploy (null when the findings hold an error) and every finding. */
  public record Loaded(ConnectorDefinition connector, List<Finding> findings) {
    public boolean rejected() {
      return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
  }

  private final ManifestReader reader = new ManifestReader();
  private final ManifestInspector inspector;

  public ConnectorSource(Inspector engine) {
    this.inspector = new ManifestInspector(engine);
  }

  public Loaded read(Path path) throws ConnectorSourceException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ConnectorSourceException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), path.toString());
  }

  public Loaded read(InputStream in, String label) throws ConnectorSourceException {
    try {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), label);
    } catch (IOException e) {
      throw new ConnectorSourceException("cannot read " + label + ": " + e.getMessage(), e);
    }
  }

  Loaded parse(String text, String label) throws ConnectorSourceException {
    if (text.isBlank()) {
      throw new ConnectorSourceException(label + " is empty");
    }
    ManifestFile file = reader.read(label, text);
    List<ConnectorDocument> documents = new ArrayList<>();
    List<String> where = new ArrayList<>();
    List<Finding> findings = inspector.inspect(file, (cm, inspection) -> {
      for (ConnectorDocument d : inspection.documents()) {
        documents.add(d);
        String cmName = cm == null ? null : cm.path("metadata").path("name").asString("<unnamed>");
        where.add(cmName == null ? label : "ConfigMap " + cmName + " data[" + d.dataKey() + "]");
      }
    });
    if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
      return new Loaded(null, findings);
    }
    if (documents.isEmpty()) {
      throw new ConnectorSourceException("no connector document in " + label
          + ": expected {\"name\": ..., \"config\": {\"connector.class\": ...}}, a flat map with"
          + " connector.class and name, or a ConfigMap with such a document in a data entry"
          + " ending in .json");
    }
    if (documents.size() > 1) {
      throw new ConnectorSourceException(label + " holds " + documents.size()
          + " connector documents (" + String.join(", ", where) + "); deploy takes exactly one");
    }
    return new Loaded(definition(documents.get(0), where.get(0)), findings);
  }

  private static ConnectorDefinition definition(ConnectorDocument doc, String where)
      throws ConnectorSourceException {
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : doc.config().properties()) {
      config.put(e.getKey(), e.getValue().asString()); // objects/arrays were errors already
    }
    boolean postShape = !doc.configPointer().isEmpty();
    JsonNode nameNode = postShape ? doc.root().path("name") : doc.config().path("name");
    String name = nameNode.isString() ? nameNode.stringValue() : null;
    if (name == null || name.isBlank()) {
      throw new ConnectorSourceException(where + (postShape ? " /name" : " /config/name")
          + ": a connector needs a non-empty name");
    }
    try {
      return new ConnectorDefinition(name, config);
    } catch (IllegalArgumentException e) {
      throw new ConnectorSourceException(where + ": " + e.getMessage(), e);
    }
  }
}
