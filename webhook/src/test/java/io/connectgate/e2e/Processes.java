package io.connectgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child-process helpers: run to completion with a deadline, read the end of a log. */
final class Processes {

  private Processes() {}

  static CommandResult run(List<String> command, Path workDir, Duration timeout) {
    try {
      Path out = Files.createTempFile(workDir, "cmd", ".out");
      Path err = Files.createTempFile(workDir, "cmd", ".err");
      Process p = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + timeout);
      }
      CommandResult result = new CommandResult(p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Standard output and error of a short command, for version probes. */
  static String output(List<String> command) {
    try {
      Path dir = Files.createTempDirectory("connectgate-probe");
      try {
        CommandResult r = run(command, dir, Duration.ofSeconds(30));
        return r.stdout() + r.stderr();
      } finally {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String tail(Path log, int lines) {
    try {
      if (!Files.exists(log)) return "(no log at " + log + ")";
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(could not read " + log + ": " + e + ")";
    }
  }
}
