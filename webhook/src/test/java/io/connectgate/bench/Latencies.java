package io.connectgate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latencies of one kind of request, in nanoseconds, and their exact percentiles (nearest
 * rank over every sample: a few thousand samples need no histogram).
 */
final class Latencies {

  private final List<Long> nanos = new ArrayList<>();
  private int failures;

  synchronized void add(long elapsedNanos) {
    if (elapsedNanos < 0) throw new IllegalArgumentException("negative latency " + elapsedNanos);
    nanos.add(elapsedNanos);
  }

  synchronized void failed() {
    failures++;
  }

  synchronized int count() {
    return nanos.size();
  }

  synchronized int failures() {
    return failures;
  }

  /**
   * The smallest sample with at least {@code percent} % of the samples at or below it
   * (nearest rank); NaN-free: fails when there is no sample.
   */
  synchronized long percentile(double percent) {
    if (nanos.isEmpty()) throw new IllegalStateException("no samples");
    if (percent <= 0 || percent > 100) throw new IllegalArgumentException("percent in (0, 100]: " + percent);
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** p50 and p99 in milliseconds, e.g. {@code "12.3 / 45.6"}. */
  String describe() {
    return String.format("%.1f / %.1f", millis(percentile(50)), millis(percentile(99)));
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }
}
