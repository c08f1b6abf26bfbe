package io.connectgate.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connector ConfigMaps as users write them: the replicator-cc chart's shape (label
 * {@value #LABEL}, key {@value #DATA_KEY} holding {@code {"name", "config"}} as indented
 * JSON), as objects for Fabric8 and as YAML files for kubectl.
 */
final class ConnectorConfigMaps {

  static final String LABEL = "connectgate.io/connector";
  static final String DATA_KEY = "replicator-connector.json";
  static final String INJECTED_ANNOTATION = "connectgate.io/injected";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConnectorConfigMaps() {}

  /** A valid Replicator config (admission-reviews/create-mutate.json): mutable copy. */
  static Map<String, String> replicator() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "io.confluent.connect.replicator.ReplicatorSourceConnector");
    config.put("topic.whitelist", "orders");
    config.put("src.kafka.bootstrap.servers", "kafka:9071");
    config.put("dest.kafka.bootstrap.servers", "dest-kafka:9092");
    config.put("tasks.max", "1");
    return config;
  }

  /** {@code replicator()} with {@code changes} applied; a null value removes the key. */
  static Map<String, String> replicator(Map<String, String> changes) {
    Map<String, String> config = replicator();
    changes.forEach((k, v) -> {
      if (v == null) config.remove(k); else config.put(k, v);
    });
    return config;
  }

  /** A labelled ConfigMap carrying one connector named {@code name}. */
  static ConfigMap connector(String namespace, String name, Map<String, String> config) {
    ObjectNode document = JSON.createObjectNode();
    document.put("name", name);
    ObjectNode settings = document.putObject("config");
    config.forEach(settings::put);
    return new ConfigMapBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).addToLabels(LABEL, "true").endMetadata()
        .addToData(DATA_KEY, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document))
        .build();
  }

  /** The {@code config} object of the stored connector document. */
  static JsonNode storedConfig(ConfigMap stored) {
    return JSON.readTree(stored.getData().get(DATA_KEY)).path("config");
  }

  /** Writes {@code configMap} as a YAML manifest for {@code kubectl apply -f}. */
  static Path manifest(Path dir, ConfigMap configMap) {
    Path file = dir.resolve(configMap.getMetadata().getNamespace() + "-" + configMap.getMetadata().getName()
        + "-" + System.nanoTime() + ".yaml");
    try {
      Files.writeString(file, Serialization.asYaml(configMap), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
