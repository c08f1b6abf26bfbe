package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Strimzi drops {@code connector.class}, {@code tasks.max} and {@code name} from a
 * KafkaConnector's {@code spec.config} with a log warning ({@code AbstractConfiguration
 * .filterForbidden}) and sends {@code spec.class}, {@code spec.tasksMax} and
 * {@code metadata.name} instead. A key repeating what is sent loses nothing and is no problem
 * (Debezium's own example repeats {@code tasksMax: 1}); one the operator replaces is.
 */
class StrimziForbiddenKeysTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static List<String> forbidden(String config, String tasksMax) {
    JsonNode resource = YAML.readTree("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaConnector
        metadata: {name: warehouse-sink}
        spec:
          class: com.example.WarehouseSinkConnector
          %s
          config: {%s, topics: orders}
        """.formatted(tasksMax, config));
    return ConnectorResources.read(resource, ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR, null)
        .problems().stream().filter(p -> p.rule().equals(ConnectorResources.FORBIDDEN_KEY))
        .map(ConnectorResource.Problem::pointer).toList();
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
}
