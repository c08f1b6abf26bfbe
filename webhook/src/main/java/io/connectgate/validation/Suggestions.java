package io.connectgate.validation;

import java.util.Collection;

/** "Did you mean": the closest candidate by edit distance, if close enough to be a typo. */
public final class Suggestions {

  private Suggestions() {}

  /** The closest candidate within a distance of max(2, length/6), or null. */
  public static String closest(String key, Collection<String> candidates) {
    int limit = Math.max(2, key.length() / 6);
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - key.length()) >= bestDistance) {
        continue;
      }
      int d = distance(key, candidate, bestDistance);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Levenshtein distance, giving up (returning {@code cap}) once every path exceeds it. Only
   * the diagonal band of width {@code cap} on each side is computed (a cell farther from the
   * diagonal is at least {@code cap} away), so one comparison costs O(length × cap), not
   * O(length²): the "did you mean" for an unknown key is compared against every key a
   * MirrorMaker connector knows, over a thousand of them.
   */
  static int distance(String a, String b, int cap) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) >= cap) {
      return cap;
    }
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = Math.min(j, cap);
    }
    for (int i = 1; i <= n; i++) {
      int from = Math.max(1, i - cap);
      int to = Math.min(m, i + cap);
      cur[0] = Math.min(i, cap);
      if (from > 1) {
        cur[from - 1] = cap; // outside the band
      }
      int rowMin = from == 1 ? cur[0] : cap;
      char ai = a.charAt(i - 1);
      for (int j = from; j <= to; j++) {
        int cost = ai == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        cur[j] = Math.min(v, cap);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (to < m) {
        cur[to + 1] = cap; // outside the band, read by the next row
      }
      if (rowMin >= cap) {
        return cap;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], cap);
  }
}
