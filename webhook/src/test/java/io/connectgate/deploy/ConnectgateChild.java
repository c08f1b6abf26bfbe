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
  private final int port;
  private final Path certDir;

  private ConnectgateChild(Process process, Path log, int port, Path certDir) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.certDir = certDir;
  }

  /** {@code serve --host 127.0.0.1 --port FREE --cert-dir DIR/certs ARGS}; HOSTNAME is {@code name}. */
  static ConnectgateChild start(Path dir, String name, Map<String, String> environment, List<String> args) {
    try {
      Path work = Files.createDirectories(dir.resolve(name + "-" + System.nanoTime()));
      int port;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          "io.connectgate.cli.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--cert-dir", work.resolve("certs").toString(), "--drain-delay", "0"));
      command.addAll(args);
      Path log = work.resolve("serve.log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put("HOSTNAME", name);
      return new ConnectgateChild(builder.start(), log, port, work.resolve("certs"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start connectgate serve as a child", e);
    }
  }

  /**
   * POSTs {@code review} to {@code /validate} over HTTPS (trusting the CA serve generated) and
   * returns the answer's body; retries until serve listens, for at most {@code timeout}.
   */
  String validate(byte[] review, java.time.Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(io.connectgate.testing.TrustingTls.trusting(certDir.resolve("ca.crt")))
            .connectTimeout(java.time.Duration.ofSeconds(2)).build();
        java.net.http.HttpResponse<String> answer = https.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://127.0.0.1:" + port + "/validate"))
            .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(10))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(review)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
      } catch (java.io.IOException | java.security.GeneralSecurityException notYet) {
        last = notYet;
        new java.util.concurrent.CountDownLatch(1).await(250, TimeUnit.MILLISECONDS); // serve still starting
      }
    }
    throw new IllegalStateException("no answer from /validate on port " + port + ": " + last + "\n" + logTail());
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
