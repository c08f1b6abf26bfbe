package io.connectgate.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The safety net behind "sensitive values never enter a message" (docs/hardening.md
 * "Secrets"). Messages are built without values of sensitive settings ({@link SensitiveKeys})
 * in the first place; {@link #scrub} then masks any that slipped in anyway, in the forms a
 * message could show them: as written, trimmed, upper or lower case, JSON-escaped, one entry
 * of a comma-separated list, a JAAS option value. Values of three or more characters are
 * masked wherever they occur; shorter ones where they stand as a token of their own (a
 * one-letter password cannot be masked inside words without mangling every message).
 */
public final class Redactor {

  public static final String MASK = "[redacted]";
  static final int MIN_SUBSTRING_LENGTH = 3;

  private Redactor() {}

  public static boolean isSensitive(String key) {
    return SensitiveKeys.isSensitive(key);
  }

  /** Lower case without allocating for the usual all-lower-case key. */
  static String lower(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (Character.isUpperCase(key.charAt(i))) {
        return key.toLowerCase(Locale.ROOT);
      }
    }
    return key;
  }

  /** The values of every sensitive setting in a flat config, in every form a message shows. */
  public static List<String> sensitiveValues(JsonNode config) {
    Set<String> values = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      if (isSensitive(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
        addForms(values, e.getKey(), e.getValue().asString());
      }
    }
    return List.copyOf(values);
  }

  /** Same for a config already read as strings (the deploy command's). */
  public static List<String> sensitiveValues(Map<String, String> config) {
    Set<String> values = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : config.entrySet()) {
      if (e.getValue() != null && isSensitive(e.getKey())) {
        addForms(values, e.getKey(), e.getValue());
      }
    }
    return List.copyOf(values);
  }

  private static void addForms(Set<String> values, String key, String value) {
    List<String> base = new ArrayList<>(4);
    base.add(value);
    base.add(value.strip());
    if (value.indexOf(',') >= 0) {
      base.addAll(ListValues.split(value));
    }
    if (lower(key).endsWith("sasl.jaas.config")) {
      JaasParser.optionValues(value, base, 1);
    }
    for (String v : base) {
      if (v.isEmpty()) {
        continue;
      }
      values.add(v);
      values.add(v.toUpperCase(Locale.ROOT));
      values.add(v.toLowerCase(Locale.ROOT));
      values.add(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
          .replace("\r", "\\r").replace("\t", "\\t"));
    }
  }

  /** The message with every sensitive value replaced by {@value #MASK}. */
  public static String scrub(String message, List<String> sensitiveValues) {
    if (message == null || sensitiveValues.isEmpty()) {
      return message;
    }
    String result = message;
    // Longest first so a JAAS config is masked whole before its password option is.
    List<String> ordered = new ArrayList<>(sensitiveValues);
    ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
    for (String value : ordered) {
      if (value.isEmpty() || !result.contains(value)) {
        continue;
      }
      result = value.length() >= MIN_SUBSTRING_LENGTH
          ? result.replace(value, MASK) : maskTokens(result, value);
    }
    return result;
  }

  /** Masks occurrences of a short value not touching a letter or digit on either side. */
  private static String maskTokens(String text, String value) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    int at;
    while ((at = text.indexOf(value, from)) >= 0) {
      int end = at + value.length();
      boolean alone = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
      out.append(text, from, at).append(alone ? MASK : value);
      from = end;
    }
    return out.append(text, from, text.length()).toString();
  }
}
