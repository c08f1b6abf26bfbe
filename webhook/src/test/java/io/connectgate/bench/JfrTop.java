package io.connectgate.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording's execution samples, as docs/performance.md "Profile"
 * lists them: self (the frame on top of the stack) and total (the frame anywhere in it), each
 * as a share of the samples of the threads whose name contains {@code threads}. Not part of
 * {@code mvn verify}:
 *
 * <pre>scripts/run-bench.sh JfrTop file=review.jfr threads=vert.x-worker top=15</pre>
 */
public final class JfrTop {

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    Path file = Path.of(a.text("file", "review.jfr"));
    String threads = a.text("threads", "");
    String under = a.text("under", "");
    int top = a.integer("top", 15);
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      var thread = e.getThread("sampledThread");
      if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains(threads)) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty() || (!under.isEmpty() && frames.stream().noneMatch(f -> name(f).equals(under)))) {
        continue;
      }
      samples++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        if (seen.add(name(f))) {
          total.merge(name(f), 1, Integer::sum);
        }
      }
    }
    System.out.printf("%s: %d execution samples of threads matching \"%s\"%s%n", file, samples, threads,
        under.isEmpty() ? "" : " with " + under + " on the stack");
    print("self", self, samples, top);
    print("total", total, samples, top * 2);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println("--- " + title);
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.forEach((frame, n) -> System.out.printf("%5.1f%%  %s%n", 100.0 * n / Math.max(1, samples), frame));
  }
}
