package io.connectgate.admission;

import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the engine says of one ConfigMap.
 *
 * @param carriesConnectors whether the ConfigMap carries connectors (docs/design.md "What is inspected")
 * @param findings every finding, errors first is not required
 * @param patch an RFC 6902 patch (a JSON array) against the request object, or null when
 *     nothing is to change or mutation was not asked for
 */
public record Review(boolean carriesConnectors, List<Finding> findings, JsonNode patch) {

  public static Review untouched() {
    return new Review(false, List.of(), null);
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }
}
