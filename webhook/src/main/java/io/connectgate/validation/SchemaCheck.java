package io.connectgate.validation;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the JSON Schema over the flat config, then each open prefix's sub-schema over the keys
 * that fall under it (prefix stripped), mapping instance locations back to the full key.
 */
final class SchemaCheck {

  private final SchemaMessages messages;

  SchemaCheck(SchemaMessages messages) {
    this.messages = messages;
  }

  void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    ObjectNode config = scalarsOnly(ctx.document().config());
    report(ctx, "", schema.schema().validate(config));
    if (schema.prefixes().isEmpty()) {
      return;
    }
    Map<ClientPrefix, ObjectNode> groups = new IdentityHashMap<>();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      ClientPrefix p = schema.prefixOf(e.getKey());
      if (p != null) {
        groups.computeIfAbsent(p, k -> JsonNodeFactory.instance.objectNode())
            .set(e.getKey().substring(p.prefix().length()), e.getValue());
      }
    }
    for (ClientPrefix p : schema.prefixes()) {
      ObjectNode group = groups.get(p);
      if (group != null) {
        report(ctx, p.prefix(), p.schema().validate(group));
      }
    }
  }

  private void report(DocumentContext ctx, String prefix, List<Error> errors) {
    for (Error e : errors) {
      String key = firstName(e.getInstanceLocation());
      if (key == null && "required".equals(e.getKeyword())) {
        key = e.getProperty();
      }
      ctx.violation(Rules.SCHEMA, key == null ? null : prefix + key, messages.describe(e));
    }
  }

  private static String firstName(NodePath path) {
    return path == null || path.getNameCount() == 0 ? null : path.getName(0);
  }

  /** Objects and arrays are reported by the value-type rule; the schema sees only scalars. */
  private static ObjectNode scalarsOnly(ObjectNode config) {
    boolean containers = false;
    for (JsonNode v : config.values()) {
      if (v.isContainer()) {
        containers = true;
        break;
      }
    }
    if (!containers) {
      return config;
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    config.properties().forEach(e -> {
      if (!e.getValue().isContainer()) {
        copy.set(e.getKey(), e.getValue());
      }
    });
    return copy;
  }
}
