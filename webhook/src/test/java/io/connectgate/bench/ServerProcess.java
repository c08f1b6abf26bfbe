package io.connectgate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * {@code java -Xmx256m -jar connectgate.jar serve} (or another {@link Launch}) as a child process
 * on loopback: how long it takes from process start to the first {@code /readyz} 200, and its
 * peak RSS (VmHWM).
 */
final class ServerProcess implements AutoCloseable {

  final Process process;
  final int port;
  final Duration startupToReady;

  private ServerProcess(Process process, int port, Duration startupToReady) {
    this.process = process;
    this.port = port;
    this.startupToReady = startupToReady;
  }

  /** {@code serve}'s options after host, port and cert dir unless a caller gives others: a short stop. */
  private static final List<String> SHORT_STOP = List.of("--shutdown-grace", "2s", "--drain-delay", "0s");

  static ServerProcess start(Path jar, Path certDir, Path log, SSLContext tls, List<String> jvmOptions)
      throws Exception {
    return start(Launch.jar(jar), certDir, log, tls, jvmOptions);
  }

  /**
   * As {@link #start(Path, Path, Path, SSLContext, List)} with other {@code serve} options than
   * the short grace (after host, port and cert dir) and extra environment variables.
   */
  static ServerProcess start(Path jar, Path certDir, Path log, SSLContext tls, List<String> jvmOptions,
      List<String> serveOptions, Map<String, String> environment) throws Exception {
    return start(Launch.jar(jar), certDir, log, tls, jvmOptions, serveOptions, environment);
  }

  /** As {@link #start(Path, Path, Path, SSLContext, List)} for any {@link Launch}. */
  static ServerProcess start(Launch launch, Path certDir, Path log, SSLContext tls, List<String> jvmOptions)
      throws Exception {
    return start(launch, certDir, log, tls, jvmOptions, SHORT_STOP, Map.of());
  }

  private static ServerProcess start(Launch launch, Path certDir, Path log, SSLContext tls, List<String> jvmOptions,
      List<String> serveOptions, Map<String, String> environment) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(launch.command());
    command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--cert-dir", certDir.toString()));
    command.addAll(serveOptions);
    HttpClient probe = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(launch.environment());
    builder.environment().putAll(environment);
    Process process = builder.start();
    // A benchmark stopped by Ctrl-C or kill runs shutdown hooks, not its finally blocks: the
    // server it started goes with it instead of being left listening.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + process.pid()));
    long deadline = started + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (probe.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ServerProcess(process, port, Duration.ofNanos(System.nanoTime() - started));
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    process.destroyForcibly();
    throw new IOException("server not ready within 30 s; see " + log);
  }

  /** Peak resident set size in KiB, from /proc/PID/status. */
  long peakRssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmHWM in /proc/" + process.pid() + "/status");
  }

  /**
   * CPU time the server has used so far (user + system, from /proc/PID/stat; Linux clock
   * ticks are 1/100 s). Divided by the requests of a phase, it is the server's cost per
   * request, which unlike throughput does not depend on what else the machine is running.
   */
  Duration cpuTime() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    return Duration.ofMillis(ticks * 10);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the graceful stop
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
