package io.connectgate.schemagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ConfigDef as a JSON Schema def: a property per key (type, bounds of the type, the
 * validator's constraints, default, documentation as description, PASSWORD as
 * {@code x-connectgate-sensitive}), keys without a default as {@code required}, and the
 * reviewed deprecations. A key whose name holds a parenthesised group stands for a family of
 * keys, as Debezium names {@code column.mask.with.(d+).chars} for
 * {@code column.mask.with.12.chars}: it becomes an open-key pattern
 * ({@code x-connectgate-open-keys}), never a property or a required key (no config holds the
 * name itself).
 */
final class PropertySchemas {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Kafka's CLASS parsing: a (trimmed) binary class name, or a Connect plugin alias. */
  static final String CLASS_NAME = "^" + ValidatorMapping.TRIM
      + "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*" + ValidatorMapping.TRIM + "$";

  private final ValidatorMapping validators;
  private final Deprecations deprecations;

  PropertySchemas(ValidatorMapping validators, Deprecations deprecations) {
    this.validators = validators;
    this.deprecations = deprecations;
  }

  /**
   * The def of {@code def}'s keys, leaving out {@code inherited} (keys another generated def
   * already describes) and not requiring {@code supplied} (keys Connect fills in itself).
   */
  ObjectNode def(String description, ConfigDef def, java.util.Set<String> inherited,
      java.util.Set<String> supplied, String deprecationScope) {
    ObjectNode out = NODES.objectNode();
    out.put("description", description);
    ObjectNode properties = NODES.objectNode();
    List<String> required = new ArrayList<>();
    Map<String, ConfigDef.ConfigKey> keys = new TreeMap<>(def.configKeys());
    ArrayNode families = NODES.arrayNode();
    for (ConfigDef.ConfigKey key : keys.values()) {
      if (inherited.contains(key.name) || key.internalConfig) {
        continue;
      }
      String family = familyPattern(key.name);
      if (family != null) {
        families.add(family);
        continue;
      }
      properties.set(key.name, property(key));
      if (key.defaultValue == ConfigDef.NO_DEFAULT_VALUE && !supplied.contains(key.name)) {
        required.add(key.name);
      }
    }
    deprecations.addTo(deprecationScope, properties, def.names());
    if (!required.isEmpty()) {
      ArrayNode r = out.putArray("required");
      required.forEach(r::add);
    }
    out.set("properties", properties);
    if (!families.isEmpty()) {
      out.set("x-connectgate-open-keys", families);
    }
    return out;
  }

  /**
   * The keys a name with parenthesised groups stands for: the text outside the groups
   * literally, each group any non-empty text ({@code column.mask.hash.([^.]+).with.salt.(.+)}
   * matches {@code column.mask.hash.SHA-256.with.salt.CzQMA0cB5K}); null for a plain name, or
   * one whose parentheses do not pair up.
   */
  static String familyPattern(String name) {
    if (name.indexOf('(') < 0) {
      return null;
    }
    StringBuilder regex = new StringBuilder("^");
    int depth = 0;
    int literalStart = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '(') {
        if (depth++ == 0) {
          quote(regex, name.substring(literalStart, i));
          regex.append("(.+)");
        }
      } else if (c == ')') {
        if (--depth < 0) {
          return null;
        }
        literalStart = i + 1;
      }
    }
    if (depth != 0) {
      return null;
    }
    quote(regex, name.substring(literalStart));
    return regex.append('$').toString();
  }

  private static void quote(StringBuilder regex, String literal) {
    if (!literal.isEmpty()) {
      regex.append(java.util.regex.Pattern.quote(literal));
    }
  }

  ObjectNode property(ConfigDef.ConfigKey key) {
    ObjectNode p = NODES.objectNode();
    if (key.documentation != null && !key.documentation.isBlank()) {
      p.put("description", key.documentation.strip());
    }
    switch (key.type) {
      case BOOLEAN -> p.put("type", "boolean");
      case INT -> integer(p, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> integer(p, Long.MIN_VALUE, Long.MAX_VALUE);
      case SHORT -> integer(p, Short.MIN_VALUE, Short.MAX_VALUE);
      case DOUBLE -> p.put("type", "number");
      case PASSWORD -> p.put("x-connectgate-sensitive", true);
      default -> { }
    }
    List<ObjectNode> constraints = new ArrayList<>();
    if (key.type == ConfigDef.Type.CLASS) {
      ObjectNode c = NODES.objectNode();
      c.put("pattern", CLASS_NAME);
      c.put("description", "a Java class name such as org.example.MyClass (or a Connect plugin"
          + " alias)");
      constraints.add(c);
    }
    validators.apply(key, key.validator, p, constraints);
    if (!constraints.isEmpty()) {
      ArrayNode all = p.putArray("allOf");
      constraints.forEach(all::add);
    }
    Object value = key.defaultValue;
    if (value != null && value != ConfigDef.NO_DEFAULT_VALUE && !(value instanceof Password)) {
      switch (key.type) {
        case BOOLEAN -> p.put("default", (Boolean) value);
        case INT, SHORT, LONG -> p.put("default", ((Number) value).longValue());
        case DOUBLE -> p.put("default", ((Number) value).doubleValue());
        case PASSWORD -> { }
        default -> p.put("default", ConfigDef.convertToString(value, key.type));
      }
    }
    return p;
  }

  private static void integer(ObjectNode p, long min, long max) {
    p.put("type", "integer");
    p.put("minimum", min);
    p.put("maximum", max);
  }
}
