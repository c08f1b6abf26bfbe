package io.connectgate.cli;

import io.connectgate.connector.ConnectorResourceKind;

/**
 * What {@code audit --resources} lists, named as kubectl names the resources: ConfigMaps and
 * the connector custom resources that the webhook and validate also judge.
 */
enum AuditedResource {
  configmaps(null, "ConfigMaps", "configMaps"),
  kafkaconnectors(ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR, "KafkaConnectors", "kafkaConnectors"),
  connectors(ConnectorResourceKind.CONFLUENT_CONNECTOR, "Connectors", "confluentConnectors"),
  kafkamirrormaker2s(ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2, "KafkaMirrorMaker2s",
      "kafkaMirrorMaker2s");

  private final ConnectorResourceKind kind;
  private final String counted;
  private final String jsonField;

  AuditedResource(ConnectorResourceKind kind, String counted, String jsonField) {
    this.kind = kind;
    this.counted = counted;
    this.jsonField = jsonField;
  }

  /** The connector resource kind, or null for ConfigMaps. */
  ConnectorResourceKind kind() {
    return kind;
  }

  /** How the summary line counts them: "3 KafkaConnectors". */
  String counted() {
    return counted;
  }

  /** The summary's count field in {@code -o json}. */
  String jsonField() {
    return jsonField;
  }

  /** How the summary names a kind whose CRD is not installed: "KafkaConnector (kafka.strimzi.io)". */
  String missing() {
    return kind == null ? counted : kind.kind() + " (" + kind.group() + ")";
  }
}
