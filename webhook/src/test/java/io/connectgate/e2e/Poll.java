package io.connectgate.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a condition the API server reaches asynchronously (a webhook configuration
 * picked up, a registration made by a running server): bounded in time and in attempts.
 */
final class Poll {

  private static final int MAX_ATTEMPTS = 1000;

  private Poll() {}

  /** One attempt: null when the condition holds, else what was seen (for the failure message). */
  @FunctionalInterface
  interface Attempt {
    String check();
  }

  static void until(String what, Duration timeout, Duration every, Attempt attempt) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no attempt yet";
    CountDownLatch never = new CountDownLatch(1);
    for (int i = 0; i < MAX_ATTEMPTS && Instant.now().isBefore(deadline); i++) {
      last = attempt.check();
      if (last == null) {
        return;
      }
      try {
        // Nothing counts this latch down: the wait between attempts, bounded by the deadline.
        never.await(Math.min(every.toMillis(), Math.max(1, Duration.between(Instant.now(), deadline).toMillis())),
            TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("expected " + what + " within " + timeout + "; last seen: " + last);
  }

}
