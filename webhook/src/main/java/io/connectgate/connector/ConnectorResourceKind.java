package io.connectgate.connector;

import java.util.List;

/**
 * The connector custom resources connectgate reads, with where each keeps its fields. Sources:
 * Strimzi's {@code KafkaConnector} CRD ({@code kafka.strimzi.io}, {@code spec.class},
 * {@code spec.tasksMax}, {@code spec.version}, {@code spec.config}), Confluent for Kubernetes'
 * {@code Connector} CRD ({@code platform.confluent.io/v1beta1}, {@code spec.class},
 * {@code spec.taskMax}, {@code spec.configs}, {@code spec.name}), and Strimzi's
 * {@code KafkaMirrorMaker2} CRD, whose connectors are the {@code sourceConnector},
 * {@code checkpointConnector} and (v1beta2) {@code heartbeatConnector} of each mirror, each with
 * {@code tasksMax}, {@code version} and {@code config} ({@link MirrorMaker2Resources}). Both
 * Strimzi kinds' config maps lose the same keys, whatever their case
 * ({@link StrimziForbiddenKeys}).
 */
public enum ConnectorResourceKind {
  STRIMZI_KAFKA_CONNECTOR("kafka.strimzi.io", List.of("v1beta2", "v1"), "KafkaConnector",
      "kafkaconnectors", "Strimzi KafkaConnector", "config", "tasksMax", StrimziForbiddenKeys.KEYS),
  CONFLUENT_CONNECTOR("platform.confluent.io", List.of("v1beta1"), "Connector",
      "connectors", "Confluent for Kubernetes Connector", "configs", "taskMax", List.of()),
  /** Config and tasks fields are those of each connector section of a mirror. */
  STRIMZI_KAFKA_MIRROR_MAKER_2("kafka.strimzi.io", List.of("v1beta2", "v1"), "KafkaMirrorMaker2",
      "kafkamirrormaker2s", "Strimzi KafkaMirrorMaker2", "config", "tasksMax",
      StrimziForbiddenKeys.KEYS);

  private final String group;
  private final List<String> versions;
  private final String kind;
  private final String plural;
  private final String title;
  private final String configField;
  private final String tasksField;
  private final List<String> forbiddenInConfig;

  ConnectorResourceKind(String group, List<String> versions, String kind, String plural,
      String title, String configField, String tasksField, List<String> forbiddenInConfig) {
    this.group = group;
    this.versions = versions;
    this.kind = kind;
    this.plural = plural;
    this.title = title;
    this.configField = configField;
    this.tasksField = tasksField;
    this.forbiddenInConfig = forbiddenInConfig;
  }

  /** The kind for an API group, version and kind, or null when connectgate does not read it. */
  public static ConnectorResourceKind of(String group, String version, String kind) {
    for (ConnectorResourceKind k : values()) {
      if (k.group.equals(group) && k.versions.contains(version) && k.kind.equals(kind)) {
        return k;
      }
    }
    return null;
  }

  /** The kind for a manifest's {@code apiVersion} ("group/version") and {@code kind}. */
  public static ConnectorResourceKind ofManifest(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) {
      return null;
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? null : of(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  public String kind() {
    return kind;
  }

  /** The API group, e.g. {@code kafka.strimzi.io}. */
  public String group() {
    return group;
  }

  /** The versions of the group whose resources connectgate reads, oldest first. */
  public List<String> versions() {
    return versions;
  }

  /** The resource name in API paths and RBAC rules, e.g. {@code kafkaconnectors}. */
  public String plural() {
    return plural;
  }

  /** The resource as kubectl and RBAC messages name it: {@code kafkaconnectors.kafka.strimzi.io}. */
  public String resource() {
    return plural + "." + group;
  }

  public String title() {
    return title;
  }

  public String configField() {
    return configField;
  }

  public String tasksField() {
    return tasksField;
  }

  /** The keys the operator drops from the config map, lower-case (it matches them in any case). */
  public List<String> forbiddenInConfig() {
    return forbiddenInConfig;
  }

}
