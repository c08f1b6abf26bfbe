package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRankOverEverySampleInAnyOrder() {
    Latencies l = new Latencies();
    for (int i = 1000; i >= 1; i--) l.add(i);
    assertEquals(500, l.percentile(50));
    assertEquals(990, l.percentile(99));
    assertEquals(1000, l.percentile(100));
    assertEquals(1, l.percentile(0.05));
  }

  @Test
  void aSingleSlowSampleIsTheP99OfAHundred() {
    Latencies l = new Latencies();
    for (int i = 0; i < 99; i++) l.add(1_000_000);
    l.add(80_000_000);
    assertEquals(1_000_000, l.percentile(99));
    l.add(90_000_000);
    assertEquals(80_000_000, l.percentile(99));
    assertEquals("1.0 / 80.0", l.describe());
  }

  @Test
  void failuresAreCountedApartFromSamples() {
    Latencies l = new Latencies();
    l.add(5);
    l.failed();
    assertEquals(1, l.count());
    assertEquals(1, l.failures());
  }

  @Test
  void noSampleHasNoPercentile() {
    assertThrows(IllegalStateException.class, () -> new Latencies().percentile(50));
    assertThrows(IllegalArgumentException.class, () -> new Latencies().add(-1));
  }

  @Test
  void theApplyTableSubtractsTheNoWebhookPercentilesFromTheWebhookOnes() {
    Latencies javaW = ms(10, 100);
    Latencies javaN = ms(4, 30);
    Latencies kubectlW = ms(300, 500);
    Latencies kubectlN = ms(280, 520);
    kubectlN.failed();
    String table = ScaleReport.apply(new ApplyComparison.Result(javaW, javaN, kubectlW, kubectlN, null, -1));
    assertTrue(table.contains("| 100, 10.0 / 100.0 ms | 100, 4.0 / 30.0 ms | +6.0 / +70.0 ms |"), table);
    assertTrue(table.contains("| 100 (1 failed), 280.0 / 520.0 ms | +20.0 / -20.0 ms |"), table);
  }

  /** 100 samples: 98 at {@code typical} ms and two at {@code slow} ms, so p50 = typical, p99 = slow. */
  private static Latencies ms(long typical, long slow) {
    Latencies l = new Latencies();
    for (int i = 0; i < 98; i++) l.add(typical * 1_000_000);
    l.add(slow * 1_000_000);
    l.add(slow * 1_000_000);
    return l;
  }

  @Test
  void serveCpuPerCreateLeavesOutWhatItSpendsIdle() {
    var none = new ApplyComparison.ServeCpu(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    // 10 s of webhook batches with 1.2 s CPU and 100 creates; 20 s idle with 0.4 s CPU (20 ms/s).
    var cpu = none.add(true, Duration.ofMillis(700), Duration.ofSeconds(6), 60)
        .add(false, Duration.ofMillis(400), Duration.ofSeconds(20), 55)
        .add(true, Duration.ofMillis(500), Duration.ofSeconds(4), 40);
    assertEquals(100, cpu.creates());
    assertEquals(10_000.0, cpu.microsPerCreate(), 1e-6); // (1.2 s - 0.02 * 10 s) / 100
    assertTrue(Double.isNaN(none.microsPerCreate()));
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertEquals(2, ScaleReport.median(List.of(1L, 2L, 3L)));
    assertEquals(2, ScaleReport.median(List.of(1L, 2L, 3L, 4L))); // (2 + 3) / 2 in whole ms
    assertEquals(25, ScaleReport.median(List.of(10L, 20L, 30L, 40L)));
  }
}
