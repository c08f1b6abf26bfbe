package io.connectgate.connector;

import java.time.Duration;

/**
 * A review ran past its {@link Deadline}. Unchecked, so it unwinds through every loop of the
 * engine; the admission use case turns it into a denial (500) naming the deadline. No stack
 * trace is filled in: it is control flow, not a bug.
 */
public final class DeadlineExceededException extends RuntimeException {

  private final Duration budget;

  public DeadlineExceededException(Duration budget) {
    super("review exceeded its deadline of " + budget.toMillis() + " ms", null, false, false);
    this.budget = budget;
  }

  public Duration budget() {
    return budget;
  }
}
