package io.connectgate.validation;

import io.connectgate.connector.ConfigMapViews;
import io.connectgate.connector.ManifestFile;
import io.connectgate.connector.ManifestReader;
import io.connectgate.connector.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs the engine over every ConfigMap (or the bare connector) of one input file. */
public final class ManifestInspector {

  private final Inspector engine;

  public ManifestInspector(Inspector engine) {
    this.engine = engine;
  }

  /**
   * Inspects the file, calling {@code each} per ConfigMap (null for a bare connector file)
   * with its inspection; returns every finding, a syntax error of the file included.
   */
  public List<Finding> inspect(ManifestFile file, BiConsumer<ObjectNode, Inspection> each) {
    List<Finding> findings = new ArrayList<>();
    if (file.format() == ManifestFile.Format.CONNECTOR_JSON) {
      Inspection i = engine.inspectConnectorText(file.connectorText(),
          new Origin(file.name(), 0, null, null));
      each.accept(null, i);
      findings.addAll(i.findings());
      return findings;
    }
    List<JsonNode> documents = file.documents();
    for (int index = 0; index < documents.size(); index++) {
      for (ObjectNode cm : ManifestReader.configMaps(documents.get(index))) {
        Inspection i = engine.inspect(
            ConfigMapViews.fromJson(cm, new Origin(file.name(), index, null, null)));
        each.accept(cm, i);
        findings.addAll(i.findings());
      }
    }
    if (file.syntaxError() != null) {
      String rule = file.format() == ManifestFile.Format.YAML ? Rules.YAML_SYNTAX : Rules.JSON_SYNTAX;
      findings.add(new Finding(RuleSeverities.DEFAULTS.of(rule), rule,
          new Location(new Origin(file.name(), documents.size(), null, null), null, null),
          "line " + file.syntaxError().line() + ", column " + file.syntaxError().column() + ": "
              + file.syntaxError().message()));
    }
    return findings;
  }
}
