package io.connectgate.connect;

import io.connectgate.validation.Redactor;
import io.connectgate.validation.SensitiveKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the values of the deployed config's sensitive settings ({@link SensitiveKeys}) from
 * any text before it is printed. Connect's error messages quote values ("Invalid value X for
 * configuration Y"), and a worker may echo a whole config, so every line deploy prints goes
 * through {@link #scrub}, which masks each value as written, trimmed, in other case, JSON-escaped
 * and, for values shorter than three characters, wherever it stands as a token of its own
 * ({@link Redactor#scrub}).
 */
public final class SecretScrubber {

  public static final String MASK = Redactor.MASK;

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
    Set<String> values = new LinkedHashSet<>(Redactor.sensitiveValues(config));
    for (Map.Entry<String, String> e : config.entrySet()) {
      String value = e.getValue();
      if (value == null || value.isEmpty() || !isSensitive(e.getKey())) {
        continue;
      }
      // Also for a JAAS text the engine's parser refuses (deploy prints Connect's messages).
      Matcher m = JAAS_SECRET_OPTION.matcher(value);
      while (m.find()) {
        if (!m.group(1).isEmpty()) {
          values.add(m.group(1));
        }
      }
    }
    List<String> ordered = new ArrayList<>(values);
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretScrubber(List.copyOf(ordered));
  }

  public static boolean isSensitive(String key) {
    return SensitiveKeys.isSensitive(key);
  }

  /** The text with every occurrence of a sensitive value replaced by {@value #MASK}. */
  public String scrub(String text) {
    return Redactor.scrub(text, secrets);
  }
}
