package io.connectgate.connect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the values of the deployed config's sensitive settings from any text before it is
 * printed. Connect's error messages quote values ("Invalid value X for configuration Y"), and
 * a worker may echo a whole config, so every line deploy prints goes through {@link #scrub}.
 *
 * <p>Sensitive keys follow the design contract: {@code *.sasl.jaas.config},
 * {@code *password*}, {@code *.secret*}, {@code *basic.auth.user.info}, {@code ssl.key*}
 * (also behind a client prefix such as {@code src.kafka.}).
 */
public final class SecretScrubber {

  public static final String MASK = "[redacted]";

  /** Quoted option values inside a JAAS line whose option name suggests a credential. */
  private static final Pattern JAAS_SECRET_OPTION = Pattern.compile(
      "(?i)[\\w.-]*(?:password|secret|token|key)[\\w.-]*\\s*=\\s*\"([^\"]*)\"");

  private final List<String> secrets;

  private SecretScrubber(List<String> secrets) {
    this.secrets = secrets;
  }

  public static SecretScrubber none() {
    return new SecretScrubber(List.of());
  }

  public static SecretScrubber forConfig(Map<String, String> config) {
    Set<String> values = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : config.entrySet()) {
      String value = e.getValue();
      if (value == null || value.isEmpty() || !isSensitive(e.getKey())) {
        continue;
      }
      addWithEncodings(values, value);
      Matcher m = JAAS_SECRET_OPTION.matcher(value);
      while (m.find()) {
        if (!m.group(1).isEmpty()) {
          addWithEncodings(values, m.group(1));
        }
      }
    }
    List<String> ordered = new ArrayList<>(values);
    // Longest first, so a JAAS line is masked whole before its inner password is looked for.
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretScrubber(List.copyOf(ordered));
  }

  public static boolean isSensitive(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("sasl.jaas.config") || k.endsWith(".sasl.jaas.config")
        || k.contains("password")
        || k.startsWith("secret") || k.contains(".secret")
        || k.endsWith("basic.auth.user.info")
        || k.startsWith("ssl.key") || k.contains(".ssl.key");
  }

  /** The text with every occurrence of a sensitive value replaced by {@value #MASK}. */
  public String scrub(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** The raw value and the forms it takes inside a JSON string, as a raw response shows it. */
  private static void addWithEncodings(Set<String> values, String value) {
    values.add(value);
    String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"")
        .replace("\n", "\\n").replace("\t", "\\t");
    values.add(escaped);
  }
}
