package io.connectgate.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Java regular expression that someone other than the tenant wrote (a schema's
 * {@code pattern} or {@code patternProperties}) over tenant text under a step budget: the
 * text is wrapped in a {@link CharSequence} that counts every character read, and the match
 * is abandoned with {@link BudgetExceeded} once it has read {@link #budgetFor} characters.
 * java.util.regex backtracks, so an unlucky pattern would otherwise cost time exponential
 * or quadratic in the value's length (docs/hardening.md "Linear-time matching").
 *
 * <p>Tenant-supplied regular expressions ({@code topics.regex}, MirrorMaker's {@code topics})
 * are compiled to report syntax errors; the one place one is matched, as Kafka does,
 * ({@code topics.regex} against the sink's dead-letter-queue topic, {@link SinkTopicsRule}) runs
 * under this budget too.
 */
public final class BoundedRegex {

  /** Reads allowed per character of the value; linear patterns need a handful. */
  static final int STEPS_PER_CHAR = 64;
  /** So that short values are never refused however the pattern is written. */
  static final int MIN_STEPS = 100_000;

  private BoundedRegex() {}

  public static long budgetFor(int length) {
    return MIN_STEPS + (long) STEPS_PER_CHAR * length;
  }

  /** {@link java.util.regex.Matcher#find()} under the budget. */
  public static boolean find(Pattern pattern, String text) {
    return pattern.matcher(new Counted(text, new long[] {budgetFor(text.length())})).find();
  }

  /** {@link java.util.regex.Matcher#matches()} under the budget. */
  public static boolean matches(Pattern pattern, String text) {
    return pattern.matcher(new Counted(text, new long[] {budgetFor(text.length())})).matches();
  }

  /**
   * {@link #find} of one pattern that keeps, per thread, its matcher and counting wrapper and
   * resets them for each value instead of allocating them: a schema's patterns are matched
   * dozens of times per review (a tenth of what a review allocated). Nothing of a value is kept
   * after the call.
   */
  static final class Reused {

    private final ThreadLocal<Slot> slots;

    Reused(Pattern pattern) {
      this.slots = ThreadLocal.withInitial(() -> new Slot(pattern));
    }

    boolean find(String text) {
      Slot slot = slots.get();
      slot.left[0] = budgetFor(text.length());
      slot.counted.text = text;
      try {
        return slot.matcher.reset(slot.counted).find();
      } finally {
        slot.counted.text = "";
        slot.matcher.reset(slot.counted);
      }
    }

    private static final class Slot {
      final long[] left = new long[1];
      final Counted counted = new Counted("", left);
      final Matcher matcher;

      Slot(Pattern pattern) {
        this.matcher = pattern.matcher(counted);
      }
    }
  }

  /** A match read more of the value than its budget allows; the value cannot be checked. */
  public static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("regular expression step budget exceeded", null, false, false);
    }
  }

  /** Counts reads against a budget shared with every sub-sequence taken from it. */
  private static final class Counted implements CharSequence {

    /** The value being matched; swapped by {@link Reused} between values. */
    private CharSequence text;
    private final long[] left;

    Counted(CharSequence text, long[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counted(text.subSequence(start, end), left);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
