package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import io.connectgate.testing.CostRatio;
import org.junit.jupiter.api.Test;

/**
 * The glob matcher agrees with the regular expressions it replaced and costs linear time: the
 * issue's adversarial value (quadratic for {@code .*}) takes about as long as a benign value of
 * the same length.
 */
class GlobTest {

  /** The former implementation: each * as .*, each ? as ., the rest quoted; case-insensitive. */
  static Pattern regexOf(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  @Test
  void agreesWithTheRegularExpressionsItReplaced() {
    Random random = new Random(14);
    String alphabet = "ab*?.A\n";
    for (int i = 0; i < 20_000; i++) {
      String glob = randomText(random, alphabet, 1 + random.nextInt(7));
      String value = randomText(random, "abAB.\n", random.nextInt(10));
      boolean expected = regexOf(glob).matcher(value).matches();
      assertEquals(expected, Glob.compile(glob).matches(value),
          "glob \"" + glob.replace("\n", "\\n") + "\" on \"" + value.replace("\n", "\\n") + "\"");
    }
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void examplesFromThePolicy() {
    Glob servers = Glob.compile("*.kafka-*.example.com:9093");
    assertTrue(servers.matches("b1.kafka-eu.example.com:9093"), "expected a match");
    assertTrue(servers.matches("B1.KAFKA-eu.Example.com:9093"), "expected case-insensitive");
    assertFalse(servers.matches("b1.kafka-eu.example.com:9092"), "expected the port to count");
    assertFalse(servers.matches("b1.kafka-eu.example.com:9093\n"), "expected no line terminator");
    assertTrue(Glob.compile("[::1]:9092").matches("[::1]:9092"), "expected brackets literal");
    assertTrue(Glob.compile("kafka:90??").matches("kafka:9093"), "expected ? to match one character");
    assertFalse(Glob.compile("kafka:90??").matches("kafka:909"), "expected ? to need a character");
    assertEquals(null, Glob.problem("x".repeat(Glob.MAX_LENGTH), false), "expected the limit allowed");
    assertEquals("is longer than " + Glob.MAX_LENGTH + " characters",
        Glob.problem("x".repeat(Glob.MAX_LENGTH + 1), false), "expected a longer pattern refused");
  }

  @Test
  void costIsLinearOnTheIssuesAdversarialValue() {
    Glob glob = Glob.compile("*.kafka-*.example.com:9093");
    String hostile = "x.kafka-".repeat(12_500) + "x:9093";     // 100 006 characters
    String benign = "y".repeat(hostile.length());
    assertFalse(glob.matches(hostile), "expected no match");
    // A quadratic matcher is ~10^4 times slower here; linear work is within a small factor
    // (the hostile value makes every start position compare a few characters).
    double ratio = CostRatio.of(() -> glob.matches(hostile), () -> glob.matches(benign));
    assertTrue(ratio < 50, "expected linear cost: the hostile value costs " + ratio + " x the benign one");
  }
}
