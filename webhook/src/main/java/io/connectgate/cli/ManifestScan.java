package io.connectgate.cli;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConfigMapViews;
import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.connector.ConnectorResources;
import io.connectgate.connector.DocumentPositions;
import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorResourceInspector;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.LocatedFinding;
import io.connectgate.validation.Location;
import io.connectgate.validation.RuleSeverities;
import io.connectgate.validation.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the engine over one input file — the ConfigMaps and connector resources of every
 * document (inside {@code List}s too), or a bare connector file — and locates each finding
 * at its line and column in the file ({@link FindingPositions}).
 */
final class ManifestScan {

  /** Called for every ConfigMap inspected, with the document index (mutate patches them). */
  interface ConfigMapListener {
    void inspected(int document, ObjectNode configMap, Inspection inspection);
  }

  private final Inspector inspector;
  private final ConnectorResourceInspector resources;

  ManifestScan(Inspector inspector) {
    this.inspector = inspector;
    this.resources = new ConnectorResourceInspector(inspector);
  }

  /** Scans {@code file} into {@code result}; returns whether it held any Kubernetes object. */
  boolean scan(ManifestFile file, ScanResult result, ConfigMapListener listener) {
    result.files.add(file.name());
    if (file.format() == ManifestFile.Format.CONNECTOR_JSON) {
      Inspection i = inspector.inspectConnectorText(file.connectorText(),
          new Origin(file.name(), 0, null, null));
      result.connectors += i.documents().size();
      FindingPositions at = new FindingPositions(file.positionsOf(0), "");
      result.checked.add(new CheckedConnector(file.name(), display(file.name()),
          at.locateBare(i)));
      return true;
    }
    boolean objects = false;
    List<JsonNode> documents = file.documents();
    for (int index = 0; index < documents.size(); index++) {
      DocumentPositions positions = file.positionsOf(index);
      for (Map.Entry<String, ObjectNode> e : objects(documents.get(index)).entrySet()) {
        objects = true;
        ObjectNode object = e.getValue();
        FindingPositions at = new FindingPositions(positions, e.getKey());
        Origin origin = new Origin(file.name(), index, null, null);
        if (ConfigMapViews.isConfigMap(object)) {
          ConfigMapView view = ConfigMapViews.fromJson(object, origin);
          Inspection i = inspector.inspect(view);
          if (listener != null) {
            listener.inspected(index, object, i);
          }
          if (i.carriesConnectors()) {
            result.connectors += i.documents().size();
            addConfigMap(file.name(), view, i, at, result);
          }
          continue;
        }
        ConnectorResourceKind kind = ConnectorResources.kindOf(object);
        if (kind != null) {
          ConnectorResource resource = ConnectorResources.read(object, kind, null);
          Origin named = new Origin(file.name(), index,
              object.path("metadata").path("namespace").asString(null),
              object.path("metadata").path("name").asString(null));
          Inspection i = resources.inspect(resource, named);
          if (i.carriesConnectors()) {
            result.connectors += resource.connectors().size();
            result.checked.add(new CheckedConnector(file.name(),
                kind.kind() + " " + named.objectRef(), at.locateResource(i, resource)));
          }
        }
      }
    }
    if (file.syntaxError() != null) {
      String rule = file.format() == ManifestFile.Format.YAML ? Rules.YAML_SYNTAX : Rules.JSON_SYNTAX;
      Finding f = new Finding(RuleSeverities.DEFAULTS.of(rule), rule,
          new Location(new Origin(file.name(), documents.size(), null, null), null, null),
          file.syntaxError().message());
      result.checked.add(new CheckedConnector(file.name(), display(file.name()),
          List.of(new LocatedFinding(f, FindingPositions.at(file.syntaxError())))));
      objects = true; // what it is is said: invalid YAML
    }
    return objects;
  }

  private static void addConfigMap(String file, ConfigMapView view, Inspection i,
      FindingPositions at, ScanResult result) {
    Map<String, List<LocatedFinding>> byKey = new LinkedHashMap<>();
    Map<String, String> configPointers = new LinkedHashMap<>();
    for (ConnectorDocument d : i.documents()) {
      byKey.put(d.dataKey(), new ArrayList<>());
      configPointers.put(d.dataKey(), d.configPointer());
    }
    for (Finding f : i.findings()) {
      String key = f.location().dataKey();
      byKey.computeIfAbsent(key, k -> new ArrayList<>())
          .add(at.locateInConfigMap(f, view, configPointers.get(key)));
    }
    String ref = view.origin().objectRef();
    byKey.forEach((key, findings) -> result.checked.add(new CheckedConnector(file,
        key == null ? ref : ref + " data[" + key + "]", List.copyOf(findings))));
  }

  /**
   * The Kubernetes objects of a document by their JSON Pointer in it: itself, or the items of
   * a {@code List} / {@code *List} (nested lists included, at most 10 deep).
   */
  static Map<String, ObjectNode> objects(JsonNode document) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    collect(document, "", out, 0);
    return out;
  }

  private static void collect(JsonNode node, String pointer, Map<String, ObjectNode> out, int depth) {
    if (!(node instanceof ObjectNode object) || depth > 10 || !object.path("kind").isString()) {
      return;
    }
    if (object.path("kind").stringValue().endsWith("List") && object.path("items").isArray()) {
      int i = 0;
      for (JsonNode item : object.path("items")) {
        collect(item, pointer + "/items/" + i++, out, depth + 1);
      }
    } else {
      out.put(pointer, object);
    }
  }

  static String display(String file) {
    return "-".equals(file) ? "<stdin>" : file;
  }
}
