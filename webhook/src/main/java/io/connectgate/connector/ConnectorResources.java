package io.connectgate.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a connector custom resource into the connector documents its operator would send to
 * Kafka Connect ({@link ConnectorResource}; a KafkaMirrorMaker2's in {@link MirrorMaker2Resources}),
 * and lists what is wrong with its shape. Pure; the engine then validates the documents like any
 * other.
 */
public final class ConnectorResources {

  /** Rule of a setting the resource's operator forbids inside its config map. */
  public static final String FORBIDDEN_KEY = "forbidden-key";
  /** Rule of a resource whose spec is not what its CRD describes (no spec, config not a map). */
  public static final String NOT_A_CONNECTOR = "not-a-connector";
  public static final String VALUE_TYPE = "value-type";
  /** Rule of a field the resource's API version does not have (the API server drops it). */
  public static final String UNKNOWN_KEY = "unknown-key";
  /** Rule of a resource past a size no real one needs (validation's {@code Limits.RULE}). */
  public static final String LIMIT = "limit";
  /**
   * Connector documents one resource may make: validation's {@code Limits.MAX_DOCUMENTS} (a
   * test keeps them equal; this package sits below validation). A KafkaMirrorMaker2 past it
   * is denied before its connectors are built: each copies both clusters' configs, so 9,000
   * sections of 1,000-setting clusters (525 KB) ran a 256 MiB heap out of memory.
   */
  public static final int MAX_CONNECTORS = 64;
  /**
   * Characters the connector documents of one resource may hold together (4 MiB, four times
   * what a ConfigMap can). A KafkaMirrorMaker2 copies each cluster's settings into every
   * connector of its mirrors: a 1.4 MB target config under 63 connectors ran a 256 MiB heap out
   * of memory before any per-value limit was checked.
   */
  public static final long MAX_CONNECTOR_CHARS = 4L << 20;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PLUGIN_VERSION = "connector.plugin.version";

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
    if (kind == ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2) {
      return MirrorMaker2Resources.read(object);
    }
    List<ConnectorResource.Problem> problems = new ArrayList<>(0);
    JsonNode spec = object.get("spec");
    ObjectNode config = NODES.objectNode();
    ObjectNode document = NODES.objectNode();
    String name = text(object.path("metadata").get("name"));
    if (name == null || name.isEmpty()) {
      name = requestName == null ? "" : requestName;
    }
    String namePointer = "/metadata/name";
    String configPointer = "/spec/" + kind.configField();
    String classPointer = "/spec/class";
    String tasksPointer = "/spec/" + kind.tasksField();
    Map<String, String> derived = Map.of(ConnectorDocument.CONNECTOR_CLASS, classPointer,
        "tasks.max", tasksPointer);
    if (!(spec instanceof ObjectNode s)) {
      problems.add(new ConnectorResource.Problem(NOT_A_CONNECTOR, "/spec",
          "a " + kind.title() + " needs a spec with class and " + kind.configField()));
      document.put("name", name).set("config", config);
      return one(kind, document, configPointer, namePointer, derived, problems);
    }
    if (kind == ConnectorResourceKind.CONFLUENT_CONNECTOR && s.get("name") != null
        && s.get("name").isString() && !s.get("name").stringValue().isEmpty()) {
      name = s.get("name").stringValue();
      namePointer = "/spec/name";
    }
    settingsOutsideConfig(kind, s, problems);
    boolean classFromSpec = s.has("class");
    if (classFromSpec) {
      config.set(ConnectorDocument.CONNECTOR_CLASS, s.get("class").deepCopy());
    }
    boolean tasksFromSpec = s.has(kind.tasksField());
    if (tasksFromSpec) {
      config.set("tasks.max", s.get(kind.tasksField()).deepCopy());
    }
    // Strimzi sends spec.version (when set) as connector.plugin.version; Confluent has no such field.
    JsonNode version = kind == ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR ? s.get("version") : null;
    boolean versionFromSpec = version != null && !version.isNull();
    if (versionFromSpec) {
      config.set(PLUGIN_VERSION, version.deepCopy());
    }
    JsonNode entries = s.get(kind.configField());
    if (entries != null && !entries.isNull() && !(entries instanceof ObjectNode)) {
      problems.add(new ConnectorResource.Problem(VALUE_TYPE, configPointer,
          "must be a map of connector settings"));
    } else if (entries instanceof ObjectNode map) {
      Map<String, JsonNode> sent = StrimziForbiddenKeys.sent(s.get("class"),
          s.get(kind.tasksField()), version, name);
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        String key = e.getKey();
        if (StrimziForbiddenKeys.forbidden(kind, key)) {
          ConnectorResource.Problem p = StrimziForbiddenKeys.check(kind, "spec",
              configPointer + "/" + key, key, e.getValue(), sent);
          if (p != null) {
            problems.add(p);
          }
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
      problems.add(new ConnectorResource.Problem(NOT_A_CONNECTOR, classPointer,
          "is required: the connector class (as in connector.class)"));
    }
    document.put("name", name).set("config", config);
    Map<String, String> from = new HashMap<>(2);
    if (classFromSpec) {
      from.put(ConnectorDocument.CONNECTOR_CLASS, classPointer);
    }
    if (tasksFromSpec) {
      from.put("tasks.max", tasksPointer);
    }
    if (versionFromSpec) {
      from.put(PLUGIN_VERSION, "/spec/version");
    }
    return one(kind, document, configPointer, namePointer, from, problems);
  }

  /**
   * Connector settings written beside the config map instead of inside it (a {@code configs:}
   * line left empty, its settings not indented under it): no field of Strimzi's or Confluent's
   * connector spec has a dot in its name, so the API server drops such a field (or, under
   * kubectl's strict field validation, refuses the resource) and the connector never gets it.
   */
  private static void settingsOutsideConfig(ConnectorResourceKind kind, ObjectNode spec,
      List<ConnectorResource.Problem> problems) {
    for (String field : spec.propertyNames()) {
      if (field.indexOf('.') >= 0) {
        problems.add(new ConnectorResource.Problem(UNKNOWN_KEY, "/spec/" + JsonPointers.escape(field),
            "is not a field of a " + kind.title() + "'s spec: the API server drops it; a connector"
                + " setting belongs under spec." + kind.configField()));
      }
    }
  }

  private static ConnectorResource one(ConnectorResourceKind kind, ObjectNode document,
      String configPointer, String namePointer, Map<String, String> derived,
      List<ConnectorResource.Problem> problems) {
    return new ConnectorResource(kind, List.of(new ConnectorResource.Connector(document,
        configPointer, configPointer, namePointer, derived)), problems, List.of(configPointer),
        List.of());
  }

  static String text(JsonNode node) {
    return node == null || !node.isString() ? null : node.stringValue();
  }
}
