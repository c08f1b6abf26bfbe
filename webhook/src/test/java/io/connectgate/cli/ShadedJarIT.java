package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code connectgate.jar} (after {@code package}, run by failsafe) can build a
 * Kubernetes client: the unit tests run on the test class path, which once hid that
 * Fabric8's HTTP client was missing vertx-web-client in the jar, so {@code audit},
 * {@code serve --deploy-jobs} and self-managed TLS died with NoClassDefFoundError.
 */
class ShadedJarIT {

  @Test
  void auditReachesTheKubernetesClientAndReportsAnUnreachableApi(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: not-a-secret}}]
        contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]
        current-context: x
        """.formatted(closedPort));
    Path jar = Path.of("target/connectgate.jar");
    assertTrue(Files.exists(jar), "expected the shaded jar at " + jar.toAbsolutePath() + " (failsafe runs after package)");
    Path output = dir.resolve("output.txt");
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "audit", "-A")).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "expected audit to end within 60 s");
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertFalse(text.contains("NoClassDefFoundError") || text.contains("ClassNotFoundException"),
        "expected every class of the Kubernetes client in the jar, got:\n" + text);
    assertTrue(text.contains("cannot reach the Kubernetes API"), "expected audit to report the unreachable API, got:\n" + text);
    assertEquals(2, process.exitValue(), "expected exit 2 when the API cannot be reached, got output:\n" + text);
  }

  /**
   * Logging is configured in code in the jar (no logback.xml): one line per event on stderr in
   * the documented format, INFO by default, nothing on stdout; and the built-in schemas are
   * read from the jar.
   */
  @Test
  void serveLogsItsLinesOnStderrInTheDocumentedFormat(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target/connectgate.jar");
    assertTrue(Files.exists(jar), "expected the shaded jar at " + jar.toAbsolutePath() + " (failsafe runs after package)");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "serve", "--host", "127.0.0.1", "--port", "0", "--cert-dir", dir.resolve("certs").toString()))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("CONNECTGATE_LOG_LEVEL");
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(err, StandardCharsets.UTF_8).contains("serving https://") && process.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "expected serve to stop on SIGTERM within 30 s");
    }
    String text = Files.readString(err, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO  "
        + "\\[vert\\.x-eventloop-thread-\\d+] i\\.c\\.s\\.WebhookServer - serving https://127\\.0\\.0\\.1:\\d+ .*")),
        "expected the serving line on stderr as <UTC time> <LEVEL> [thread] <abbreviated logger> - message, got:\n" + text);
    assertTrue(lines.stream().allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR) \\[.+")),
        "expected every stderr line in the log format at INFO or above by default, got:\n" + text);
    assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "expected nothing on stdout from serve");
  }
}
