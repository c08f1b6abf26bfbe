package io.connectgate.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Knows which settings are sensitive ({@code *.sasl.jaas.config}, {@code *password*},
 * {@code *.secret*}, {@code *basic.auth.user.info}, {@code ssl.key*}) and scrubs their values
 * from any message as a safety net: findings are built without values in the first place.
 */
public final class Redactor {

  public static final String MASK = "[redacted]";
  /** Shorter values would mangle unrelated words; such values are never echoed anyway. */
  private static final int MIN_SCRUB_LENGTH = 3;

  private Redactor() {}

  public static boolean isSensitive(String key) {
    String k = lower(key);
    return k.endsWith("sasl.jaas.config")
        || k.contains("password")
        || k.startsWith("secret") || k.contains(".secret")
        || k.endsWith("basic.auth.user.info")
        || k.startsWith("ssl.key") || k.contains(".ssl.key");
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

  /** The values of every sensitive setting in a flat config (and of the JAAS options inside). */
  public static List<String> sensitiveValues(JsonNode config) {
    List<String> values = new ArrayList<>(2);
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      if (isSensitive(e.getKey()) && e.getValue().isValueNode()) {
        String value = e.getValue().asString();
        if (value.length() >= MIN_SCRUB_LENGTH) {
          values.add(value);
        }
        if (e.getKey().endsWith("sasl.jaas.config")) {
          JaasParser.optionValues(value, values, MIN_SCRUB_LENGTH);
        }
      }
    }
    return values;
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
      if (result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    return result;
  }
}
