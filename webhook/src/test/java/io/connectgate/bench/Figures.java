package io.connectgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a load benchmark run measured, round by round, and the figures its targets compare
 * (issue #23): per build and protocol, /validate's saturated throughput as a share of /healthz's
 * (≥ 60 %), /validate's p99 and p99.9 at the fixed rate as multiples of /healthz's (≤ 2×), and
 * the current build's peak RSS at the fixed rate as a share of the baseline's (≤ 75 %). A ratio
 * is taken within one round (the same server process, the same minute) and the median over
 * rounds is reported with its range; absolute figures are medians over rounds.
 */
final class Figures {

  static final String HEALTHZ = "/healthz";
  static final String VALIDATE = "/validate";

  /** One load phase of one round. Latencies in ms; CPU in µs of server CPU per request sent. */
  record Phase(String build, int round, String protocol, String route, boolean saturated, double throughput,
      double p50, double p99, double p999, double cpuMicros, long failed) {}

  /** One server process (one build, one round): startup, peak RSS after the fixed-rate phases, peak RSS at the end. */
  record Process(String build, int round, long startupMillis, long rssAtRateKib, long peakRssKib) {}

  /** A median and the range it came from. */
  record Spread(double median, double min, double max, int n) {
    static Spread of(List<Double> values) {
      if (values.isEmpty()) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    String percent() {
      return n == 0 ? "–" : n == 1 ? pct(median) : pct(median) + " (" + pct(min) + "–" + pct(max) + ")";
    }

    String times() {
      return n == 0 ? "–" : n == 1 ? x(median) : x(median) + " (" + x(min) + "–" + x(max) + ")";
    }

    private static String pct(double v) {
      return String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }

    private static String x(double v) {
      return String.format(Locale.ROOT, "%.2f×", v);
    }
  }

  private final List<Phase> phases = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  void add(Phase phase) {
    phases.add(phase);
  }

  void add(Process process) {
    processes.add(process);
  }

  /** /validate's saturated throughput ÷ /healthz's, per round. */
  Spread throughputRatio(String build, String protocol) {
    return perRound(build, protocol, true, Phase::throughput);
  }

  /** /validate's latency ÷ /healthz's at the fixed rate, per round, for p99 or p99.9. */
  Spread tailRatio(String build, String protocol, ToDoubleFunction<Phase> percentile) {
    return perRound(build, protocol, false, percentile);
  }

  /** Median over rounds of one figure of one route. */
  Spread figure(String build, String protocol, String route, boolean saturated, ToDoubleFunction<Phase> value) {
    return Spread.of(phases.stream().filter(p -> p.build.equals(build) && p.protocol.equals(protocol)
        && p.route.equals(route) && p.saturated == saturated).map(p -> value.applyAsDouble(p)).toList());
  }

  /** Median over rounds of a process figure. */
  Spread process(String build, ToDoubleFunction<Process> value) {
    return Spread.of(processes.stream().filter(p -> p.build.equals(build)).map(p -> value.applyAsDouble(p)).toList());
  }

  /** {@code current}'s median ÷ {@code baseline}'s median of a process figure. */
  double processRatio(String current, String baseline, ToDoubleFunction<Process> value) {
    return process(current, value).median() / process(baseline, value).median();
  }

  /** {@code current}'s median ÷ {@code baseline}'s median of /validate's saturated throughput. */
  double throughputVersus(String current, String baseline, String protocol) {
    return figure(current, protocol, VALIDATE, true, Phase::throughput).median()
        / figure(baseline, protocol, VALIDATE, true, Phase::throughput).median();
  }

  /** The fixed-rate phases of {@code build} that answered less than {@code minThroughput} a second. */
  List<Phase> openLoopBelow(String build, double minThroughput) {
    return phases.stream().filter(p -> p.build.equals(build) && !p.saturated && p.throughput < minThroughput).toList();
  }

  long failed(String build) {
    return phases.stream().filter(p -> p.build.equals(build)).mapToLong(Phase::failed).sum();
  }

  private Spread perRound(String build, String protocol, boolean saturated, ToDoubleFunction<Phase> value) {
    List<Double> ratios = new ArrayList<>();
    for (Phase v : phases) {
      if (v.build.equals(build) && v.protocol.equals(protocol) && v.route.equals(VALIDATE) && v.saturated == saturated) {
        phases.stream().filter(h -> h.build.equals(build) && h.protocol.equals(protocol) && h.round == v.round
                && h.route.equals(HEALTHZ) && h.saturated == saturated).findFirst()
            .ifPresent(h -> ratios.add(value.applyAsDouble(v) / value.applyAsDouble(h)));
      }
    }
    return Spread.of(ratios);
  }
}
