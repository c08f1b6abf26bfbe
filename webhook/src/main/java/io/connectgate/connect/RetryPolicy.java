package io.connectgate.connect;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * multiplier^n)}. The jitter spreads many deploy Jobs that hit the
 * same restarting worker; the cap keeps the wait bounded. The overall deadline (deploy's
 * {@code --timeout}) bounds the number of attempts.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), 2.0);

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0
        || multiplier < 1.0) {
      throw new IllegalArgumentException("need 0 < initial <= max and multiplier >= 1");
    }
  }

  /** The ceiling for attempt {@code n} (0-based) before jitter. */
  public Duration ceiling(int attempt) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.min(attempt, 62));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  /** The wait after failed attempt {@code n}; {@code random} yields values in [0, 1). */
  public Duration delay(int attempt, DoubleSupplier random) {
    long ceiling = ceiling(attempt).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}
