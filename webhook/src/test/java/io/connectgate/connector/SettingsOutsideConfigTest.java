package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A connector resource published with {@code configs:} left empty and its settings one level
 * too high (mddunn/gko-tf's SNMP trap {@code Connector}): the settings are spec fields no CRD
 * has, which the API server drops, so the connector is created without them.
 */
class SettingsOutsideConfigTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static List<ConnectorResource.Problem> unknown(String manifest, ConnectorResourceKind kind) {
    JsonNode resource = YAML.readTree(manifest);
    return ConnectorResources.read(resource, kind, null).problems().stream()
        .filter(p -> p.rule().equals(ConnectorResources.UNKNOWN_KEY)).toList();
  }

  @Test
  void dottedSpecFieldsOfAConfluentConnectorAreReported() {
    List<ConnectorResource.Problem> problems = unknown("""
        apiVersion: platform.confluent.io/v1beta1
        kind: Connector
        metadata: {name: snmp-source}
        spec:
          class: io.confluent.connect.snmp.SnmpTrapSourceConnector
          taskMax: 1
          connectClusterRef: {name: connect}
          configs:
          kafka.topic: snmp-kafka-topic
          snmp.batch.size: "50"
        """, ConnectorResourceKind.CONFLUENT_CONNECTOR);
    assertEquals(List.of("/spec/kafka.topic", "/spec/snmp.batch.size"),
        problems.stream().map(ConnectorResource.Problem::pointer).toList());
    assertTrue(problems.get(0).message().contains("under spec.configs"), problems.toString());
  }

  @Test
  void aKafkaConnectorsOwnFieldsAreNotReported() {
    assertEquals(List.of(), unknown("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaConnector
        metadata: {name: sink}
        spec:
          class: com.example.WarehouseSinkConnector
          tasksMax: 1
          autoRestart: {enabled: true}
          state: running
          config: {topics: orders}
        """, ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR));
  }
}
