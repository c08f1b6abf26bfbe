package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratios the targets compare are taken within a round, and the table says what was met. */
class FiguresTest {

  static final String H1 = "HTTP/1.1";
  static final String H2 = "HTTP/2";

  /** Round 1: validate at 50 % of healthz; round 2: at 75 %. The median of the ratios is 62.5 %. */
  static Figures sample() {
    Figures f = new Figures();
    for (String build : List.of("current", "baseline")) {
      for (String protocol : List.of(H1, H2)) {
        double slower = build.equals("baseline") ? 2 : 1;
        f.add(new Figures.Phase(build, 1, protocol, Figures.HEALTHZ, true, 10_000, 0.5, 1, 2, 30, 0));
        f.add(new Figures.Phase(build, 1, protocol, Figures.VALIDATE, true, 5_000 / slower, 0.5, 1, 2, 100, 0));
        f.add(new Figures.Phase(build, 2, protocol, Figures.HEALTHZ, true, 8_000, 0.5, 1, 2, 40, 0));
        f.add(new Figures.Phase(build, 2, protocol, Figures.VALIDATE, true, 6_000 / slower, 0.5, 1, 2, 120, 0));
        // Fixed rate: p99 1.0 vs 1.5 then 2.0 vs 5.0 (ratios 1.5 and 2.5); p99.9 3 vs 4.5 both rounds.
        f.add(new Figures.Phase(build, 1, protocol, Figures.HEALTHZ, false, 2_000, 0.4, 1.0, 3, 25, 0));
        f.add(new Figures.Phase(build, 1, protocol, Figures.VALIDATE, false, 2_000, 0.6, 1.5, 4.5, 90, 0));
        f.add(new Figures.Phase(build, 2, protocol, Figures.HEALTHZ, false, 2_000, 0.4, 2.0, 3, 25, 0));
        f.add(new Figures.Phase(build, 2, protocol, Figures.VALIDATE, false, 2_000, 0.6, 5.0, 4.5, 90, 0));
      }
    }
    f.add(new Figures.Process("current", 1, 2_000, 150 * 1024, 200 * 1024));
    f.add(new Figures.Process("current", 2, 2_200, 170 * 1024, 210 * 1024));
    f.add(new Figures.Process("baseline", 1, 3_000, 250 * 1024, 260 * 1024));
    f.add(new Figures.Process("baseline", 2, 3_000, 270 * 1024, 280 * 1024));
    return f;
  }

  @Test
  void ratiosAreTakenPerRoundThenTheMedian() {
    Figures f = sample();
    Figures.Spread share = f.throughputRatio("current", H1);
    assertEquals(0.625, share.median(), 1e-9, "expected the median of 50 % and 75 %, not the ratio of medians (61 %)");
    assertEquals(0.5, share.min(), 1e-9, "expected the lower round");
    assertEquals(0.75, share.max(), 1e-9, "expected the higher round");
    assertEquals(0.3125, f.throughputRatio("baseline", H2).median(), 1e-9, "expected the baseline's own ratio");
    assertEquals(2.0, f.tailRatio("current", H2, Figures.Phase::p99).median(), 1e-9, "expected median of 1.5× and 2.5×");
    assertEquals(1.5, f.tailRatio("current", H2, Figures.Phase::p999).median(), 1e-9, "expected 4.5 ÷ 3");
    assertEquals(2_100, f.process("current", Figures.Process::startupMillis).median(), 1e-9, "expected the median");
    assertEquals(160.0 / 260, f.processRatio("current", "baseline", Figures.Process::rssAtRateKib), 1e-9,
        "expected current's median RSS at the rate over the baseline's");
    assertEquals(2.0, f.throughputVersus("current", "baseline", H1), 1e-9, "expected validate 5,500 vs 2,750");
  }

  @Test
  void spreadOfOddEvenAndNoValues() {
    assertEquals(3, Figures.Spread.of(List.of(5.0, 1.0, 3.0)).median(), 1e-9, "expected the middle value");
    assertEquals(2.5, Figures.Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median(), 1e-9, "expected the mean of the middle two");
    assertEquals("–", Figures.Spread.of(List.of()).percent(), "expected a dash without values");
    assertEquals("63 % (50 %–75 %)", Figures.Spread.of(List.of(0.5, 0.75)).percent(), "expected median and range");
  }

  @Test
  void tableShowsEveryBuildAndProtocolAndTheVerdicts() {
    List<String> lines = new FigureTable(sample(), List.of("current", "baseline"), "baseline", List.of(H1, H2), 2000).lines();
    assertTrue(lines.contains("| current | HTTP/1.1 | 9,000/s | 5,500/s | 63 % (50 %–75 %) | 35 µs/req | 110 µs/req "
        + "| 0.40 · 1.50 · 3.00 ms | 0.60 · 3.25 · 4.50 ms | 2.00× (1.50×–2.50×) | 1.50× (1.50×–1.50×) |"),
        "expected the current HTTP/1.1 row, got " + String.join("\n", lines));
    assertTrue(lines.contains("| baseline | 3,000 ms | 260 MiB | 270 MiB | 0 |"), "expected the baseline's process row");
    assertTrue(lines.contains("/validate ÷ /healthz saturated throughput, HTTP/2: 63 % (50 %–75 %) (target ≥ 60 %): met"),
        "expected the throughput target met");
    assertTrue(lines.contains("/validate p99 ÷ /healthz p99 at 2000/s, HTTP/1.1: 2.00× (1.50×–2.50×) (target ≤ 2×): met"),
        "expected 2.00× to meet ≤ 2×");
    assertTrue(lines.contains("peak RSS at 2000/s, current ÷ baseline: 62 % (target ≤ 75 %): met"),
        "expected the RSS target met");
    assertTrue(lines.contains("saturated /validate throughput, current ÷ baseline, HTTP/2: 200 %"),
        "expected the throughput against the baseline");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("current ÷ baseline: startup to ready ")
        && l.endsWith(", peak RSS at 2000/s 62 %")), "expected startup and RSS against the baseline, got " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("baseline ÷ baseline")), "expected no baseline ÷ itself");
  }

  @Test
  void aMissedTargetAndUnansweredRequestsAreSaid() {
    Figures f = sample();
    f.add(new Figures.Phase("current", 3, H1, Figures.VALIDATE, true, 1_000, 1, 9, 20, 200, 7));
    f.add(new Figures.Phase("current", 3, H1, Figures.HEALTHZ, true, 10_000, 1, 1, 2, 30, 0));
    f.add(new Figures.Phase("current", 4, H1, Figures.VALIDATE, true, 1_000, 1, 9, 20, 200, 0));
    f.add(new Figures.Phase("current", 4, H1, Figures.HEALTHZ, true, 10_000, 1, 1, 2, 30, 0));
    f.add(new Figures.Phase("current", 4, H1, Figures.VALIDATE, false, 1_500, 1, 9, 20, 200, 0));
    List<String> lines = new FigureTable(f, List.of("current"), null, List.of(H1), 2000).targets();
    assertTrue(lines.contains("/validate ÷ /healthz saturated throughput, HTTP/1.1: 30 % (10 %–75 %) (target ≥ 60 %): NOT met"),
        "expected the throughput target missed, got " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: 7 requests to current")),
        "expected the unanswered requests reported, got " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: current HTTP/1.1 /validate round 4 answered 1500/s,")),
        "expected the fixed-rate phase that fell behind reported, got " + lines);
    assertEquals(1, lines.stream().filter(l -> l.contains("not the 2000/s offered")).count(),
        "expected only the phase below 95 % of the rate reported, got " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("RSS")), "expected no baseline comparison without a baseline");
  }
}
