package io.connectgate.schemagen;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Kafka {@link ConfigDef.Validator} into JSON Schema keywords on a property. Every
 * validator class met that has no mapping is remembered ({@link #unmapped()}), so that a test
 * can compare it with the committed list of deliberately unmapped validators.
 */
final class ValidatorMapping {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** String.trim() semantics: Kafka trims STRING, LIST and CLASS values before validating. */
  static final String TRIM = "[\\u0000-\\u0020]*";

  private final Set<String> unmapped = new TreeSet<>();

  /** Validator classes met and not mapped, by {@link #className}. */
  Set<String> unmapped() {
    return unmapped;
  }

  /**
   * Adds the validator's constraints to {@code property}; constraints that need a description
   * of their own (patterns) go into {@code constraints} as sub-schemas.
   */
  void apply(ConfigDef.ConfigKey key, ConfigDef.Validator validator, ObjectNode property,
      List<ObjectNode> constraints) {
    if (validator == null || validator instanceof ConfigDef.NonNullValidator) {
      return; // a JSON config value is never Java null once it reaches a validator
    }
    if (validator instanceof ConfigDef.CompositeValidator composite) {
      for (ConfigDef.Validator v : this.<List<ConfigDef.Validator>>field(composite, "validators")) {
        apply(key, v, property, constraints);
      }
      return;
    }
    if (validator instanceof ConfigDef.Range range) {
      Number min = field(range, "min");
      Number max = field(range, "max");
      if (min != null) {
        tighten(property, "minimum", min, true);
      }
      if (max != null) {
        tighten(property, "maximum", max, false);
      }
      return;
    }
    if (validator instanceof ConfigDef.ValidList list) {
      ConfigDef.ValidString inner = field(list, "validString");
      List<String> values = field(inner, "validStrings");
      // Kafka 4.2 (KIP-1161) adds whether the list may be empty, and ValidList
      // .anyNonDuplicateValues: no value list, any items but empty ones. Its rejection of
      // duplicate items is not expressed.
      Boolean emptyAllowed = optionalField(list, "isEmptyAllowed");
      boolean mayBeEmpty = emptyAllowed == null || emptyAllowed;
      String what = mayBeEmpty ? "a" : "a non-empty";
      if (values.isEmpty()) {
        constraints.add(pattern(noEmptyItem(mayBeEmpty), what
            + " comma-separated list without empty items"));
      } else {
        constraints.add(pattern(listOf(alternatives(values, false), mayBeEmpty), what
            + " comma-separated list of " + String.join(", ", values)));
      }
      return;
    }
    if (validator instanceof ConfigDef.ValidString valid) {
      List<String> values = field(valid, "validStrings");
      boolean list = key.type == ConfigDef.Type.LIST;
      String one = alternatives(values, false);
      constraints.add(pattern(list ? listOf(one) : "^" + TRIM + one + TRIM + "$",
          (list ? "a comma-separated list of " : "one of ") + String.join(", ", values)));
      return;
    }
    if (validator instanceof ConfigDef.CaseInsensitiveValidString valid) {
      List<String> values = new ArrayList<>(this.<Collection<String>>field(valid, "validStrings"));
      values.sort(null);
      constraints.add(pattern("^" + TRIM + alternatives(values, true) + TRIM + "$",
          "one of " + String.join(", ", values) + " (in any case)"));
      return;
    }
    if (validator instanceof ConfigDef.NonEmptyString) {
      constraints.add(pattern("[^\\u0000-\\u0020]", "a non-empty value"));
      return;
    }
    if (validator instanceof ConfigDef.NonEmptyStringWithoutControlChars) {
      String edge = "[^\\u0000-\\u0020\\u007f-\\u009f]";
      constraints.add(pattern("^" + TRIM + "(" + edge + "|" + edge
          + "[^\\u0000-\\u001f\\u007f-\\u009f]*" + edge + ")" + TRIM + "$",
          "a non-empty value without control characters"));
      return;
    }
    // Kafka 3.9 writes several of 4.x's LambdaValidators as anonymous classes with the same
    // documented text.
    if ((validator instanceof ConfigDef.LambdaValidator || validator.getClass().isAnonymousClass())
        && lambda(validator.toString(), key.name, property, constraints)) {
      return;
    }
    switch (validator.getClass().getName()) {
      case "org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy$Validator" -> {
        constraints.add(pattern("^" + TRIM + "(earliest|latest|none|by_duration:[Pp]\\S+)" + TRIM
            + "$", "earliest, latest, none or by_duration:<ISO-8601 duration>"));
        return;
      }
      case "org.apache.kafka.connect.transforms.util.NonEmptyListValidator" -> {
        constraints.add(pattern("[^\\u0000-\\u0020,]", "a non-empty comma-separated list"));
        return;
      }
      case "org.apache.kafka.connect.transforms.util.RegexValidator" -> {
        property.put("x-connectgate-java-regex", true);
        return;
      }
      default -> { }
    }
    unmapped.add(className(validator));
    String text = validator.toString();
    property.put("$comment", "Kafka checks this setting with " + className(validator)
        + " (not expressed here)" + (text == null || text.isBlank() || text.contains("@")
            ? "" : ": " + text));
  }

  /**
   * The LambdaValidators whose documented text says exactly what they check (Kafka 4.1's
   * ConfigDef.LambdaValidator.with(..., () -> text); Kafka 3.9's anonymous validators with the
   * same toString()); any other text stays unmapped.
   */
  private static boolean lambda(String text, String key, ObjectNode property,
      List<ObjectNode> constraints) {
    if (text.startsWith("list of colon-delimited pairs")) {
      // Cast's spec and ReplaceField's renames share the text; their Java checks differ.
      if (key.equals("spec")) {
        String type = "\\s*" + alternatives(List.of("int8", "int16", "int32", "int64", "float32",
            "float64", "boolean", "string"), true) + "\\s*";
        String pair = "[^:,]*:" + type;
        constraints.add(pattern("^(" + type + "|" + pair + "(,"  + pair + ")*)$",
            "a type, or field:type pairs, with types int8, int16, int32, int64, float32, float64,"
            + " boolean or string (Cast)"));
        return true;
      }
      if (key.equals("renames")) {
        String pair = "[^:,]*:[^:,]*[^:,\\s][^:,]*";
        constraints.add(pattern("^\\s*(" + pair + "(\\s*,\\s*" + pair + ")*)?\\s*$",
            "comma-separated old:new pairs (ReplaceField)"));
        return true;
      }
      return false;
    }
    switch (text) {
      case "[1,...,9] or -1" -> {
        tighten(property, "minimum", -1, true);
        tighten(property, "maximum", 9, false);
        constraints.add(notZero("-1 (the codec's default level) or 1 to 9"));
        return true;
      }
      case "[0,...]" -> {
        tighten(property, "minimum", 0, true);
        return true;
      }
      case "Positive number, or -1 to use the broker's default",
          "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to"
              + " use the broker's default" -> {
        tighten(property, "minimum", -1, true);
        constraints.add(notZero("a positive number, or -1 for the broker's default"));
        return true;
      }
      case "non-null string" -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static ObjectNode notZero(String description) {
    ObjectNode zero = NODES.objectNode();
    zero.put("minimum", 0);
    zero.put("maximum", 0);
    ObjectNode n = NODES.objectNode();
    n.set("not", zero);
    n.put("description", description);
    return n;
  }

  /**
   * A stable name for a validator class: lambdas and anonymous classes get their declaring
   * class's name plus {@code $$Lambda} / {@code $anonymous}, so the list does not depend on
   * the JVM's generated names.
   */
  static String className(Object validator) {
    Class<?> c = validator.getClass();
    String name = c.getName();
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      return name.substring(0, lambda) + "$$Lambda";
    }
    if (c.isAnonymousClass()) {
      return c.getEnclosingClass().getName() + "$anonymous";
    }
    return name;
  }

  private static void tighten(ObjectNode property, String keyword, Number bound, boolean lower) {
    if (property.has(keyword)) {
      double current = property.get(keyword).doubleValue();
      double candidate = bound.doubleValue();
      if (lower ? candidate < current : candidate > current) {
        return;
      }
    }
    if (bound instanceof Double || bound instanceof Float) {
      property.put(keyword, bound.doubleValue());
    } else {
      property.put(keyword, bound.longValue());
    }
  }

  private static ObjectNode pattern(String regex, String description) {
    ObjectNode n = NODES.objectNode();
    n.put("pattern", regex);
    n.put("description", description);
    return n;
  }

  /**
   * A LIST none of whose items is empty. Kafka trims the value and splits it on commas with the
   * whitespace around them, so an item is empty where the trimmed value starts or ends with a
   * comma or two commas have only whitespace between them. Written as look-aheads, not as a
   * repeated item group: java.util.regex recurses once per repetition, and a sink's list of a
   * thousand topics would overflow the stack.
   */
  private static String noEmptyItem(boolean mayBeEmpty) {
    return "^(?!" + TRIM + ",)(?![\\s\\S]*,\\s*,)(?![\\s\\S]*," + TRIM + "$)"
        + (mayBeEmpty ? "" : "(?=" + TRIM + "[^\\u0000-\\u0020])");
  }

  /** Kafka's LIST parsing: trimmed, split on commas with surrounding whitespace; empty is []. */
  private static String listOf(String one) {
    return listOf(one, true);
  }

  private static String listOf(String one, boolean mayBeEmpty) {
    return "^" + TRIM + "(" + one + "(\\s*,\\s*" + one + ")*)" + (mayBeEmpty ? "?" : "") + TRIM
        + "$";
  }

  private static String alternatives(List<String> values, boolean caseInsensitive) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append('|');
      }
      String v = values.get(i);
      b.append(caseInsensitive ? anyCase(v) : quote(v));
    }
    return b.append(')').toString();
  }

  /** A regex matching {@code value} in any case, without inline flags (portable). */
  private static String anyCase(String value) {
    StringBuilder b = new StringBuilder();
    for (char c : value.toCharArray()) {
      String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
      String upper = String.valueOf(c).toUpperCase(Locale.ROOT);
      if (!lower.equals(upper) && lower.length() == 1 && upper.length() == 1) {
        b.append('[').append(upper).append(lower).append(']');
      } else {
        b.append(quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  private static final Pattern SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

  private static String quote(String literal) {
    return SPECIAL.matcher(literal).replaceAll("\\\\$0");
  }

  /** A field that only some Kafka versions have: null where this one has not. */
  @SuppressWarnings("unchecked")
  private static <T> T optionalField(Object target, String name) {
    try {
      Field f = target.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return (T) f.get(target);
    } catch (NoSuchFieldException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + name + " of Kafka's "
          + target.getClass().getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T field(Object target, String name) {
    try {
      Field f = target.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return (T) f.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Kafka's " + target.getClass().getName() + " has no field "
          + name + " any more: update ValidatorMapping", e);
    }
  }
}
