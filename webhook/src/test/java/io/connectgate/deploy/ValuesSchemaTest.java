package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * values.schema.json of both charts, enforced by real Helm: a misspelt key, a value of the
 * wrong type or outside its range fails `helm template`/`install` with the key named, and
 * every value of values.yaml has a typed schema entry.
 */
class ValuesSchemaTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> refused() {
    Path cg = Charts.connectgateChart();
    Path rc = Charts.replicatorChart();
    return Stream.of(
        Arguments.of("misspelt webhook.failurPolicy", cg, Map.of("webhook.failurPolicy", "Ignore"), "failurPolicy"),
        Arguments.of("replicaCount=two", cg, Map.of("replicaCount", "two"), "replicaCount"),
        Arguments.of("unknown top-level key", cg, Map.of("replicas", 3), "replicas"),
        Arguments.of("failurePolicy outside its enum", cg, Map.of("webhook.failurePolicy", "ignore"), "failurePolicy"),
        Arguments.of("timeoutSeconds 31", cg, Map.of("webhook.timeoutSeconds", 31), "timeoutSeconds"),
        Arguments.of("a digest that is not sha256", cg, Map.of("image.digest", "latest"), "digest"),
        Arguments.of("enabled as a string", cg, Map.of("networkPolicy.enabled", "yes"), "enabled"),
        Arguments.of("misspelt connectorResources switch", cg, Map.of("connectorResources.strimzi.enable", true), "enable"),
        Arguments.of("replicator-cc unknown key", rc, Map.of("replicator.taskMax", 2), "taskMax"),
        Arguments.of("replicator-cc tasksMax=many", rc, Map.of("replicator.tasksMax", "many"), "tasksMax"),
        Arguments.of("replicator-cc authentication scram", rc, Map.of("tls.authentication.type", "scram"), "type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void helmRefusesTheValue(String description, Path chart, Map<String, Object> sets, String named) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Charts.template(chart, null, sets),
        description + " must fail at template time");
    assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"),
        description + ": refused by the schema: " + e.getMessage());
    assertTrue(e.getMessage().contains(named), description + ": the message names " + named + ": " + e.getMessage());
  }

  @Test
  void installingWithoutAnImageRepositorySaysWhatToSet() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.templateAsIs(Charts.connectgateChart(), null, Map.of()), "no default repository");
    assertTrue(e.getMessage().contains("image.repository is required")
            && e.getMessage().contains("Container image") && e.getMessage().contains("image.registry"),
        "the message says what to set and where to read how: " + e.getMessage());
  }

  @Test
  void imageByRegistryTagOrDigest() {
    String digest = "sha256:" + "a".repeat(64);
    assertEquals("registry.example.com/platform/connectgate@" + digest, image(Map.of(
        "image.registry", "registry.example.com", "image.repository", "platform/connectgate", "image.digest", digest,
        "image.tag", "ignored")), "registry/repository@digest");
    assertEquals("platform/connectgate:1.2.3", image(Map.of("image.repository", "platform/connectgate",
        "image.tag", "1.2.3")), "repository:tag without a registry");
    assertEquals("connectgate:0.1.0", image(Map.of()), "the tag defaults to appVersion");
  }

  private static String image(Map<String, Object> sets) {
    return Charts.single(Charts.parse(Charts.template(Charts.connectgateChart(), null, sets)),
        io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage();
  }

  static Stream<Path> charts() {
    return Stream.of(Charts.connectgateChart(), Charts.replicatorChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void everyValueIsTypedAndEveryObjectClosed(Path chart) throws Exception {
    JsonNode schema = JSON.readTree(chart.resolve("values.schema.json").toFile());
    List<String> problems = new ArrayList<>();
    check(schema, "", problems);
    for (String key : ChartValues.documentedKeys(chart)) {
      if (ChartValues.schemaAt(schema, key) == null) {
        problems.add(key + ": in values.yaml, not in the schema");
      }
    }
    assertEquals(List.of(), problems, chart.getFileName() + ": every node typed, every declared object closed");
  }

  private static void check(JsonNode node, String path, List<String> problems) {
    if (!node.has("type")) {
      problems.add((path.isEmpty() ? "(root)" : path) + ": no type");
    }
    if (node.has("properties")) {
      if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
        problems.add((path.isEmpty() ? "(root)" : path) + ": additionalProperties must be false");
      }
      for (Map.Entry<String, JsonNode> property : node.get("properties").properties()) {
        check(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), problems);
      }
    }
    if (node.has("items")) {
      check(node.get("items"), path + "[]", problems);
    }
  }
}
