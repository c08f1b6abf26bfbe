package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

  @Test
  void ceilingGrowsExponentiallyAndIsCapped() {
    assertEquals(Duration.ofMillis(100), policy.ceiling(0), "first ceiling is the initial delay");
    assertEquals(Duration.ofMillis(400), policy.ceiling(2), "doubles per attempt");
    assertEquals(Duration.ofSeconds(1), policy.ceiling(4), "capped at max (1600 > 1000)");
    assertEquals(Duration.ofSeconds(1), policy.ceiling(10_000), "no overflow for huge attempts");
  }

  @Test
  void jitterStaysBetweenHalfAndAllOfTheCeiling() {
    assertEquals(Duration.ofMillis(200), policy.delay(2, () -> 0.0), "random 0 -> half");
    assertEquals(Duration.ofMillis(300), policy.delay(2, () -> 0.5), "random .5 -> 3/4");
    assertEquals(Duration.ofMillis(399), policy.delay(2, () -> 0.999), "random ~1 -> ceiling");
    assertEquals(Duration.ofMillis(500), policy.delay(9, () -> 0.0), "capped, then halved");
  }
}
