package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Strimzi 0.50–0.51 drops {@code name}, {@code connector.class}, {@code tasks.max} and
 * {@code connector.plugin.version} from a KafkaConnector's {@code spec.config}, matching the
 * key lower-cased, with a log warning ({@code AbstractConfiguration.filterForbidden}) and sends
 * {@code spec.class}, {@code spec.tasksMax}, {@code spec.version} and {@code metadata.name}
 * instead. A key repeating what is sent loses nothing and is no problem (Debezium's own example
 * repeats {@code tasksMax: 1}); one the operator replaces, or sends nothing for, is.
 */
class StrimziForbiddenKeysTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static ConnectorResource read(String config, String spec) {
    JsonNode resource = YAML.readTree("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaConnector
        metadata: {name: warehouse-sink}
        spec:
          class: com.example.WarehouseSinkConnector
          %s
          config: {%s, topics: orders}
        """.formatted(spec, config));
    return ConnectorResources.read(resource, ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR, null);
  }

  private static List<String> forbidden(String config, String spec) {
    return read(config, spec).problems().stream()
        .filter(p -> p.rule().equals(ConnectorResources.FORBIDDEN_KEY))
        .map(ConnectorResource.Problem::pointer).toList();
  }

  /** The config the operator sends, sorted, as "key=value" lines. */
  private static String sentConfig(ConnectorResource r) {
    Map<String, String> sorted = new TreeMap<>();
    r.connectors().get(0).document().get("config").properties()
        .forEach(e -> sorted.put(e.getKey(), e.getValue().asString()));
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  @Test
  void keysRepeatingWhatTheOperatorSendsAreNoProblem() {
    assertEquals(List.of(), forbidden("connector.class: com.example.WarehouseSinkConnector,"
        + " tasks.max: '2', name: warehouse-sink", "tasksMax: 2"));
    assertEquals(List.of(), forbidden("tasks.max: 1", "tasksMax: 1"));
  }

  @Test
  void keysTheOperatorReplacesAreReported() {
    assertEquals(List.of("/spec/config/connector.class", "/spec/config/tasks.max",
        "/spec/config/name"), forbidden("connector.class: com.example.OtherSinkConnector,"
        + " tasks.max: 4, name: other-sink", "tasksMax: 2"));
    // Without spec.tasksMax the operator sends no tasks.max: the connector runs one task.
    assertEquals(List.of("/spec/config/tasks.max"), forbidden("tasks.max: 3", ""));
  }

  @Test
  void keysAreMatchedInAnyCaseAsTheOperatorDoes() {
    // AbstractConfiguration.filterForbidden compares k.toLowerCase(Locale.ENGLISH): Kafka
    // Connect would only have seen unknown keys, but the operator drops them all the same.
    assertEquals(List.of("/spec/config/Connector.Class", "/spec/config/TASKS.MAX",
        "/spec/config/Name"), forbidden("Connector.Class: com.example.OtherSinkConnector,"
        + " TASKS.MAX: 4, Name: other-sink", "tasksMax: 2"));
    ConnectorResource r = read("Tasks.Max: 4, Connector.Plugin.Version: 1.0.0", "tasksMax: 2");
    assertEquals("connector.class=com.example.WarehouseSinkConnector\ntasks.max=2\ntopics=orders\n",
        sentConfig(r), "dropped, not sent as unknown keys");
    // A case variant holding what the operator sends loses nothing either.
    assertEquals(List.of(), forbidden("Tasks.Max: 2, CONNECTOR.CLASS: com.example.WarehouseSinkConnector",
        "tasksMax: 2"));
  }

  @Test
  void connectorPluginVersionIsDroppedAndSpecVersionSentInItsPlace() {
    // Strimzi 0.50 added connector.plugin.version to FORBIDDEN_PARAMETERS; asJson sends
    // spec.version as connector.plugin.version when it is set.
    assertEquals(List.of("/spec/config/connector.plugin.version"),
        forbidden("connector.plugin.version: 1.2.0", ""), "dropped, and nothing sent instead");
    assertEquals(List.of("/spec/config/connector.plugin.version"),
        forbidden("connector.plugin.version: 1.2.0", "version: 1.3.0"), "replaced");
    assertEquals(List.of(), forbidden("connector.plugin.version: 1.2.0", "version: 1.2.0"),
        "what spec.version sends anyway");
    ConnectorResource r = read("connector.plugin.version: 1.2.0", "version: 1.3.0");
    assertEquals("connector.class=com.example.WarehouseSinkConnector\nconnector.plugin.version=1.3.0\n"
        + "topics=orders\n", sentConfig(r));
    assertEquals("/spec/version", r.connectors().get(0).resourcePointer("/config/connector.plugin.version"),
        "a finding on it points at spec.version");
  }

  @Test
  void messagesSayWhatTheOperatorDoes() {
    ConnectorResource r = read("TASKS.MAX: 3, connector.plugin.version: 1.2.0, connector.class: x.Y",
        "version: 1.3.0");
    assertEquals(List.of(
        new ConnectorResource.Problem("forbidden-key", "/spec/config/TASKS.MAX", "not allowed in"
            + " spec.config of a Strimzi KafkaConnector: the operator drops it (it matches the key"
            + " in any case) with only a log warning and sends no tasks.max (spec.tasksMax is not"
            + " set), so Kafka Connect runs one task; set spec.tasksMax instead"),
        new ConnectorResource.Problem("forbidden-key", "/spec/config/connector.plugin.version",
            "not allowed in spec.config of a Strimzi KafkaConnector: the operator drops it with"
            + " only a log warning and sends spec.version as connector.plugin.version; set"
            + " spec.version instead (Strimzi 0.49 still passed it on, with a DeprecatedFields"
            + " warning)"),
        new ConnectorResource.Problem("forbidden-key", "/spec/config/connector.class",
            "not allowed in spec.config of a Strimzi KafkaConnector: the operator drops it with"
            + " only a log warning and sends spec.class as connector.class; set spec.class"
            + " instead")),
        r.problems());
  }

  @Test
  void confluentConnectorsForbidNothingAndHaveNoVersionField() {
    JsonNode resource = YAML.readTree("""
        apiVersion: platform.confluent.io/v1beta1
        kind: Connector
        metadata: {name: warehouse-sink}
        spec:
          class: com.example.WarehouseSinkConnector
          taskMax: 2
          version: 1.3.0
          configs: {Tasks.Max: "4", connector.plugin.version: 1.2.0, topics: orders}
        """);
    ConnectorResource r = ConnectorResources.read(resource, ConnectorResourceKind.CONFLUENT_CONNECTOR, null);
    assertEquals(List.of(), r.problems());
    assertEquals("Tasks.Max=4\nconnector.class=com.example.WarehouseSinkConnector\n"
        + "connector.plugin.version=1.2.0\ntasks.max=2\ntopics=orders\n", sentConfig(r));
  }
}
