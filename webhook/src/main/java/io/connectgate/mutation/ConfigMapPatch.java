package io.connectgate.mutation;

import io.connectgate.connector.JsonPointers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns mutated documents into an RFC 6902 patch against the ConfigMap (replace each data
 * entry's JSON text; record injected keys in the {@value #ANNOTATION} annotation), or applies
 * the same change to a manifest in place (the CLI's mutate).
 */
public final class ConfigMapPatch {

  public static final String ANNOTATION = "connectgate.io/injected";

  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** The patch, applicable to {@code configMap} with any standard JSON Patch library. */
  public ArrayNode patch(JsonNode configMap, List<MutatedDocument> documents) {
    ArrayNode ops = nodes.arrayNode();
    for (MutatedDocument d : documents) {
      ops.addObject().put("op", "replace")
          .put("path", "/data/" + JsonPointers.escape(d.dataKey()))
          .put("value", d.text());
    }
    String annotation = annotationValue(configMap, documents);
    JsonNode metadata = configMap.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      ObjectNode value = nodes.objectNode();
      value.putObject("annotations").put(ANNOTATION, annotation);
      ops.addObject().put("op", "add").put("path", "/metadata").set("value", value);
    } else if (!(metadata.get("annotations") instanceof ObjectNode)) {
      ObjectNode value = nodes.objectNode().put(ANNOTATION, annotation);
      ops.addObject().put("op", "add").put("path", "/metadata/annotations").set("value", value);
    } else {
      ops.addObject().put("op", "add")
          .put("path", "/metadata/annotations/" + JsonPointers.escape(ANNOTATION))
          .put("value", annotation);
    }
    return ops;
  }

  /** Applies the change to a ConfigMap manifest in place. */
  public void apply(ObjectNode configMap, List<MutatedDocument> documents) {
    String annotation = annotationValue(configMap, documents);
    ObjectNode data = configMap.withObjectProperty("data");
    for (MutatedDocument d : documents) {
      data.put(d.dataKey(), d.text());
    }
    configMap.withObjectProperty("metadata").withObjectProperty("annotations")
        .put(ANNOTATION, annotation);
  }

  /** The annotation: what earlier mutations recorded plus the keys injected now. */
  String annotationValue(JsonNode configMap, List<MutatedDocument> documents) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    JsonNode existing = configMap.path("metadata").path("annotations").get(ANNOTATION);
    if (existing != null && existing.isString()) {
      try {
        for (Map.Entry<String, JsonNode> e : mapper.readTree(existing.stringValue()).properties()) {
          Set<String> set = keys.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
          e.getValue().forEach(k -> set.add(k.asString()));
        }
      } catch (JacksonException | UnsupportedOperationException ignored) {
        // not ours or hand-edited: rewrite it from what this mutation injected
      }
    }
    for (MutatedDocument d : documents) {
      keys.computeIfAbsent(d.dataKey(), k -> new LinkedHashSet<>()).addAll(d.injected());
    }
    ObjectNode json = nodes.objectNode();
    keys.forEach((k, v) -> {
      ArrayNode list = json.putArray(k);
      new ArrayList<>(v).forEach(list::add);
    });
    return mapper.writeValueAsString(json);
  }
}
