package io.connectgate.hostile;

import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * {@code connectgate serve} in a child JVM on loopback, from the test classpath (no packaged
 * jar needed), with the JVM options of the chart reproduced off-cluster. Its output goes to a
 * log file the tests read.
 */
final class ChildServer implements AutoCloseable {

  /** The chart's memory: a 512 MiB limit and -XX:MaxRAMPercentage=70, about 358 MiB of heap. */
  static final List<String> CHART_MEMORY = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=70");

  final Process process;
  final int port;
  final Path log;

  private ChildServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ChildServer start(Path certDir, Path log, SSLContext tls, List<String> jvmOptions, List<String> serveOptions)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "io.connectgate.cli.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--cert-dir", certDir.toString(), "--shutdown-grace", "2s", "--drain-delay", "0s"));
    command.addAll(serveOptions);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient probe = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (probe.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ChildServer(process, port, log);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    process.destroyForcibly();
    throw new IOException("server not ready within 60 s; see " + log);
  }

  /** A certificate in {@code certDir} before the server starts, so the test can trust its CA. */
  static void prepareCertificates(Path certDir) throws Exception {
    new CertDirectory(certDir).ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()), List.of());
  }

  /** The child's live heap after a full GC, in bytes (jcmd GC.run, then GC.heap_info). */
  long heapAfterGc() throws Exception {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K").matcher(info);
    long used = 0;
    boolean found = false;
    while (m.find()) {
      used += Long.parseLong(m.group(1)) * 1024;
      found = true;
    }
    if (!found) {
      throw new IOException("no heap usage in jcmd GC.heap_info:\n" + info);
    }
    return used;
  }

  /** The child's maximum heap, in bytes. */
  long maxHeap() throws Exception {
    String flags = jcmd("VM.flags");
    Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
    if (!m.find()) {
      throw new IOException("no MaxHeapSize in jcmd VM.flags:\n" + flags);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String what) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), what).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IOException("jcmd " + what + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
