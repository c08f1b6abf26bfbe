package io.connectgate.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The scale benchmark's figures as Markdown tables (what docs/performance.md keeps). */
final class ScaleReport {

  private ScaleReport() {}

  static String listing(List<ListingComparison.Run> runs) {
    StringBuilder b = new StringBuilder(
        "| run | wall | peak RSS | GC heap: peak / max after GC | LIST configmaps (+ other requests meanwhile)"
            + " | ConfigMaps | saw |\n|---|---|---|---|---|---|---|\n");
    for (ListingComparison.Run r : runs) {
      b.append(String.format("| %s %s | %.2f s | %s | %s / %s | %.0f (+%.0f) | %d | %s |%n", r.tool(),
          r.round() == 0 ? "-n (an empty namespace)" : "-A, round " + r.round(), r.wall().toMillis() / 1000.0,
          mib(r.peakRssKib()), mib(r.heap().peakKib()), mib(r.heap().afterGcKib()), r.requests().configMapLists(),
          r.requests().all() - r.requests().configMapLists(), r.configMaps(), r.summary()));
    }
    for (String tool : runs.stream().map(ListingComparison.Run::tool).distinct().toList()) {
      List<ListingComparison.Run> mine = runs.stream().filter(r -> r.tool().equals(tool) && r.round() > 0).toList();
      if (mine.isEmpty()) continue;
      List<Long> walls = new ArrayList<>(mine.stream().map(r -> r.wall().toMillis()).toList());
      walls.sort(Comparator.naturalOrder());
      b.append(String.format("| **%s -A, median of %d** | **%.2f s** | max %s | max %s | | | |%n", tool, mine.size(),
          median(walls) / 1000.0, mib(mine.stream().mapToLong(ListingComparison.Run::peakRssKib).max().orElse(-1)),
          mib(mine.stream().mapToLong(r -> r.heap().peakKib()).max().orElse(-1))));
    }
    return b.toString();
  }

  static String apply(ApplyComparison.Result r) {
    StringBuilder b = new StringBuilder("| create of a new connector ConfigMap | webhook: n, p50 / p99 | "
        + "no webhook: n, p50 / p99 | added by the webhook: p50 / p99 |\n|---|---|---|---|\n");
    b.append(row("Fabric8 create (POST) in the benchmark JVM", r.javaWebhook(), r.javaNone()));
    b.append(row("`kubectl apply -f` (one process per ConfigMap)", r.kubectlWebhook(), r.kubectlNone()));
    return b.toString();
  }

  private static String row(String what, Latencies webhook, Latencies none) {
    return String.format("| %s | %d%s, %s ms | %d%s, %s ms | %+.1f / %+.1f ms |%n", what, webhook.count(),
        failures(webhook), webhook.describe(), none.count(), failures(none), none.describe(),
        Latencies.millis(webhook.percentile(50) - none.percentile(50)),
        Latencies.millis(webhook.percentile(99) - none.percentile(99)));
  }

  private static String failures(Latencies l) {
    return l.failures() == 0 ? "" : " (" + l.failures() + " failed)";
  }

  static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format("%.0f MiB", kib / 1024.0);
  }
}
