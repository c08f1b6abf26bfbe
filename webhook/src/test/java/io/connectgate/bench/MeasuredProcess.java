package io.connectgate.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a deadline and measures it: wall time (from just before
 * the start to the exit, process start included) and, through GNU time ({@code /usr/bin/time}
 * — the kernel's {@code ru_maxrss} of the child, which is its VmHWM at exit), its peak
 * resident set size. Without {@code /usr/bin/time} the RSS is reported as unknown (-1).
 */
final class MeasuredProcess {

  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  /** What a finished command did; its output is in {@code stdout} and {@code stderr}. */
  record Result(int exitCode, Duration wall, long peakRssKib, Path stdout, Path stderr) {

    String stderrTail() {
      try {
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      } catch (IOException e) {
        return "(cannot read " + stderr + ")";
      }
    }
  }

  private MeasuredProcess() {}

  static boolean measuresRss() {
    return Files.isExecutable(GNU_TIME);
  }

  /**
   * Runs {@code command} in {@code dir} with {@code environment} added, output to
   * {@code dir/<label>.out} and {@code .err}; kills it after {@code timeout}.
   */
  static Result run(String label, List<String> command, Map<String, String> environment, Path dir,
      Duration timeout) throws IOException, InterruptedException {
    Path out = dir.resolve(label + ".out");
    Path err = dir.resolve(label + ".err");
    Path rusage = dir.resolve(label + ".rusage");
    Files.deleteIfExists(rusage);
    List<String> full = new ArrayList<>();
    if (measuresRss()) {
      full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rusage.toString()));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(label + " did not finish within " + timeout + ": " + String.join(" ", command));
      }
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    return new Result(process.exitValue(), wall, peakRss(rusage), out, err);
  }

  /** The last number GNU time wrote (a killed child makes it write a note first), or -1. */
  static long peakRss(Path rusage) throws IOException {
    if (!Files.exists(rusage)) return -1;
    List<String> lines = Files.readAllLines(rusage, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).trim();
      if (line.matches("\\d+")) return Long.parseLong(line);
    }
    return -1;
  }
}
