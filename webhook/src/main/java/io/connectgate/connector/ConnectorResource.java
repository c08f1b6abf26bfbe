package io.connectgate.connector;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector custom resource (Strimzi {@code KafkaConnector}, Confluent for Kubernetes
 * {@code Connector}) seen as the connector document it stands for.
 *
 * @param kind which resource
 * @param document the POST-shape document {@code {"name", "config"}} the operator would send
 *     to Kafka Connect: {@code config} is the resource's config map plus {@code connector.class}
 *     and {@code tasks.max} taken from their own spec fields
 * @param classFromSpec whether {@code connector.class} came from {@code spec.class} (or is
 *     missing there), so that findings on it point at {@code spec.class}
 * @param tasksFromSpec whether {@code tasks.max} came from the spec's own field
 * @param namePointer where the connector name is set ({@code /metadata/name} or {@code /spec/name})
 * @param problems problems of the resource's shape (forbidden keys, a config that is not a map)
 */
public record ConnectorResource(ConnectorResourceKind kind, ObjectNode document,
    boolean classFromSpec, boolean tasksFromSpec, String namePointer, List<Problem> problems) {

  /** A shape problem at a JSON Pointer (display form, unescaped) of the resource. */
  public record Problem(String rule, String pointer, String message) {}

  public ConnectorResource {
    problems = List.copyOf(problems);
  }

  /** The connector name the resource declares ("" when none). */
  public String connectorName() {
    var n = document.get("name");
    return n != null && n.isString() ? n.stringValue() : "";
  }

  /**
   * The resource pointer (display form) of a finding the engine located in {@link #document}:
   * {@code /config/x} is {@code /spec/config/x} (Strimzi) or {@code /spec/configs/x} (Confluent),
   * {@code connector.class} and {@code tasks.max} are their spec fields, {@code /name} the name.
   */
  public String resourcePointer(String enginePointer) {
    if (enginePointer == null) {
      return null;
    }
    if (enginePointer.equals("/name")) {
      return namePointer;
    }
    if (enginePointer.isEmpty() || enginePointer.equals("/config")) {
      return kind.configPointer();
    }
    if (enginePointer.startsWith("/config/")) {
      String key = enginePointer.substring("/config/".length());
      if (classFromSpec && key.equals(ConnectorDocument.CONNECTOR_CLASS)) {
        return kind.classPointer();
      }
      if (tasksFromSpec && key.equals("tasks.max")) {
        return kind.tasksPointer();
      }
      return kind.configPointer() + "/" + key;
    }
    return enginePointer;
  }
}
