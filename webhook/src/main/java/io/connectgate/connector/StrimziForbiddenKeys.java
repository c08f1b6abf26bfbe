package io.connectgate.connector;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The keys Strimzi's cluster operator removes from a connector's config map, a KafkaConnector's
 * {@code spec.config} and a KafkaMirrorMaker2 connector section's {@code config} alike: both go
 * through {@code AbstractConnectOperator.maybeCreateOrUpdateConnector}, whose
 * {@code KafkaConnectorConfiguration} drops every key that, lower-cased
 * ({@code Locale.ENGLISH}), is one of {@code AbstractConnectorSpec.FORBIDDEN_PARAMETERS}
 * ({@code AbstractConfiguration.filterForbidden}), logging only a warning
 * ({@code Configuration option "KEY" is forbidden and will be ignored}); {@code asJson} then
 * adds {@code tasks.max} from {@code tasksMax} and {@code connector.plugin.version} from
 * {@code version} when they are set, and {@code connector.class} from the class, and the
 * connector is named by the REST path. Strimzi 0.50.0 and 0.51.0; 0.49 did not yet forbid
 * {@code connector.plugin.version} (it passed it on with a {@code DeprecatedFields} warning
 * condition, a set {@code version} overriding it).
 */
final class StrimziForbiddenKeys {

  /** {@code AbstractConnectorSpec.FORBIDDEN_PARAMETERS} of 0.50 and 0.51, in its order. */
  static final List<String> KEYS =
      List.of("name", ConnectorDocument.CONNECTOR_CLASS, "tasks.max", "connector.plugin.version");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrimziForbiddenKeys() {}

  /** Whether the operator drops {@code key} from a config map of {@code kind} (any case). */
  static boolean forbidden(ConnectorResourceKind kind, String key) {
    return kind.forbiddenInConfig().contains(key.toLowerCase(Locale.ENGLISH));
  }

  /**
   * What the operator sends in place of each forbidden key: a key it sends nothing for (no
   * {@code tasksMax}, no {@code version}) is absent.
   */
  static Map<String, JsonNode> sent(JsonNode className, JsonNode tasksMax, JsonNode version,
      String name) {
    Map<String, JsonNode> sent = new HashMap<>(4);
    putIfSet(sent, ConnectorDocument.CONNECTOR_CLASS, className);
    putIfSet(sent, "tasks.max", tasksMax);
    putIfSet(sent, "connector.plugin.version", version);
    putIfSet(sent, "name", name == null ? null : NODES.stringNode(name));
    return sent;
  }

  private static void putIfSet(Map<String, JsonNode> sent, String key, JsonNode value) {
    if (value != null && !value.isNull()) {
      sent.put(key, value);
    }
  }

  /**
   * The problem of a forbidden key in a config map, or null when it holds exactly what the
   * operator sends in its place ({@link #sent}): it drops the key and the connector gets the
   * same value, so nothing is lost (Debezium's own KafkaConnector example repeats
   * {@code tasksMax: 1} as {@code tasks.max: 1}). Another value, or one where the operator
   * sends nothing, is silently lost: reported.
   *
   * @param section the spec section holding {@code config} and the tasks field, as users write
   *     it: {@code spec}, {@code spec.mirrors[0].sourceConnector}
   */
  static ConnectorResource.Problem check(ConnectorResourceKind kind, String section,
      String pointer, String key, JsonNode value, Map<String, JsonNode> sent) {
    JsonNode instead = sent.get(key.toLowerCase(Locale.ENGLISH));
    String sentText = scalar(instead);
    if (sentText != null && sentText.equals(scalar(value))) {
      return null;
    }
    return new ConnectorResource.Problem(ConnectorResources.FORBIDDEN_KEY, pointer,
        message(kind, section, key, instead != null));
  }

  /** A string, number or boolean as the operator turns it into text; null for anything else. */
  private static String scalar(JsonNode node) {
    return node != null && (node.isString() || node.isNumber() || node.isBoolean())
        ? node.asString() : null;
  }

  /**
   * The message of a key the operator drops from a connector's config map: what it does with
   * the key and what it sends instead.
   *
   * @param sent whether the operator sends a value of its own for the key
   */
  static String message(ConnectorResourceKind kind, String section, String key, boolean sent) {
    boolean mirror = kind == ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;
    String lower = key.toLowerCase(Locale.ENGLISH);
    String does = switch (lower) {
      case ConnectorDocument.CONNECTOR_CLASS -> mirror
          ? "sends the section's own MirrorMaker 2 connector class"
          : "sends spec.class as connector.class; set spec.class instead";
      case "tasks.max" -> (sent
          ? "sends " + section + "." + kind.tasksField() + " as tasks.max"
          : "sends no tasks.max (" + section + "." + kind.tasksField()
              + " is not set), so Kafka Connect runs one task")
          + "; set " + section + "." + kind.tasksField() + " instead";
      case "connector.plugin.version" -> (sent
          ? "sends " + section + ".version as connector.plugin.version"
          : "sends no connector.plugin.version (" + section + ".version is not set)")
          + "; set " + section + ".version instead (Strimzi 0.49 still passed it on, with a"
          + " DeprecatedFields warning)";
      default -> mirror
          ? "names the connector SOURCE->TARGET.CLASS"
          : "names the connector after metadata.name";
    };
    return "not allowed in " + section + "." + kind.configField() + " of a " + kind.title()
        + ": the operator drops it" + (lower.equals(key) ? "" : " (it matches the key in any case)")
        + " with only a log warning and " + does;
  }
}
