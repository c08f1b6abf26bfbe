package io.connectgate.policy;

import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.Origin;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Location;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code connectorNames} rule (#16): a connector's name must match one of the patterns,
 * in which {@value #NAMESPACE} stands for the ConfigMap's namespace, e.g. {@code {namespace}-*}
 * lets team-a name connectors {@code team-a-...} only. After the namespace is put in, a pattern
 * is a {@link Glob} ({@code *}, {@code ?}, case-insensitive), matched like every other pattern
 * of the policy. A namespace name (a DNS label) holds no wildcard, so it matches only itself.
 */
final class ConnectorNaming {

  static final String NAMESPACE = "{namespace}";

  private ConnectorNaming() {}

  /** The patterns of a policy file, checked; problems are added. */
  static List<String> patterns(JsonNode node, String at, List<String> problems) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      problems.add(at + " is required: a non-empty list of patterns, e.g. \"{namespace}-*\"");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String text = item.isString() ? item.stringValue().trim() : null;
      String problem = text == null ? "is not a string" : Glob.problem(text.replace(NAMESPACE, "ns"), false);
      if (problem != null) {
        problems.add(at + "[" + i + "] " + problem);
      } else {
        out.add(text);
      }
    }
    return List.copyOf(out);
  }

  static void check(Policy policy, String namespace, Origin origin, ConnectorDocument doc, List<Finding> out) {
    String ns = namespace == null ? "" : namespace;
    policy.ruleFor(Rules.CONNECTOR_NAMES, ns).ifPresent(scope -> {
      JsonNode top = doc.root().path("name");
      boolean topLevel = top.isString() && !top.stringValue().isBlank();
      JsonNode node = topLevel ? top : doc.config().path("name");
      if (!node.isString() || node.stringValue().isBlank()) {
        return; // no name: the engine reports it
      }
      String name = node.stringValue().strip();
      List<String> allowed = policy.connectorNamePatterns().stream().map(p -> p.replace(NAMESPACE, ns)).toList();
      if (allowed.stream().noneMatch(p -> Glob.compile(p).matches(name))) {
        String pointer = topLevel ? "/name" : doc.pointerOf("name");
        out.add(new Finding(scope.action().severity(), Rules.CONNECTOR_NAMES, new Location(origin, doc.dataKey(), pointer),
            Rules.CONNECTOR_NAMES + ": connector name " + name + " does not match " + String.join(", ", allowed)
                + " (the names allowed in namespace " + ns + ")"));
      }
    });
  }
}
