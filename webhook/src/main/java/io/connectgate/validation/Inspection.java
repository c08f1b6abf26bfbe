package io.connectgate.validation;

import io.connectgate.connector.ConnectorDocument;
import java.util.List;

/**
 * What the engine found in one ConfigMap (or bare connector file).
 *
 * @param carriesConnectors whether it carries connectors (docs/design.md "What is inspected")
 * @param documents the connector documents recognised in it
 * @param findings every finding, in document order
 */
public record Inspection(boolean carriesConnectors, List<ConnectorDocument> documents,
    List<Finding> findings) {

  public static Inspection untouched() {
    return new Inspection(false, List.of(), List.of());
  }

  public boolean hasErrors() {
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        return true;
      }
    }
    return false;
  }
}
