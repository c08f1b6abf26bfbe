package io.connectgate.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds {@link ConfigMapView}s from ConfigMap JSON trees (admission requests and manifests). */
public final class ConfigMapViews {

  private ConfigMapViews() {}

  /**
   * The view of a ConfigMap tree. Namespace and name default to the object's metadata when
   * {@code origin} has none. Non-string data values (possible in hand-written YAML) are kept
   * as their text; {@code binaryData} is ignored. Entries a streaming reader dropped
   * ({@link StreamedData}) are counted, and whether one held a connector is kept.
   */
  public static ConfigMapView fromJson(JsonNode object, Origin origin) {
    JsonNode metadata = object == null ? null : object.get("metadata");
    Origin effective = origin;
    if (metadata != null && metadata.isObject()) {
      String namespace = origin.namespace() != null && !origin.namespace().isEmpty()
          ? origin.namespace() : text(metadata.get("namespace"));
      String name = origin.name() != null && !origin.name().isEmpty()
          ? origin.name() : text(metadata.get("name"));
      effective = new Origin(origin.file(), origin.document(), namespace, name);
    }
    JsonNode data = object == null ? null : object.get("data");
    StreamedData streamed = data instanceof StreamedData s ? s : null;
    return new ConfigMapView(effective,
        strings(metadata == null ? null : metadata.get("labels")),
        strings(metadata == null ? null : metadata.get("annotations")),
        strings(data),
        streamed == null ? 0 : streamed.dropped(),
        streamed != null && streamed.droppedConnector());
  }

  /** Whether a manifest tree is a core/v1 ConfigMap. */
  public static boolean isConfigMap(JsonNode object) {
    return object != null && object.isObject()
        && "ConfigMap".equals(text(object.get("kind")))
        && "v1".equals(text(object.get("apiVersion")));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static Map<String, String> strings(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isNull() && !e.getValue().isContainer()) {
        map.put(e.getKey(), e.getValue().asString());
      }
    }
    return map;
  }
}
