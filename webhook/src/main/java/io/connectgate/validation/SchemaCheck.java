package io.connectgate.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
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
  private final FastChecks schemas;

  SchemaCheck(SchemaMessages messages, FastChecks schemas) {
    this.messages = messages;
    this.schemas = schemas;
  }

  void check(DocumentContext ctx) {
    try {
      checkAll(ctx);
    } catch (BoundedRegex.BudgetExceeded e) {
      ctx.violation(Rules.SCHEMA, null, "a value is too costly to check against the schema's"
          + " patterns (limit: regular-expression steps per value)");
    } catch (StackOverflowError e) {
      // java.util.regex recurses once per repetition of a group: a schema pattern such as a
      // dotted class-name list overflows the stack on a value of a few hundred kilobytes.
      // Such a value cannot be checked, so it cannot be admitted either.
      ctx.violation(Rules.SCHEMA, null, "a value is too long to be checked against the schema; "
          + "no Kafka setting needs a value of this size");
    }
  }

  private void checkAll(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    ObjectNode config = normalised(ctx.document().config());
    report(ctx, "", schemas.validate(schema.schema(), config));
    if (schema.prefixes().isEmpty()) {
      return;
    }
    Map<ClientPrefix, ObjectNode> groups = null;
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      ClientPrefixes.Under under = schema.underPrefix(e.getKey());
      if (under == null) {
        continue;
      }
      ClientPrefix p = under.prefix();
      String relative = under.key();
      if (p.propertySchemas() != null) {
        Schema property = p.propertySchemas().get(relative);
        if (property != null) {
          List<Error> errors = schemas.validate(property, e.getValue());
          if (!errors.isEmpty()) {
            reportKey(ctx, e.getKey(), errors);
          }
        }
        continue;
      }
      if (groups == null) {
        groups = new IdentityHashMap<>();
      }
      groups.computeIfAbsent(p, k -> JsonNodeFactory.instance.objectNode())
          .set(relative, e.getValue());
    }
    if (groups == null) {
      return;
    }
    for (ClientPrefix p : schema.prefixes()) {
      ObjectNode group = groups.get(p);
      if (group != null) {
        report(ctx, p.prefix(), schemas.validate(p.schema(), group));
      }
    }
  }

  /** Errors of one value validated on its own: all belong to {@code key}. */
  private void reportKey(DocumentContext ctx, String key, List<Error> errors) {
    String value = ctx.value(key);
    if (value != null && PlaintextCredentialsRule.isReference(value)) {
      return;
    }
    for (Error e : errors) {
      ctx.violation(Rules.SCHEMA, key, messages.describe(e));
    }
  }

  private void report(DocumentContext ctx, String prefix, List<Error> errors) {
    for (Error e : errors) {
      String key = firstName(e.getInstanceLocation());
      if (key == null && "required".equals(e.getKeyword())) {
        key = e.getProperty();
      }
      String full = key == null ? null : prefix + key;
      if (full != null && !"required".equals(e.getKeyword())) {
        String value = ctx.value(full);
        if (value != null && PlaintextCredentialsRule.isReference(value)) {
          continue; // ${provider:key}: resolved by Kafka Connect at runtime, unknowable here
        }
      }
      ctx.violation(Rules.SCHEMA, full, messages.describe(e));
    }
  }

  private static String firstName(NodePath path) {
    return path == null || path.getNameCount() == 0 ? null : path.getName(0);
  }

  /**
   * What the schema sees: scalars only (objects and arrays are reported by the value-type
   * rule), and strings normalised the way Kafka's ConfigDef parses them — booleans in any case
   * ("TRUE") and numbers with surrounding spaces (" 3") are accepted by Connect. The config
   * is copied only when something changes.
   */
  static ObjectNode normalised(ObjectNode config) {
    ObjectNode copy = null;
    int index = 0;
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      JsonNode v = e.getValue();
      JsonNode out = v.isContainer() ? null : v.isString() ? normalise(v) : v.isNumber() ? inRange(v) : v;
      if (out != v && copy == null) {
        copy = JsonNodeFactory.instance.objectNode();
        int copied = 0;
        for (Map.Entry<String, JsonNode> before : config.properties()) {
          if (copied++ == index) {
            break;
          }
          copy.set(before.getKey(), before.getValue());
        }
      }
      if (copy != null && out != null) {
        copy.set(e.getKey(), out);
      }
      index++;
    }
    return copy == null ? config : copy;
  }

  /**
   * A number the schema validator can compare: integers within {@code long}, other numbers
   * within {@code double}. Beyond that (1e400, 30 digits) its text, as Kafka Connect's REST
   * API would receive it; the validator's minimum/maximum checks throw on such numbers, which
   * turned a malformed value into an internal error.
   */
  private static JsonNode inRange(JsonNode node) {
    if (node.isIntegralNumber() ? node.canConvertToLong() : isFiniteDouble(node)) {
      return node;
    }
    return JsonNodeFactory.instance.stringNode(node.isBigDecimal()
        ? node.decimalValue().toString() : node.bigIntegerValue().toString());
  }

  private static boolean isFiniteDouble(JsonNode node) {
    if (!node.isBigDecimal()) {
      return Double.isFinite(node.doubleValue());
    }
    java.math.BigDecimal value = node.decimalValue();
    // Exponents far beyond double's range would make doubleValue() and friends slow or lossy.
    int exponent = value.precision() - value.scale();
    return exponent > -300 && exponent < 300 && Double.isFinite(value.doubleValue());
  }

  /** The node itself when Kafka would parse it as written, else its normalised form. */
  private static JsonNode normalise(JsonNode node) {
    String value = node.stringValue();
    String trimmed = value.strip();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      String lower = trimmed.toLowerCase(Locale.ROOT);
      return lower.equals(value) ? node : JsonNodeFactory.instance.stringNode(lower);
    }
    if (trimmed.length() != value.length() && !trimmed.isEmpty()
        && (Character.isDigit(trimmed.charAt(0)) || trimmed.charAt(0) == '-')) {
      try {
        Double.parseDouble(trimmed);
        return JsonNodeFactory.instance.stringNode(trimmed);
      } catch (NumberFormatException notANumber) {
        return node;
      }
    }
    return node;
  }
}
