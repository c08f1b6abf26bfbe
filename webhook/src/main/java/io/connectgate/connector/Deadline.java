package io.connectgate.connector;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When one review must stop working: a point on a monotonic clock, plus an explicit cancel.
 * The engine calls {@link #check()} in its loops (per data entry, per document, per rule, every
 * few thousand tokens while parsing), so a review past its deadline stops its own work instead
 * of keeping a worker thread busy after its answer was given. Checking costs one clock read.
 *
 * <p>It lives in {@code connector}, the lowest package, because the parser checks it too; the
 * clock is injected so tests can expire it at a chosen point.
 */
public final class Deadline {

  private static final Deadline NONE = new Deadline(Duration.ofDays(365 * 100L), () -> 0L);

  private final Duration budget;
  private final LongSupplier nanoClock;
  private final long at;
  private volatile boolean cancelled;

  private Deadline(Duration budget, LongSupplier nanoClock) {
    this.budget = budget;
    this.nanoClock = nanoClock;
    this.at = nanoClock.getAsLong() + budget.toNanos();
  }

  /** No deadline (the CLI and the audit run to the end). */
  public static Deadline none() {
    return NONE;
  }

  public static Deadline after(Duration budget) {
    return new Deadline(budget, System::nanoTime);
  }

  /** @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime} */
  public static Deadline after(Duration budget, LongSupplier nanoClock) {
    return new Deadline(budget, nanoClock);
  }

  /** The whole time this review was given (for messages). */
  public Duration budget() {
    return budget;
  }

  /** Stops the review at its next check, whatever the clock says. */
  public void cancel() {
    if (this != NONE) {
      cancelled = true;
    }
  }

  public boolean expired() {
    return cancelled || nanoClock.getAsLong() - at >= 0;
  }

  /** What is left, zero once expired. */
  public Duration remaining() {
    long left = at - nanoClock.getAsLong();
    return cancelled || left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** @throws DeadlineExceededException once expired or cancelled */
  public void check() {
    if (expired()) {
      throw new DeadlineExceededException(budget);
    }
  }
}
