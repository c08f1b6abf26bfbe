package io.connectgate.bench;

import static io.connectgate.bench.Figures.HEALTHZ;
import static io.connectgate.bench.Figures.VALIDATE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load benchmark's summary as Markdown tables (docs/performance.md takes them as printed)
 * and one line per target saying whether this run met it.
 */
final class FigureTable {

  private final Figures figures;
  private final List<String> builds;
  private final String baseline;
  private final List<String> protocols;
  private final int rate;

  /**
   * {@code builds}: the current build first, then any others (the baseline, floors);
   * {@code baseline}: which of them is the baseline, or null.
   */
  FigureTable(Figures figures, List<String> builds, String baseline, List<String> protocols, int rate) {
    this.figures = figures;
    this.builds = builds;
    this.baseline = baseline;
    this.protocols = protocols;
    this.rate = rate;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("| build | protocol | saturated /healthz | saturated /validate | /validate ÷ /healthz (≥ 60 %) "
        + "| server CPU /healthz | server CPU /validate | " + String.format(Locale.ROOT, "%,d", rate)
        + "/s /healthz p50 · p99 · p99.9 | /validate p50 · p99 · p99.9 | p99 ÷ (≤ 2×) | p99.9 ÷ (≤ 2×) |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String build : builds) {
      for (String protocol : protocols) {
        lines.add("| " + build + " | " + protocol
            + " | " + perSecond(figures.figure(build, protocol, HEALTHZ, true, Figures.Phase::throughput).median())
            + " | " + perSecond(figures.figure(build, protocol, VALIDATE, true, Figures.Phase::throughput).median())
            + " | " + figures.throughputRatio(build, protocol).percent()
            + " | " + micros(figures.figure(build, protocol, HEALTHZ, true, Figures.Phase::cpuMicros).median())
            + " | " + micros(figures.figure(build, protocol, VALIDATE, true, Figures.Phase::cpuMicros).median())
            + " | " + latencies(build, protocol, HEALTHZ)
            + " | " + latencies(build, protocol, VALIDATE)
            + " | " + figures.tailRatio(build, protocol, Figures.Phase::p99).times()
            + " | " + figures.tailRatio(build, protocol, Figures.Phase::p999).times() + " |");
      }
    }
    lines.add("");
    lines.add("| build | startup to ready | peak RSS during the " + String.format(Locale.ROOT, "%,d", rate)
        + "/s phases | peak RSS at the end | requests not answered |");
    lines.add("|---|---|---|---|---|");
    for (String build : builds) {
      lines.add("| " + build
          + " | " + String.format(Locale.ROOT, "%,.0f ms", figures.process(build, Figures.Process::startupMillis).median())
          + " | " + mebibytes(figures.process(build, Figures.Process::rssAtRateKib).median())
          + " | " + mebibytes(figures.process(build, Figures.Process::peakRssKib).median())
          + " | " + figures.failed(build) + " |");
    }
    lines.add("");
    lines.addAll(targets());
    return lines;
  }

  /** One line per target: the figure and met / NOT met. */
  List<String> targets() {
    List<String> lines = new ArrayList<>();
    String current = builds.get(0);
    for (String protocol : protocols) {
      Figures.Spread share = figures.throughputRatio(current, protocol);
      lines.add(verdict("/validate ÷ /healthz saturated throughput, " + protocol, share.percent(), "≥ 60 %",
          share.median() >= 0.60));
      Figures.Spread p99 = figures.tailRatio(current, protocol, Figures.Phase::p99);
      Figures.Spread p999 = figures.tailRatio(current, protocol, Figures.Phase::p999);
      lines.add(verdict("/validate p99 ÷ /healthz p99 at " + rate + "/s, " + protocol, p99.times(), "≤ 2×",
          p99.median() <= 2));
      lines.add(verdict("/validate p99.9 ÷ /healthz p99.9 at " + rate + "/s, " + protocol, p999.times(), "≤ 2×",
          p999.median() <= 2));
    }
    if (baseline != null) {
      double rss = figures.processRatio(current, baseline, Figures.Process::rssAtRateKib);
      lines.add(verdict("peak RSS at " + rate + "/s, " + current + " ÷ " + baseline,
          String.format(Locale.ROOT, "%.0f %%", 100 * rss), "≤ 75 %", rss <= 0.75));
      for (String protocol : protocols) {
        lines.add(String.format(Locale.ROOT, "saturated /validate throughput, %s ÷ %s, %s: %.0f %%", current, baseline,
            protocol, 100 * figures.throughputVersus(current, baseline, protocol)));
      }
      for (String build : builds) {
        if (!build.equals(baseline)) {
          lines.add(String.format(Locale.ROOT, "%s ÷ %s: startup to ready %.0f %%, peak RSS at %d/s %.0f %%", build,
              baseline, 100 * figures.processRatio(build, baseline, Figures.Process::startupMillis), rate,
              100 * figures.processRatio(build, baseline, Figures.Process::rssAtRateKib)));
        }
      }
    }
    for (String build : builds) {
      for (Figures.Phase lagging : figures.openLoopBelow(build, 0.95 * rate)) {
        lines.add(String.format(Locale.ROOT, "WARNING: %s %s %s round %d answered %.0f/s, not the %d/s offered: "
                + "the machine (or the server) did not keep up, so that round's latencies measure a queue",
            build, lagging.protocol(), lagging.route(), lagging.round(), lagging.throughput(), rate));
      }
    }
    if (figures.failed(current) > 0) {
      lines.add("WARNING: " + figures.failed(current) + " requests to " + current
          + " were not answered as expected: its figures do not count");
    }
    return lines;
  }

  private String latencies(String build, String protocol, String route) {
    return String.format(Locale.ROOT, "%.2f · %.2f · %.2f ms",
        figures.figure(build, protocol, route, false, Figures.Phase::p50).median(),
        figures.figure(build, protocol, route, false, Figures.Phase::p99).median(),
        figures.figure(build, protocol, route, false, Figures.Phase::p999).median());
  }

  private static String verdict(String what, String value, String target, boolean met) {
    return what + ": " + value + " (target " + target + "): " + (met ? "met" : "NOT met");
  }

  private static String perSecond(double value) {
    return String.format(Locale.ROOT, "%,.0f/s", value);
  }

  private static String micros(double value) {
    return String.format(Locale.ROOT, "%.0f µs/req", value);
  }

  private static String mebibytes(double kib) {
    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024);
  }
}
