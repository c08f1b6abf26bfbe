package io.connectgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code connectgate serve} as a child JVM (the test class path, so no packaging is needed),
 * which a test can SIGKILL: nothing of it survives but what it wrote to the API server.
 */
final class ConnectgateChild implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ConnectgateChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code serve --host 127.0.0.1 --port 0 --cert-dir DIR/certs ARGS}; HOSTNAME is {@code name}. */
  static ConnectgateChild start(Path dir, String name, Map<String, String> environment, List<String> args) {
    try {
      Path work = Files.createDirectories(dir.resolve(name + "-" + System.nanoTime()));
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          "io.connectgate.cli.Main", "serve", "--host", "127.0.0.1", "--port", "0",
          "--cert-dir", work.resolve("certs").toString(), "--drain-delay", "0"));
      command.addAll(args);
      Path log = work.resolve("serve.log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put("HOSTNAME", name);
      return new ConnectgateChild(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start connectgate serve as a child", e);
    }
  }

  /** SIGKILL: no shutdown hook, no Lease release, nothing flushed. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) return;
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
