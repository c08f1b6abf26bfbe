package io.connectgate.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a connector custom resource into the connector document its operator would send to
 * Kafka Connect ({@link ConnectorResource}), and lists what is wrong with its shape. Pure;
 * the engine then validates the document like any other.
 */
public final class ConnectorResources {

  /** Rule of a setting the resource's operator forbids inside its config map. */
  public static final String FORBIDDEN_KEY = "forbidden-key";
  /** Rule of a resource whose spec is not what its CRD describes (no spec, config not a map). */
  public static final String NOT_A_CONNECTOR = "not-a-connector";
  public static final String VALUE_TYPE = "value-type";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ConnectorResources() {}

  /** The kind of a manifest tree, or null when it is not a connector resource connectgate reads. */
  public static ConnectorResourceKind kindOf(JsonNode object) {
    if (object == null || !object.isObject()) {
      return null;
    }
    return ConnectorResourceKind.ofManifest(text(object.get("apiVersion")), text(object.get("kind")));
  }

  /**
   * @param object the resource
   * @param kind its kind ({@link #kindOf}, or from an admission request)
   * @param requestName the name from an admission request, used when metadata has none
   */
  public static ConnectorResource read(JsonNode object, ConnectorResourceKind kind, String requestName) {
    List<ConnectorResource.Problem> problems = new ArrayList<>(0);
    JsonNode spec = object.get("spec");
    ObjectNode config = NODES.objectNode();
    ObjectNode document = NODES.objectNode();
    String name = text(object.path("metadata").get("name"));
    if (name == null || name.isEmpty()) {
      name = requestName == null ? "" : requestName;
    }
    String namePointer = "/metadata/name";
    if (!(spec instanceof ObjectNode s)) {
      problems.add(new ConnectorResource.Problem(NOT_A_CONNECTOR, "/spec",
          "a " + kind.title() + " needs a spec with class and " + kind.configField()));
      document.put("name", name).set("config", config);
      return new ConnectorResource(kind, document, true, true, namePointer, problems);
    }
    if (kind == ConnectorResourceKind.CONFLUENT_CONNECTOR && s.get("name") != null
        && s.get("name").isString() && !s.get("name").stringValue().isEmpty()) {
      name = s.get("name").stringValue();
      namePointer = "/spec/name";
    }
    boolean classFromSpec = s.has("class");
    if (classFromSpec) {
      config.set(ConnectorDocument.CONNECTOR_CLASS, s.get("class").deepCopy());
    }
    boolean tasksFromSpec = s.has(kind.tasksField());
    if (tasksFromSpec) {
      config.set("tasks.max", s.get(kind.tasksField()).deepCopy());
    }
    JsonNode entries = s.get(kind.configField());
    if (entries != null && !entries.isNull() && !(entries instanceof ObjectNode)) {
      problems.add(new ConnectorResource.Problem(VALUE_TYPE, kind.configPointer(),
          "must be a map of connector settings"));
    } else if (entries instanceof ObjectNode map) {
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        String key = e.getKey();
        if (kind.forbiddenInConfig().contains(key)) {
          problems.add(new ConnectorResource.Problem(FORBIDDEN_KEY, kind.configPointer() + "/" + key,
              forbiddenMessage(kind, key)));
          continue;
        }
        if (config.has(key)) {
          continue; // spec.class / the tasks field win over the same key in the map
        }
        config.set(key, e.getValue().deepCopy());
      }
    }
    if (!classFromSpec && !config.has(ConnectorDocument.CONNECTOR_CLASS)) {
      classFromSpec = true;
      problems.add(new ConnectorResource.Problem(NOT_A_CONNECTOR, kind.classPointer(),
          "is required: the connector class (as in connector.class)"));
    }
    document.put("name", name).set("config", config);
    return new ConnectorResource(kind, document, classFromSpec, tasksFromSpec, namePointer,
        problems);
  }

  private static String forbiddenMessage(ConnectorResourceKind kind, String key) {
    String instead = switch (key) {
      case ConnectorDocument.CONNECTOR_CLASS -> "set spec.class instead";
      case "tasks.max" -> "set spec." + kind.tasksField() + " instead";
      default -> "Strimzi names the connector after metadata.name";
    };
    return "not allowed in spec." + kind.configField() + " of a " + kind.title()
        + " (the operator sets it itself): " + instead;
  }

  private static String text(JsonNode node) {
    return node == null || !node.isString() ? null : node.stringValue();
  }
}
