package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The banded edit distance is the full Levenshtein distance, capped. */
class SuggestionsTest {

  @Test
  void bandedDistanceEqualsTheFullDistanceCapped() {
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      String a = word(random);
      String b = random.nextInt(3) == 0 ? mutate(a, random) : word(random);
      int cap = 1 + random.nextInt(8);
      assertEquals(Math.min(full(a, b), cap), Suggestions.distance(a, b, cap),
          "distance of " + a + " and " + b + " capped at " + cap);
    }
  }

  @Test
  void suggestsTheClosestKnownKey() {
    assertEquals("topics.exclude", Suggestions.closest("topics.exlcude",
        List.of("topics", "topics.exclude", "groups.exclude")));
    assertEquals(null, Suggestions.closest("completely.different", List.of("topics", "tasks.max")));
  }

  private static String word(Random random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(14);
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.nextInt(4)));
    }
    return s.toString();
  }

  private static String mutate(String a, Random random) {
    StringBuilder s = new StringBuilder(a);
    for (int edits = random.nextInt(4); edits > 0; edits--) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, (char) ('a' + random.nextInt(4)));
        case 1 -> { if (s.length() > 0) s.deleteCharAt(at); }
        default -> { if (s.length() > 0) s.setCharAt(at, (char) ('a' + random.nextInt(4))); }
      }
    }
    return s.toString();
  }

  private static int full(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
      }
    }
    return d[a.length()][b.length()];
  }
}
