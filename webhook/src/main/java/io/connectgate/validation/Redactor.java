package io.connectgate.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
  /**
   * Characters the checks may scan: per document for {@link #revealsAny}, again for the
   * scrubbing of its messages, and per call of {@link #scrub(String, List)}. Real findings need
   * a few hundred thousand; past the limit the answer is the safe one (a message is assumed to
   * reveal a value, then withheld whole), so a tenant's long values and long messages cost a
   * bounded time instead of their product.
   */
  static final long SCAN_LIMIT = 16_000_000L;
  /** What a message becomes when the limit ran out before it was checked. */
  public static final String WITHHELD = "[message withheld: it could not be checked for sensitive"
      + " values within the scan limit]";

  /** What is left of {@link #SCAN_LIMIT}; one per document (or per call). Not thread-safe. */
  static final class Scan {
    private long left = SCAN_LIMIT;

    /** Charges one linear search of {@code text} for {@code pattern}; false once the limit is spent. */
    boolean afford(String text, String pattern) {
      left -= (long) text.length() + pattern.length();
      return left >= 0;
    }
  }

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
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        addForms(values, secretsOf(e.getKey(), e.getValue().asString(), Redactor::parseJaas));
      }
    }
    return List.copyOf(values);
  }

  /** Same for a config already read as strings (the deploy command's). */
  public static List<String> sensitiveValues(Map<String, String> config) {
    Set<String> values = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : config.entrySet()) {
      if (e.getValue() != null) {
        addForms(values, secretsOf(e.getKey(), e.getValue(), Redactor::parseJaas));
      }
    }
    return List.copyOf(values);
  }

  /**
   * What no message may show of one setting: every form of a sensitive setting's value; of any
   * other, the literal passwords of the URLs it holds ({@code jdbc:...?password=...},
   * {@code scheme://user:password@host}: a message quoting {@code connection.url} would show them).
   */
  private static List<String> secretsOf(String key, String value, Function<String, Object> jaas) {
    return isSensitive(key) ? bases(key, value, jaas) : LiteralSecrets.urlPasswords(value);
  }

  /**
   * Whether any of {@code messages} contains one of the forms {@link #sensitiveValues} lists
   * for {@code config}. When none does, {@link #scrub} returns every message unchanged (it
   * replaces only what a message contains), so the list need not be built: most findings quote
   * no value at all, and building it cost more than the rest of a finding's life.
   *
   * @param jaas the parse of a JAAS value ({@link JaasParser#parse}: its entries, or the
   *     {@link JaasParser.SyntaxError}), memoised by the caller's document
   */
  static boolean revealsAny(JsonNode config, List<String> messages, Function<String, Object> jaas,
      Scan scan) {
    int longest = 0;
    for (String m : messages) {
      longest = Math.max(longest, m == null ? 0 : m.length());
    }
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        continue;
      }
      // Each distinct form once ("~,~,~" is one entry), none longer than every message.
      for (String v : new LinkedHashSet<>(secretsOf(e.getKey(), e.getValue().asString(), jaas))) {
        if (!v.isEmpty() && v.length() <= longest && revealed(v, messages, scan)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a message contains {@code value}; true (the safe answer) once the scan limit is spent. */
  static boolean occursIn(String value, List<String> messages, Scan scan) {
    return occursIn(value, messages, false, scan);
  }

  private static boolean occursIn(String value, List<String> messages, boolean ignoreAsciiCase, Scan scan) {
    for (String message : messages) {
      if (message == null) {
        continue;
      }
      if (!scan.afford(message, value)) {
        return true;
      }
      if (LinearSearch.contains(message, value, ignoreAsciiCase)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a message contains one of the four forms {@link #addForms} lists for {@code v}.
   * An ASCII value's upper- and lower-case forms are ASCII of the same length, so a message
   * that holds neither {@code v} nor any form must not even hold {@code v} in any mix of ASCII
   * case: that search, without allocating, settles the usual case before any form is built.
   */
  private static boolean revealed(String v, List<String> messages, Scan scan) {
    boolean ascii = isAscii(v);
    if (!ascii || occursIn(v, messages, true, scan)) {
      if (occursIn(v, messages, false, scan) || occursIn(v.toUpperCase(Locale.ROOT), messages, false, scan)
          || occursIn(v.toLowerCase(Locale.ROOT), messages, false, scan)) {
        return true;
      }
    }
    String escaped = escaped(v);
    return escaped != v && occursIn(escaped, messages, false, scan);
  }

  /**
   * ASCII, or ASCII with unpaired surrogates (each one '?' in UTF-8), which case mapping leaves
   * alone: either way the upper- and lower-case forms differ from {@code v} only in ASCII
   * letters. Through the JDK's vectorised UTF-8 encoder: a loop over charAt cost more than the
   * rest of this check.
   */
  private static boolean isAscii(String v) {
    return v.getBytes(StandardCharsets.UTF_8).length == v.length();
  }

  /**
   * The values a message could show of one sensitive setting: as written, trimmed, each entry
   * of a list, each JAAS option value.
   */
  private static List<String> bases(String key, String value, Function<String, Object> jaas) {
    List<String> base = new ArrayList<>(4);
    base.add(value);
    base.add(value.strip());
    if (value.indexOf(',') >= 0) {
      base.addAll(ListValues.split(value));
    }
    if (lower(key).endsWith("sasl.jaas.config")
        && jaas.apply(value) instanceof List<?> entries) {
      for (Object entry : entries) {
        for (String v : ((JaasParser.Entry) entry).options().values()) {
          if (!v.isEmpty()) {
            base.add(v);
          }
        }
      }
    }
    return base;
  }

  private static Object parseJaas(String value) {
    try {
      return JaasParser.parse(value);
    } catch (JaasParser.SyntaxError e) {
      return e; // the whole value is already masked; nothing more to learn from a broken config
    }
  }

  private static void addForms(Set<String> values, List<String> bases) {
    for (String v : bases) {
      if (v.isEmpty()) {
        continue;
      }
      values.add(v);
      values.add(v.toUpperCase(Locale.ROOT));
      values.add(v.toLowerCase(Locale.ROOT));
      values.add(escaped(v));
    }
  }

  /** As a JSON string shows it (the same instance when nothing needs escaping). */
  private static String escaped(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        .replace("\r", "\\r").replace("\t", "\\t");
  }

  /** The message with every sensitive value replaced by {@value #MASK}. */
  /**
   * {@code findings} of the document whose config is {@code config} with its secrets
   * ({@link #sensitiveValues}) scrubbed from their messages: for findings made outside the
   * engine's document run (the policy's), which quote servers, names and classes.
   */
  public static List<Finding> scrubbed(JsonNode config, List<Finding> findings) {
    if (findings.isEmpty()) {
      return findings;
    }
    List<String> messages = new ArrayList<>(findings.size());
    findings.forEach(f -> messages.add(f.message()));
    if (!revealsAny(config, messages, Redactor::parseJaas, new Scan())) {
      return findings;
    }
    List<String> ordered = longestFirst(sensitiveValues(config));
    Scan scan = new Scan();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(new Finding(f.severity(), f.rule(), f.location(), scrub(f.message(), ordered, scan)));
    }
    return out;
  }

  public static String scrub(String message, List<String> sensitiveValues) {
    return scrub(message, longestFirst(sensitiveValues), new Scan());
  }

  /** Longest first, so a JAAS config is masked whole before its password option is. */
  static List<String> longestFirst(List<String> values) {
    List<String> ordered = new ArrayList<>(values);
    ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return ordered;
  }

  /**
   * {@link #scrub(String, List)} with the values already {@link #longestFirst} and a scan limit
   * shared with other messages: {@link #WITHHELD} if it runs out before the message is checked.
   */
  static String scrub(String message, List<String> longestFirst, Scan scan) {
    if (message == null || longestFirst.isEmpty()) {
      return message;
    }
    String result = message;
    for (String value : longestFirst) {
      if (value.isEmpty() || value.length() > result.length()) {
        continue;
      }
      if (!scan.afford(result, value)) {
        return WITHHELD;
      }
      if (!LinearSearch.contains(result, value, false)) {
        continue;
      }
      if (!scan.afford(result, value)) {
        return WITHHELD;
      }
      result = value.length() >= MIN_SUBSTRING_LENGTH
          ? LinearSearch.replace(result, value, MASK) : maskTokens(result, value);
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
