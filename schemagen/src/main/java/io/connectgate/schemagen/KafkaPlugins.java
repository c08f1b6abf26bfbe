package io.connectgate.schemagen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Connect plugins Kafka ships, found the way Connect's service-loader scan finds them
 * (META-INF/services of the Kafka jars), by plugin type. Connect computes aliases over every
 * plugin of every type, so all types are listed, not only those with settings.
 */
final class KafkaPlugins {

  /** Plugin type (as Connect's PluginType names it) → its interface. */
  static final Map<String, String> TYPES = types();

  private static Map<String, String> types() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("source", "org.apache.kafka.connect.source.SourceConnector");
    t.put("sink", "org.apache.kafka.connect.sink.SinkConnector");
    t.put("converter", "org.apache.kafka.connect.storage.Converter");
    t.put("header_converter", "org.apache.kafka.connect.storage.HeaderConverter");
    t.put("transformation", "org.apache.kafka.connect.transforms.Transformation");
    t.put("predicate", "org.apache.kafka.connect.transforms.predicates.Predicate");
    t.put("config_provider", "org.apache.kafka.common.config.provider.ConfigProvider");
    t.put("rest_extension", "org.apache.kafka.connect.rest.ConnectRestExtension");
    t.put("connector_client_config_override_policy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy");
    return t;
  }

  private KafkaPlugins() {}

  /** Class name → its plugin types, sorted. */
  static Map<String, TreeSet<String>> all() {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Map.Entry<String, String> t : TYPES.entrySet()) {
      for (Class<?> c : classes(t.getValue())) {
        out.computeIfAbsent(c.getName(), k -> new TreeSet<>()).add(t.getKey());
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Class<?>> classes(String interfaceName) {
    try {
      Class service = Class.forName(interfaceName);
      return ((ServiceLoader<?>) ServiceLoader.load(service)).stream()
          .<Class<?>>map(p -> (Class<?>) p.type()).toList();
    } catch (ClassNotFoundException e) {
      return List.of(); // e.g. no REST extension API on the classpath
    }
  }
}
