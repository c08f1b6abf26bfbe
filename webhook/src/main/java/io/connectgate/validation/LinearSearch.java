package io.connectgate.validation;

/**
 * Substring search in time linear in the text and the pattern (Knuth–Morris–Pratt), exact or
 * ignoring ASCII case. {@code String.indexOf} compares naively: a tenant who controls both a
 * long value and the text it is searched in (a finding message quoting a long key, say) makes
 * it cost their product.
 */
final class LinearSearch {

  /** Patterns up to this long go to {@code String.indexOf}: at most this many reads per character. */
  static final int SHORT = 16;

  private LinearSearch() {}

  /** The first index of {@code pattern} in {@code text} at or after {@code from}, or -1. */
  static int indexOf(String text, String pattern, int from, boolean ignoreAsciiCase) {
    int m = pattern.length();
    if (m == 0) {
      return Math.min(from, text.length());
    }
    if (text.length() - from < m) {
      return -1;
    }
    if (!ignoreAsciiCase && m <= SHORT) {
      return text.indexOf(pattern, from);
    }
    int[] border = borders(pattern, ignoreAsciiCase);
    int matched = 0;
    for (int i = from; i < text.length(); i++) {
      char c = fold(text.charAt(i), ignoreAsciiCase);
      while (matched > 0 && fold(pattern.charAt(matched), ignoreAsciiCase) != c) {
        matched = border[matched - 1];
      }
      if (fold(pattern.charAt(matched), ignoreAsciiCase) == c) {
        matched++;
      }
      if (matched == m) {
        return i - m + 1;
      }
    }
    return -1;
  }

  static boolean contains(String text, String pattern, boolean ignoreAsciiCase) {
    return indexOf(text, pattern, 0, ignoreAsciiCase) >= 0;
  }

  /** {@code text} with every non-overlapping occurrence of {@code pattern}, left to right, replaced. */
  static String replace(String text, String pattern, String replacement) {
    int at = indexOf(text, pattern, 0, false);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (at >= 0) {
      out.append(text, from, at).append(replacement);
      from = at + pattern.length();
      at = indexOf(text, pattern, from, false);
    }
    return out.append(text, from, text.length()).toString();
  }

  /** For each prefix of the pattern, the length of its longest proper border. */
  private static int[] borders(String pattern, boolean ignoreAsciiCase) {
    int[] border = new int[pattern.length()];
    int k = 0;
    for (int i = 1; i < pattern.length(); i++) {
      char c = fold(pattern.charAt(i), ignoreAsciiCase);
      while (k > 0 && fold(pattern.charAt(k), ignoreAsciiCase) != c) {
        k = border[k - 1];
      }
      if (fold(pattern.charAt(k), ignoreAsciiCase) == c) {
        k++;
      }
      border[i] = k;
    }
    return border;
  }

  private static char fold(char c, boolean ignoreAsciiCase) {
    return ignoreAsciiCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
