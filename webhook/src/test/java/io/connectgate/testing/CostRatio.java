package io.connectgate.testing;

/**
 * How much more a hostile input costs than a benign one of the same size, measured in the same
 * process: the best of several rounds of each, so JIT warm-up and noise settle. A ratio, never
 * an absolute time, so a slow or loaded machine does not change the verdict.
 */
public final class CostRatio {

  private static final int ROUNDS = 15;

  private CostRatio() {}

  /** Hostile nanoseconds over benign nanoseconds (the benign cost counted as at least 1 µs). */
  public static double of(Runnable hostile, Runnable benign) {
    long hostileNanos = Long.MAX_VALUE;
    long benignNanos = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long t0 = System.nanoTime();
      hostile.run();
      long t1 = System.nanoTime();
      benign.run();
      long t2 = System.nanoTime();
      hostileNanos = Math.min(hostileNanos, t1 - t0);
      benignNanos = Math.min(benignNanos, t2 - t1);
    }
    return (double) hostileNanos / Math.max(benignNanos, 1_000);
  }
}
