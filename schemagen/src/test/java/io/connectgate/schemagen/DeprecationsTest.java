package io.connectgate.schemagen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reviewed deprecation list agrees with the Kafka on the classpath: a key marked removed
 * is not in its connector's ConfigDef any more, and every replacement is.
 */
class DeprecationsTest {

  private static final Map<String, String> DEFS = Map.of(
      "mirror-source", "org.apache.kafka.connect.mirror.MirrorSourceConfig",
      "mirror-checkpoint", "org.apache.kafka.connect.mirror.MirrorCheckpointConfig");

  @Test
  void removedKeysAreGoneAndReplacementsExist() {
    JsonNode list = Deprecations.committed().list();
    int checked = 0;
    for (Map.Entry<String, JsonNode> scope : list.properties()) {
      if (scope.getKey().startsWith("$")) {
        continue;
      }
      String cls = DEFS.get(scope.getKey());
      assertTrue(cls != null, () -> "no ConfigDef known for scope " + scope.getKey());
      Set<String> names = ConfigDefs.of(cls, "CONNECTOR_CONFIG_DEF").names();
      for (Map.Entry<String, JsonNode> e : scope.getValue().properties()) {
        String replacement = e.getValue().path("replacement").asString();
        assertTrue(names.contains(replacement), () -> scope.getKey() + ": replacement "
            + replacement + " of " + e.getKey() + " is not a Kafka setting");
        if (e.getValue().has("removedIn")) {
          assertFalse(names.contains(e.getKey()), () -> e.getKey() + " is marked removed in "
              + e.getValue().path("removedIn").asString() + " but Kafka "
              + SchemaGenerator.kafkaVersion() + " still defines it");
        } else {
          assertTrue(names.contains(e.getKey()), () -> e.getKey() + " is marked deprecated"
              + " but Kafka no longer defines it: mark it removedIn");
        }
        checked++;
      }
    }
    assertTrue(checked >= 3, "expected the MirrorMaker *.blacklist entries to be checked");
  }

  @Test
  void aRemovedKeyBecomesAnIgnoredProperty() {
    tools.jackson.databind.node.ObjectNode props =
        tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    Deprecations.committed().addTo("mirror-source", props);
    assertTrue(props.path("topics.blacklist").path("x-connectgate-removed").isString(),
        "expected topics.blacklist marked removed");
    assertTrue(props.path("topics.blacklist").path("x-connectgate-deprecated").asString()
        .equals("topics.exclude"), "expected the replacement named");
  }
}
