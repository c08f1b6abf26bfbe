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

  /** Levenshtein distance, giving up (returning {@code cap}) once every path exceeds it. */
  static int distance(String a, String b, int cap) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin >= cap) {
        return cap;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
