package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.CostRatio;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear search answers as String.indexOf and String.replace do, at linear cost. */
class LinearSearchTest {

  private static String random(Random random, String alphabet, int max) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(max + 1);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** ASCII letters folded to lower case, nothing else: what "ignoring ASCII case" means. */
  private static String fold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.chars().forEach(c -> out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c));
    return out.toString();
  }

  @Test
  void agreesWithTheJdkOnRandomStrings() {
    Random random = new Random(23);
    int found = 0;
    for (int i = 0; i < 40_000; i++) {
      // Short alphabets make borders and repeats common; long patterns take the KMP path.
      String text = random(random, "abAB", 80);
      String pattern = random(random, "abAB", i % 2 == 0 ? 4 : 24);
      if (i % 3 == 0 && text.length() > 20) {
        // Often a piece of the text itself, so long patterns are found, not only missed.
        int start = random.nextInt(text.length() - 20);
        pattern = text.substring(start, start + 17 + random.nextInt(4));
      }
      int from = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
      int expected = text.indexOf(pattern, from);
      assertEquals(expected, LinearSearch.indexOf(text, pattern, from, false),
          "indexOf(\"" + text + "\", \"" + pattern + "\", " + from + ")");
      assertEquals(fold(text).indexOf(fold(pattern), from), LinearSearch.indexOf(text, pattern, from, true),
          "ignoring ASCII case: \"" + text + "\", \"" + pattern + "\"");
      if (!pattern.isEmpty()) {
        assertEquals(text.replace(pattern, "#"), LinearSearch.replace(text, pattern, "#"), "replace in " + text);
      }
      found += expected >= 0 && pattern.length() > LinearSearch.SHORT ? 1 : 0;
    }
    assertTrue(found > 100, "expected long patterns found often enough to test the KMP path, got " + found);
    assertEquals(-1, LinearSearch.indexOf("ÄÖ", "äö", 0, true), "expected only ASCII letters folded");
    assertEquals(0, LinearSearch.indexOf("Straße".toUpperCase(Locale.ROOT), "STRASSE", 0, false));
  }

  @Test
  void aNearMissCostsLinearTime() {
    String text = "a".repeat(200_000);
    String nearMiss = "a".repeat(50_000) + "b";
    String plain = "c".repeat(50_001);
    double ratio = CostRatio.of(() -> LinearSearch.indexOf(text, nearMiss, 0, false),
        () -> LinearSearch.indexOf(text, plain, 0, false));
    assertTrue(ratio < 20, "expected linear cost: the near miss costs " + ratio + " x a pattern that fails at once");
  }
}
