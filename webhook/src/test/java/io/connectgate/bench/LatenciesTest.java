package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void medianOfEvenAndOddCounts() {
    assertEquals(2, ScaleReport.median(List.of(1L, 2L, 3L)));
    assertEquals(2, ScaleReport.median(List.of(1L, 2L, 3L, 4L))); // (2 + 3) / 2 in whole ms
    assertEquals(25, ScaleReport.median(List.of(10L, 20L, 30L, 40L)));
  }
}
