package io.connectgate.connect;

import io.connectgate.validation.Redactor;
import io.connectgate.validation.SensitiveKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Option-name words that suggest a credential, matched ignoring ASCII case. */
  private static final String[] CREDENTIAL_WORDS = {"password", "secret", "token", "key"};

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
      for (String option : credentialOptionValues(value)) {
        if (!option.isEmpty()) {
          values.add(option);
        }
      }
    }
    List<String> ordered = new ArrayList<>(values);
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretScrubber(List.copyOf(ordered));
  }

  /**
   * The quoted values of the options in {@code text} whose name suggests a credential, in
   * order: what {@code (?i)[\w.-]*(?:password|secret|token|key)[\w.-]*\s*=\s*"([^"]*)"}
   * finds as group 1, one match after another. Written out because that pattern backtracks:
   * quadratic in a run of name characters, cubic in "keykeykey..." (the value is the tenant's).
   *
   * <p>A match's name is always a whole run of {@code [\w.-]} (a shorter one would be followed
   * by a name character, not by {@code \s*=}), and the leftmost match starts at the first such
   * run containing a credential word and followed by {@code \s*=\s*"..."}; the search then
   * goes on after the closing quote. Each character is read a bounded number of times.
   */
  static List<String> credentialOptionValues(String text) {
    List<String> found = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isNameChar(text.charAt(i))) {
        i++;
        continue;
      }
      int nameStart = i;
      while (i < n && isNameChar(text.charAt(i))) {
        i++;
      }
      int nameEnd = i;
      while (i < n && isRegexSpace(text.charAt(i))) {
        i++;
      }
      if (i == n || text.charAt(i) != '=') {
        continue;
      }
      i++;
      while (i < n && isRegexSpace(text.charAt(i))) {
        i++;
      }
      if (i == n || text.charAt(i) != '"' || !namesCredential(text, nameStart, nameEnd)) {
        continue;
      }
      int close = text.indexOf('"', i + 1);
      if (close < 0) {
        break; // no quote after this one, so no later option has a quoted value either
      }
      found.add(text.substring(i + 1, close));
      i = close + 1;
    }
    return found;
  }

  /** {@code [\w.-]} as Java's regex reads it: ASCII letters and digits, '_', '.', '-'. */
  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  /** {@code \s} as Java's regex reads it (without UNICODE_CHARACTER_CLASS). */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Whether text[from, to) contains a credential word, ignoring ASCII case. */
  private static boolean namesCredential(String text, int from, int to) {
    for (int at = from; at < to; at++) {
      for (String word : CREDENTIAL_WORDS) {
        if (at + word.length() <= to && text.regionMatches(true, at, word, 0, word.length())) {
          return true;
        }
      }
    }
    return false;
  }

  public static boolean isSensitive(String key) {
    return SensitiveKeys.isSensitive(key);
  }

  /** The text with every occurrence of a sensitive value replaced by {@value #MASK}. */
  public String scrub(String text) {
    return Redactor.scrub(text, secrets);
  }
}
