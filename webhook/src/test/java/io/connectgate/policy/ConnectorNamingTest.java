package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The connectorNames rule: per-namespace name patterns, through the full reviewer. */
class ConnectorNamingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String POLICY = """
      apiVersion: connectgate.io/v1
      kind: ConnectorPolicy
      rules:
        connectorNames:
          action: deny
          patterns: ["{namespace}-*", "shared-?"]
          excludeNamespaces: [platform]
      """;

  private final Policy policy = load(POLICY);

  private static Policy load(String text) {
    try {
      return new PolicyLoader().parse(text, "test");
    } catch (PolicyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
  private final ConfigMapReviewer reviewer = ReviewerFactory.standard().create(null, () -> policy);

  private List<Finding> naming(String namespace, String document) {
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "cm").put("namespace", namespace);
    cm.putObject("data").put("c.json", document);
    return reviewer.review(cm, namespace, "cm", false).findings().stream()
        .filter(f -> Rules.CONNECTOR_NAMES.equals(f.rule())).toList();
  }

  private static String post(String name) {
    return "{\"name\":\"" + name + "\",\"config\":{\"connector.class\":"
        + "\"org.apache.kafka.connect.mirror.MirrorHeartbeatConnector\",\"tasks.max\":\"1\"}}";
  }

  @Test
  void aNameOutsideTheNamespacesPatternIsDeniedWithTheAllowedPatterns() {
    List<Finding> found = naming("team-a", post("team-b-orders"));
    assertEquals(1, found.size(), "expected one naming finding: " + found);
    Finding f = found.get(0);
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("/name", f.location().pointer());
    assertTrue(f.message().startsWith("connectorNames: connector name team-b-orders does not match team-a-*, shared-?"),
        f.message());
  }

  @Test
  void namesMatchingThePatternOfTheirOwnNamespacePass() {
    assertEquals(List.of(), naming("team-a", post("team-a-orders")));
    assertEquals(List.of(), naming("team-a", post("TEAM-A-orders")), "case-insensitive like every glob");
    assertEquals(List.of(), naming("team-b", post("shared-1")));
    assertEquals(1, naming("team-b", post("shared-12")).size(), "? is one character");
    assertEquals(List.of(), naming("platform", post("anything")), "an excluded namespace is not judged");
  }

  @Test
  void theFlatShapesNameIsJudgedToo() {
    String flat = "{\"name\":\"x\",\"connector.class\":\"org.apache.kafka.connect.mirror.MirrorHeartbeatConnector\"}";
    List<Finding> found = naming("team-a", flat);
    assertEquals(1, found.size(), "expected the flat document's name judged: " + found);
  }

  @Test
  void aMissingOrBadPatternListIsAProblemAtLoad() {
    PolicyException e = assertThrows(PolicyException.class, () -> new PolicyLoader().parse(
        POLICY.replace("patterns: [\"{namespace}-*\", \"shared-?\"]", "patterns: [\"a b\"]"), "bad"));
    assertTrue(e.getMessage().contains("rules.connectorNames.patterns[0]"), e.getMessage());
    PolicyException missing = assertThrows(PolicyException.class, () -> new PolicyLoader().parse(
        POLICY.replace("patterns: [\"{namespace}-*\", \"shared-?\"]", ""), "missing"));
    assertTrue(missing.getMessage().contains("rules.connectorNames.patterns is required"), missing.getMessage());
  }
}
