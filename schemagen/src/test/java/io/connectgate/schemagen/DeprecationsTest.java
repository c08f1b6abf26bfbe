package io.connectgate.schemagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reviewed deprecation list agrees with the Kafka on the classpath (a key marked removed
 * is not in its connector's ConfigDef any more, and every replacement is), and a key is
 * marked removed only from the Kafka version that removed it on: Kafka 3.9 still reads
 * {@code topics.blacklist}, 4.0 ignores it.
 */
class DeprecationsTest {

  private static final Map<String, String[]> DEFS = Map.of(
      "mirror-connector", new String[] {"org.apache.kafka.connect.mirror.MirrorConnectorConfig",
          "BASE_CONNECTOR_CONFIG_DEF"},
      "mirror-source", new String[] {"org.apache.kafka.connect.mirror.MirrorSourceConfig",
          "CONNECTOR_CONFIG_DEF"},
      "mirror-checkpoint", new String[] {"org.apache.kafka.connect.mirror.MirrorCheckpointConfig",
          "CONNECTOR_CONFIG_DEF"},
      "mirror-topic-filter", new String[] {
          "org.apache.kafka.connect.mirror.DefaultTopicFilter$TopicFilterConfig", "DEF"},
      "org.apache.kafka.connect.transforms.ReplaceField$Key", new String[] {
          "org.apache.kafka.connect.transforms.ReplaceField", "CONFIG_DEF"},
      "org.apache.kafka.connect.transforms.ReplaceField$Value", new String[] {
          "org.apache.kafka.connect.transforms.ReplaceField", "CONFIG_DEF"},
      "producer", new String[] {"org.apache.kafka.clients.producer.ProducerConfig", "CONFIG"},
      "consumer", new String[] {"org.apache.kafka.clients.consumer.ConsumerConfig", "CONFIG"},
      "admin", new String[] {"org.apache.kafka.clients.admin.AdminClientConfig", "CONFIG"});

  private static final JsonNode LIST = JsonMapper.builder().build().readTree(
      "{\"mirror-source\": {\"topics.blacklist\": {\"replacement\": \"topics.exclude\","
          + " \"removedIn\": \"4.0\"}}}");

  @Test
  void removedKeysAreGoneAndReplacementsExist() {
    JsonNode list = Deprecations.committed().list();
    int checked = 0;
    for (Map.Entry<String, JsonNode> scope : list.properties()) {
      if (scope.getKey().startsWith("$")) {
        continue;
      }
      String[] def = DEFS.get(scope.getKey());
      assertTrue(def != null, () -> "no ConfigDef known for scope " + scope.getKey());
      Set<String> names = ConfigDefs.of(def[0], def[1]).names();
      for (Map.Entry<String, JsonNode> e : scope.getValue().properties()) {
        String replacement = e.getValue().path("replacement").asString(null);
        String addedIn = e.getValue().path("addedIn").asString(null);
        if (addedIn != null && !Deprecations.atLeast(SchemaGenerator.kafkaVersion(), addedIn)) {
          assertFalse(names.contains(e.getKey()), () -> e.getKey() + " is marked added in "
              + addedIn + " but Kafka " + SchemaGenerator.kafkaVersion() + " defines it");
          checked++;
          continue;
        }
        assertTrue(replacement == null || names.contains(replacement), () -> scope.getKey()
            + ": replacement " + replacement + " of " + e.getKey() + " is not a Kafka setting");
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
    assertTrue(checked >= 4, "expected the MirrorMaker *.blacklist entries to be checked");
  }

  @Test
  void aRemovedKeyBecomesAnIgnoredProperty() {
    ObjectNode props = JsonNodeFactory.instance.objectNode();
    new Deprecations(LIST, "4.1.1").addTo("mirror-source", props, Set.of("topics.exclude"));
    assertEquals("4.0", props.path("topics.blacklist").path("x-connectgate-removed").asString(),
        "expected topics.blacklist marked removed in 4.0 when generating 4.1");
    assertEquals("topics.exclude", props.path("topics.blacklist")
        .path("x-connectgate-deprecated").asString(), "expected the replacement named");
  }

  @Test
  void beforeItsRemovalAKeyIsOnlyDeprecated() {
    ObjectNode props = JsonNodeFactory.instance.objectNode();
    props.putObject("topics.blacklist").put("description", "Deprecated. Use topics.exclude");
    new Deprecations(LIST, "3.9.1").addTo("mirror-source", props,
        Set.of("topics.exclude", "topics.blacklist"));
    assertFalse(props.path("topics.blacklist").has("x-connectgate-removed"),
        "expected Kafka 3.9's topics.blacklist not marked removed: 3.9 still reads it");
    assertEquals("topics.exclude", props.path("topics.blacklist")
        .path("x-connectgate-deprecated").asString(), "expected it deprecated in 3.9");
    assertFalse(props.path("topics.blacklist").has(Deprecations.WITHOUT_REPLACEMENT),
        "expected a key with a replacement not marked as having none");
    assertEquals("Deprecated. Use topics.exclude", props.path("topics.blacklist")
        .path("description").asString(), "expected Kafka's own documentation kept");
  }

  @Test
  void theListIsCheckedAgainstEachVersionsConfigDef() {
    ObjectNode props = JsonNodeFactory.instance.objectNode();
    // 3.9 without the old key: the list would claim a deprecation Kafka does not have.
    assertThrows(IllegalStateException.class, () -> new Deprecations(LIST, "3.9.1")
        .addTo("mirror-source", props, Set.of("topics.exclude")));
    // 4.0 still defining the old key: the list would call a read key ignored.
    assertThrows(IllegalStateException.class, () -> new Deprecations(LIST, "4.0.0")
        .addTo("mirror-source", props, Set.of("topics.exclude", "topics.blacklist")));
    // A replacement the version does not define.
    assertThrows(IllegalStateException.class, () -> new Deprecations(LIST, "4.1.1")
        .addTo("mirror-source", props, Set.of()));
  }

  @Test
  void aSettingDroppedWithoutSuccessorIsRemovedOnlyFromItsVersion() {
    JsonNode list = JsonMapper.builder().build().readTree("{\"mirror-source\":"
        + " {\"use.incremental.alter.configs\": {\"removedIn\": \"4.0\"}}}");
    ObjectNode on41 = JsonNodeFactory.instance.objectNode();
    new Deprecations(list, "4.1.1").addTo("mirror-source", on41, Set.of());
    assertEquals("4.0", on41.path("use.incremental.alter.configs").path("x-connectgate-removed")
        .asString(), "expected it marked removed on 4.1");
    assertFalse(on41.path("use.incremental.alter.configs").has("x-connectgate-deprecated"),
        "expected no replacement named");
    assertFalse(on41.path("use.incremental.alter.configs")
        .has(Deprecations.WITHOUT_REPLACEMENT), "expected 4.1's ignored key not marked read");
    ObjectNode on39 = JsonNodeFactory.instance.objectNode();
    on39.putObject("use.incremental.alter.configs").put("description", "Deprecated. ...");
    new Deprecations(list, "3.9.1").addTo("mirror-source", on39,
        Set.of("use.incremental.alter.configs"));
    JsonNode p39 = on39.path("use.incremental.alter.configs");
    assertEquals("4.0", p39.path(Deprecations.WITHOUT_REPLACEMENT).asString(null),
        () -> "expected 3.9's still-read setting deprecated without replacement until 4.0, got "
            + on39);
    assertFalse(p39.has("x-connectgate-removed") || p39.has("x-connectgate-deprecated"),
        () -> "expected 3.9's setting neither removed nor with a replacement, got " + on39);
    assertEquals("Deprecated. ...", p39.path("description").asString(),
        "expected Kafka's own documentation kept");
  }

  @Test
  void aSettingAddedLaterIsCheckedOnlyFromItsVersion() {
    JsonNode list = JsonMapper.builder().build().readTree("{\"mirror-source\":"
        + " {\"metric.names.formats\": {\"addedIn\": \"4.3\"}}}");
    ObjectNode on41 = JsonNodeFactory.instance.objectNode();
    new Deprecations(list, "4.1.1").addTo("mirror-source", on41, Set.of());
    assertTrue(on41.isEmpty(), () -> "expected nothing added on 4.1, got " + on41);
    assertThrows(IllegalStateException.class, () -> new Deprecations(list, "4.1.1")
        .addTo("mirror-source", on41, Set.of("metric.names.formats")),
        "expected 4.1 defining a key the list says 4.3 added refused");
    assertThrows(IllegalStateException.class, () -> new Deprecations(list, "4.3.1")
        .addTo("mirror-source", on41, Set.of()),
        "expected 4.3 lacking the key refused");
    ObjectNode on43 = JsonNodeFactory.instance.objectNode();
    on43.putObject("metric.names.formats").put("description", "Deprecated. ...");
    new Deprecations(list, "4.3.1").addTo("mirror-source", on43,
        Set.of("metric.names.formats"));
    assertFalse(on43.path("metric.names.formats").has("x-connectgate-removed"),
        "expected 4.3's deprecated-at-birth setting not marked removed");
    assertTrue(on43.path("metric.names.formats").path(Deprecations.WITHOUT_REPLACEMENT)
        .asBoolean(false), () -> "expected 4.3's metric.names.formats deprecated without"
        + " replacement, no Kafka release removing it yet, got " + on43);
    assertEquals("Deprecated. ...", on43.path("metric.names.formats").path("description")
        .asString(), "expected Kafka's own documentation kept");
  }

  /**
   * Each version's real generation: 3.9 still reads MirrorMaker's settings 4.0 dropped without
   * successor (marked with 4.0), 4.1 ignores them (removed, not still read), 4.3 reads its
   * deprecated-at-birth metric.names.formats (marked, no removal version).
   */
  @Test
  void generatedVersionsMarkStillReadKeysWithoutReplacement() {
    Map<String, String> files = AllVersions.generated().files();
    JsonNode on39 = JsonMapper.builder().build().readTree(
        files.get("kafka-3.9/kafka-mirror.schema.json"));
    JsonNode on41 = JsonMapper.builder().build().readTree(files.get("kafka-mirror.schema.json"));
    JsonNode on43 = JsonMapper.builder().build().readTree(
        files.get("kafka-4.3/kafka-mirror.schema.json"));
    String without = "/" + Deprecations.WITHOUT_REPLACEMENT;
    for (String at : new String[] {"/$defs/connector/properties/auto.include.jmx.reporter",
        "/$defs/source/properties/use.incremental.alter.configs",
        "/$defs/source/properties/add.source.alias.to.metrics"}) {
      assertEquals("4.0", on39.at(at + without).asString(null),
          () -> "Kafka 3.9: expected " + at + " deprecated without replacement until 4.0");
      assertTrue(on41.at(at + without).isMissingNode(),
          () -> "Kafka 4.1: expected " + at + " not marked as still read (4.0 removed it)");
      assertEquals("4.0", on41.at(at + "/x-connectgate-removed").asString(null),
          () -> "Kafka 4.1: expected " + at + " marked removed in 4.0");
    }
    assertTrue(on39.at("/$defs/source/properties/topics.blacklist" + without).isMissingNode(),
        "Kafka 3.9: expected topics.blacklist, which has a replacement, not marked without one");
    for (String def : new String[] {"source", "checkpoint"}) {
      String at = "/$defs/" + def + "/properties/metric.names.formats";
      assertTrue(on43.at(at + without).asBoolean(false),
          () -> "Kafka 4.3: expected " + at + " deprecated without replacement (true)");
      assertTrue(on41.at(at).isMissingNode(), () -> "Kafka 4.1: expected no " + at);
    }
  }

  @Test
  void versionsCompareNumerically() {
    assertTrue(Deprecations.atLeast("4.0.0", "4.0"), "4.0.0 is 4.0");
    assertTrue(Deprecations.atLeast("4.10.0", "4.9"), "4.10 is after 4.9");
    assertFalse(Deprecations.atLeast("3.9.1", "4.0"), "3.9.1 is before 4.0");
  }
}
