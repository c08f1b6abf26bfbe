package io.connectgate.validation;

import java.math.BigDecimal;

/**
 * Compares a number written as text with a schema bound in time linear in the text. BigDecimal
 * parses a long run of digits in quadratic time (about 250 ms for 128 K digits), and a tenant
 * may write a setting's value that long: every {@code minimum} and {@code maximum} of the schema
 * would pay that for every such value. The answer is BigDecimal's {@code compareTo}, exactly
 * ({@code NumericTextTest} compares the two on generated values).
 */
final class NumericText {

  /** Shorter texts are parsed by BigDecimal as before: quick, and the reference. */
  static final int LONG = 64;
  private static final long EXPONENT_LIMIT = 1_000_000_000_000L;

  private NumericText() {}

  /**
   * The sign of {@code text − bound}, or null when {@code text} is not a JSON number with an
   * optional leading '+' (the grammar of networknt's {@code Strings.isNumeric}).
   */
  static Integer compare(String text, BigDecimal bound) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    int intStart = i;
    i = digitsEnd(text, i);
    int intEnd = i;
    if (intEnd == intStart) {
      return null;
    }
    int fracStart = intEnd;
    int fracEnd = intEnd;
    if (i < n && text.charAt(i) == '.') {
      fracStart = ++i;
      i = digitsEnd(text, i);
      fracEnd = i;
      if (fracEnd == fracStart) {
        return null;
      }
    }
    long exponent = 0;
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        negativeExponent = text.charAt(i) == '-';
        i++;
      }
      int expStart = i;
      i = digitsEnd(text, i);
      for (int d = expStart; d < i; d++) {
        // Clamped: past 10^12 the value is beyond any bound's magnitude either way.
        exponent = Math.min(EXPONENT_LIMIT, exponent * 10 + (text.charAt(d) - '0'));
      }
      if (i == expStart) {
        return null;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != n) {
      return null;
    }
    // The value's significant digits, over the integer and fraction parts, and where the
    // decimal point falls: value = 0.d1d2d3... × 10^point.
    Digits value = Digits.of(text, intStart, intEnd, fracStart, fracEnd, exponent);
    int valueSign = value == null ? 0 : negative ? -1 : 1;
    int boundSign = bound.signum();
    if (valueSign != boundSign) {
      return Integer.compare(valueSign, boundSign);
    }
    if (valueSign == 0) {
      return 0;
    }
    String boundDigits = bound.unscaledValue().abs().toString();
    int boundTrailing = boundDigits.length();
    while (boundTrailing > 1 && boundDigits.charAt(boundTrailing - 1) == '0') {
      boundTrailing--;
    }
    long boundPoint = (long) bound.precision() - bound.scale();
    int magnitude = compareMagnitude(value, boundDigits.substring(0, boundTrailing), boundPoint);
    return valueSign * magnitude;
  }

  /** |value| against 0.boundDigits × 10^boundPoint (no leading or trailing zeros in either). */
  private static int compareMagnitude(Digits value, String boundDigits, long boundPoint) {
    if (value.point != boundPoint) {
      return Long.signum(value.point - boundPoint);
    }
    int k = 0;
    for (int j = 0; j < value.count && k < boundDigits.length(); j++, k++) {
      int c = Character.compare(value.digit(j), boundDigits.charAt(k));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    if (value.count == boundDigits.length()) {
      return 0;
    }
    // One is a prefix of the other; neither ends in zeros, so the longer one is larger.
    return value.count > boundDigits.length() ? 1 : -1;
  }

  /** The end of the run of ASCII digits starting at {@code i}. */
  private static int digitsEnd(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** The significant digits of a number's text without copying them: indexes into the text. */
  private static final class Digits {
    final String text;
    final int intStart;
    final int intEnd;
    final int fracStart;
    final int first; // position, over integer then fraction digits, of the first non-zero digit
    final int count; // significant digits, trailing zeros excluded
    final long point;

    private Digits(String text, int intStart, int intEnd, int fracStart, int first, int count,
        long point) {
      this.text = text;
      this.intStart = intStart;
      this.intEnd = intEnd;
      this.fracStart = fracStart;
      this.first = first;
      this.count = count;
      this.point = point;
    }

    /** Null when every digit is zero. */
    static Digits of(String text, int intStart, int intEnd, int fracStart, int fracEnd,
        long exponent) {
      int intLength = intEnd - intStart;
      int total = intLength + (fracEnd - fracStart);
      int first = -1;
      int last = -1;
      for (int p = 0; p < total; p++) {
        char c = text.charAt(p < intLength ? intStart + p : fracStart + p - intLength);
        if (c != '0') {
          if (first < 0) {
            first = p;
          }
          last = p;
        }
      }
      if (first < 0) {
        return null;
      }
      long point = (long) intLength - first + exponent;
      return new Digits(text, intStart, intEnd, fracStart, first, last - first + 1, point);
    }

    char digit(int j) {
      int p = first + j;
      int intLength = intEnd - intStart;
      return text.charAt(p < intLength ? intStart + p : fracStart + p - intLength);
    }
  }
}
