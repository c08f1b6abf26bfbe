package io.connectgate.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a garbage collector reported for a finished process: the largest heap it saw in
 * use (before a collection, or at exit) and the largest left after a collection. Read from a
 * JVM's unified GC log ({@code -Xlog:gc,gc+heap+exit}) or a Go program's
 * {@code GODEBUG=gctrace=1} lines (kubectl). Sizes in KiB; -1 when the log says nothing.
 */
record PeakHeap(long peakKib, long afterGcKib, int collections) {

  // G1/Serial/Parallel pause lines: "... Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms"
  private static final Pattern JVM_PAUSE = Pattern.compile("\\s(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)[KMG]\\)");
  // At exit (gc+heap+exit): " garbage-first heap   total 30720K, used 12345K [...]"
  private static final Pattern JVM_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  // Go: "gc 3 @0.049s 2%: ... ms cpu, 6->8->5 MB, 7 MB goal, ..." (start -> end -> live)
  private static final Pattern GO_TRACE = Pattern.compile("^gc \\d+ @.*?, (\\d+)->(\\d+)->(\\d+) MB");

  static PeakHeap fromJvmGcLog(List<String> lines) {
    long peak = -1;
    long after = -1;
    int collections = 0;
    for (String line : lines) {
      if (line.contains("Pause")) {
        Matcher m = JVM_PAUSE.matcher(line);
        if (m.find()) {
          collections++;
          peak = Math.max(peak, kib(m.group(1), m.group(2)));
          after = Math.max(after, kib(m.group(3), m.group(4)));
        }
        continue;
      }
      Matcher exit = JVM_EXIT.matcher(line);
      if (exit.find()) {
        peak = Math.max(peak, Long.parseLong(exit.group(1)));
      }
    }
    return new PeakHeap(peak, after, collections);
  }

  static PeakHeap fromGoGcTrace(List<String> lines) {
    long peak = -1;
    long live = -1;
    int collections = 0;
    for (String line : lines) {
      Matcher m = GO_TRACE.matcher(line);
      if (m.find()) {
        collections++;
        peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) * 1024);
        live = Math.max(live, Long.parseLong(m.group(3)) * 1024);
      }
    }
    return new PeakHeap(peak, live, collections);
  }

  private static long kib(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n;
      case "M" -> n * 1024;
      default -> n * 1024 * 1024;
    };
  }
}
