package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.CostRatio;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NumericText#compare} is BigDecimal's {@code compareTo}, on generated numbers of every
 * form (signs, leading and trailing zeros, fractions, exponents, long runs of digits) against
 * bounds of every form the catalog has (integers to Long.MAX_VALUE, negatives, fractions,
 * zero), and it costs linear time.
 */
class NumericTextTest {

  private static final List<String> BOUNDS = List.of("0", "1", "-1", "5", "100", "1000", "30000",
      "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "0.5", "0.05",
      "1.5", "-0.001", "1E+3", "32767", "65535", "1.0", "600000", "3.25");

  @Test
  void agreesWithBigDecimal() {
    Random random = new Random(11);
    int compared = 0;
    for (int i = 0; i < 40_000; i++) {
      String text = number(random);
      BigDecimal value = new BigDecimal(text);
      for (String b : BOUNDS) {
        BigDecimal bound = new BigDecimal(b);
        assertEquals(Integer.signum(value.compareTo(bound)), NumericText.compare(text, bound),
            () -> text + " against " + b);
        compared++;
      }
    }
    assertTrue(compared > 800_000);
  }

  @Test
  void notANumberIsNull() {
    for (String text : List.of("", "-", "+", "1.", ".5", "1e", "1e+", "1x", "0x10", "1 ", " 1",
        "--1", "1.2.3", "1e5.5", "NaN")) {
      assertNull(NumericText.compare(text, BigDecimal.ONE), text);
    }
  }

  @Test
  void aLongNumberCostsLinearTime() {
    String longer = "1".repeat(128 * 1024);
    String shorter = "1".repeat(16 * 1024);
    BigDecimal bound = new BigDecimal("2147483647");
    // Eight times the digits: about eight times the time when linear, 64 when quadratic.
    double ratio = CostRatio.of(() -> NumericText.compare(longer, bound),
        () -> NumericText.compare(shorter, bound));
    assertTrue(ratio < 24, "expected linear cost: 8x the digits cost " + ratio + "x");
  }

  private static String number(Random random) {
    StringBuilder b = new StringBuilder();
    switch (random.nextInt(3)) {
      case 0 -> b.append('-');
      case 1 -> b.append(random.nextInt(4) == 0 ? "+" : "");
      default -> { }
    }
    b.append("0".repeat(random.nextInt(3) == 0 ? random.nextInt(5) : 0));
    b.append(digits(random, 1 + random.nextInt(random.nextInt(5) == 0 ? 90 : 20)));
    if (random.nextBoolean()) {
      b.append('.').append(digits(random, 1 + random.nextInt(random.nextInt(5) == 0 ? 90 : 10)));
    }
    if (random.nextInt(4) == 0) {
      b.append(random.nextBoolean() ? 'e' : 'E');
      int sign = random.nextInt(3);
      b.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
      b.append(random.nextInt(random.nextInt(3) == 0 ? 200 : 25));
    }
    return b.toString();
  }

  /** Digits, often runs of zeros or nines, or the digits of a bound, to sit on the edges. */
  private static String digits(Random random, int count) {
    StringBuilder b = new StringBuilder();
    int mode = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      b.append(switch (mode) {
        case 0 -> '0';
        case 1 -> '9';
        case 2 -> "2147483647".charAt(i % 10);
        default -> (char) ('0' + random.nextInt(10));
      });
    }
    return b.toString();
  }
}
