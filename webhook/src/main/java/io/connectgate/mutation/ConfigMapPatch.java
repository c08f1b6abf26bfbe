package io.connectgate.mutation;

import io.connectgate.connector.JsonPointers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns mutated documents into an RFC 6902 patch against the ConfigMap (replace each changed
 * data entry's JSON text; record injected keys in the {@value #ANNOTATION} annotation), or
 * applies the same change to a manifest in place (the CLI's mutate).
 *
 * <p>A data entry is a string, so a patch must carry the whole new text of every entry it
 * changes; nothing more: only entries that gain a key are replaced, and their new text is the
 * user's own text with the injected keys spliced in before the config object's closing brace
 * (no re-serialisation, no pretty-printing), so a patch is the changed entries plus what is
 * injected, not a multiple of the ConfigMap.
 */
public final class ConfigMapPatch {

  public static final String ANNOTATION = "connectgate.io/injected";

  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** The patch, applicable to {@code configMap} with any standard JSON Patch library. */
  public ArrayNode patch(JsonNode configMap, List<MutatedDocument> documents) {
    ArrayNode ops = nodes.arrayNode();
    JsonNode data = configMap.path("data");
    for (MutatedDocument d : documents) {
      JsonNode original = data.get(d.dataKey());
      String text = original != null && original.isString() ? splice(original.stringValue(), d) : null;
      ops.addObject().put("op", "replace")
          .put("path", "/data/" + JsonPointers.escape(d.dataKey()))
          .put("value", text != null ? text : d.text());
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

  /**
   * {@code original} with {@code d}'s injected keys inserted after the config object's last
   * member, in the original's layout (one per line with its indentation when the original
   * breaks lines there), or null when the original cannot be read that way.
   */
  String splice(String original, MutatedDocument d) {
    JsonNode config = d.root().get("config") instanceof ObjectNode c && c.has("connector.class")
        && !d.root().has("connector.class") ? c : d.root();
    boolean nested = config != d.root();
    int close = closingBrace(original, nested);
    if (close < 0) {
      return null;
    }
    int last = close - 1;
    while (last >= 0 && Character.isWhitespace(original.charAt(last))) {
      last--;
    }
    if (last < 0) {
      return null;
    }
    boolean empty = original.charAt(last) == '{';
    boolean multiline = original.substring(last + 1, close).indexOf('\n') >= 0;
    String indent = multiline ? indentOfLine(original, last, empty) : "";
    StringBuilder inserted = new StringBuilder();
    for (String key : d.injected()) {
      JsonNode value = config.get(key);
      if (value == null) {
        return null;
      }
      if (!inserted.isEmpty() || !empty) {
        inserted.append(',');
      }
      inserted.append(multiline ? "\n" + indent : "")
          .append(mapper.writeValueAsString(nodes.stringNode(key)))
          .append(multiline ? ": " : ":")
          .append(mapper.writeValueAsString(value));
    }
    return original.substring(0, last + 1) + inserted + original.substring(last + 1);
  }

  /** Char offset of the closing brace of the root object, or of its "config" member when nested; -1 if none. */
  private int closingBrace(String text, boolean nested) {
    try (JsonParser p = mapper.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      if (!nested) {
        p.skipChildren();
        return (int) p.currentTokenLocation().getCharOffset();
      }
      int found = -1;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        boolean isConfig = "config".equals(p.currentName());
        JsonToken value = p.nextToken();
        if (isConfig && value == JsonToken.START_OBJECT) {
          p.skipChildren();
          found = (int) p.currentTokenLocation().getCharOffset();
        } else {
          p.skipChildren();
        }
      }
      return t == JsonToken.END_OBJECT ? found : -1;
    } catch (JacksonException e) {
      return -1;
    }
  }

  /** The leading whitespace of the line holding {@code at} (plus two spaces inside an empty object). */
  private static String indentOfLine(String text, int at, boolean empty) {
    int start = text.lastIndexOf('\n', at) + 1;
    int end = start;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(start, end) + (empty ? "  " : "");
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
