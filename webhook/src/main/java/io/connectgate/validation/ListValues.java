package io.connectgate.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kafka's LIST parsing ({@code ConfigDef.parseType}: the value trimmed, then split on
 * {@code \s*,\s*}) without a regular expression: that pattern backtracks over every run of
 * whitespace not followed by a comma, which is quadratic in the run's length (a value of 40,000
 * spaces between two letters cost 2 s; docs/hardening.md "Linear-time matching").
 */
public final class ListValues {

  private ListValues() {}

  /** The entries of a LIST value; an empty (or blank) value has none. */
  public static List<String> split(String value) {
    String trimmed = value.trim();
    List<String> out = new ArrayList<>();
    if (trimmed.isEmpty()) {
      return out;
    }
    int start = 0;
    while (true) {
      int comma = trimmed.indexOf(',', start);
      int end = comma < 0 ? trimmed.length() : comma;
      out.add(stripRegexSpace(trimmed, start, end, start > 0, comma >= 0));
      if (comma < 0) {
        return out;
      }
      start = comma + 1;
    }
  }

  /** The non-empty entries of a LIST value, each once, in order (alias lists); none for null. */
  public static Set<String> distinctEntries(String value) {
    Set<String> out = new LinkedHashSet<>();
    if (value == null) {
      return out;
    }
    for (String entry : split(value)) {
      if (!entry.isEmpty()) {
        out.add(entry);
      }
    }
    return out;
  }

  /** Strips {@code \s} characters next to a comma (the trimmed value has none at its ends). */
  private static String stripRegexSpace(String s, int from, int to, boolean afterComma,
      boolean beforeComma) {
    int a = from;
    int b = to;
    while (afterComma && a < b && isRegexSpace(s.charAt(a))) {
      a++;
    }
    while (beforeComma && b > a && isRegexSpace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
