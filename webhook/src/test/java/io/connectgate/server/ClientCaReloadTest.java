package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.bench.KubeletMount;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateSet;
import io.connectgate.tls.ClientCaFile;
import io.connectgate.tls.ClientIdentities;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * --client-ca rotated under a running server, published the way the kubelet updates a mounted
 * ConfigMap: new connections are verified against the new bundle; a file that cannot be used
 * leaves the bundle in force; and a serving-certificate reload and a client-CA reload never
 * undo each other.
 */
class ClientCaReloadTest {

  static final Duration DEADLINE = CertificateRotationTest.DEADLINE;
  static final String REFUSED = "refused by TLS";
  static final String METRIC = "connectgate_tls_client_ca_reloads_total";
  static final String MARKER = "GARBAGE-MARKER-7f3a";

  final ScriptedReviewer reviewer = new ScriptedReviewer();
  final CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(ClientCaFile.class),
      (Logger) LoggerFactory.getLogger(WebhookServer.class),
      (Logger) LoggerFactory.getLogger(MountedFileReloader.class));

  @BeforeEach
  void captureLogs() {
    logs.start();
    loggers.forEach(l -> l.addAppender(logs));
  }

  @AfterEach
  void releaseLogs() {
    loggers.forEach(l -> l.detachAppender(logs));
  }

  @Test
  void aNewClientCaIsUsedAfterASymlinkSwapAndABadFileKeepsIt(@TempDir Path dir) throws Exception {
    String[] one = ClientIdentities.issue("apiserver-one");
    String[] two = ClientIdentities.issue("apiserver-two");
    KubeletMount clientCa = new KubeletMount(dir.resolve("client-ca"));
    clientCa.publish(Map.of("ca.crt", one[0]));

    try (TestWebhook webhook = TestWebhook.start(dir.resolve("certs"), reviewer, config(dir), DenialMessage.DEFAULT_MAX_CHARS)) {
      List<Path> serverCa = List.of(webhook.certDir.resolve("ca.crt"));
      HttpClient metrics = webhook.client(HttpClient.Version.HTTP_1_1);
      assertEquals("200", outcome(webhook, serverCa, one), "expected CA one's client accepted at start");
      assertEquals(REFUSED, outcome(webhook, serverCa, two), "expected CA two's client refused at start");

      clientCa.publish(Map.of("ca.crt", two[0]));
      awaitOutcome(webhook, serverCa, two, "200");
      assertEquals(REFUSED, outcome(webhook, serverCa, one), "expected CA one's client refused once CA two replaced it");
      assertEquals(1.0, webhook.counter(metrics, METRIC, "reloaded"), "expected one client CA reload counted");
      assertTrue(messages(Level.INFO).stream().anyMatch(m -> m.contains("1 certificate(s)")
              && m.contains("CN=test client CA apiserver-two")),
          "expected an INFO naming the new CA's subject, got " + messages(Level.INFO));

      // Each kind of unusable file in turn; each is refused once and CA two stays in force.
      List<Map<String, String>> bad = List.of(
          Map.of("ca.crt", "not a certificate " + MARKER + "\n"),
          Map.of("ca.crt", two[2]), // a private key pasted by mistake: must never reach a log
          Map.of("ca.crt", two[0] + "-----BEGIN CERTIFICATE-----\nMIIB" + MARKER + "\n"), // truncated
          Map.of("ca.crt", ""),
          Map.of("elsewhere.crt", two[0])); // ca.crt gone: its symlink now dangles
      for (int i = 0; i < bad.size(); i++) {
        clientCa.publish(bad.get(i));
        double rejected = i + 1;
        awaitCounter(webhook, metrics, "rejected", rejected);
        assertEquals("200", outcome(webhook, serverCa, two), "expected CA two still in force after bad file " + i);
        assertEquals(REFUSED, outcome(webhook, serverCa, one), "expected CA one still refused after bad file " + i);
        // The polls kept running while the two handshakes above ran; the same bad file is
        // still only counted (and logged) once.
        assertEquals(rejected, webhook.counter(metrics, METRIC, "rejected"), "expected bad file " + i + " counted once");
      }
      assertEquals(1.0, webhook.counter(metrics, METRIC, "reloaded"), "expected no bad file counted as a reload");
      List<String> warnings = messages(Level.WARN);
      assertEquals(bad.size(), warnings.size(), "expected one WARN per bad file, got " + warnings);
      for (String warning : warnings) {
        assertFalse(warning.contains(MARKER), "expected no file content in the WARN: " + warning);
        assertFalse(warning.contains("MIIB"), "expected no base64 in the WARN: " + warning);
        two[2].lines().filter(l -> !l.startsWith("-----"))
            .forEach(l -> assertFalse(warning.contains(l), "expected no key material in the WARN: " + warning));
      }
    }
  }

  @Test
  void aCertificateRotationKeepsTheReloadedClientCaAndViceVersa(@TempDir Path dir) throws Exception {
    String[] one = ClientIdentities.issue("apiserver-one");
    String[] two = ClientIdentities.issue("apiserver-two");
    CertificateSet first = generator.generate(List.of());
    CertificateSet second = generator.generate(List.of());
    KubeletMount certs = new KubeletMount(dir.resolve("certs"));
    certs.publish(servingFiles(first));
    KubeletMount clientCa = new KubeletMount(dir.resolve("client-ca"));
    clientCa.publish(Map.of("ca.crt", one[0]));
    List<Path> serverCas = List.of(write(dir.resolve("server-ca-1.crt"), first.caCertPem()),
        write(dir.resolve("server-ca-2.crt"), second.caCertPem()));
    SSLContext trustBoth = TestWebhook.sslContext(serverCas);

    try (TestWebhook webhook = TestWebhook.start(dir.resolve("certs"), reviewer, config(dir), DenialMessage.DEFAULT_MAX_CHARS)) {
      clientCa.publish(Map.of("ca.crt", two[0]));
      awaitOutcome(webhook, serverCas, two, "200");

      certs.publish(servingFiles(second));
      CertificateRotationTest.awaitPresented(trustBoth, webhook.port, CertificateRotationTest.leaf(second));
      assertEquals("200", outcome(webhook, serverCas, two),
          "expected the client CA reloaded before the certificate rotation to stay in force");
      assertEquals(REFUSED, outcome(webhook, serverCas, one),
          "expected the replaced client CA to stay out after the certificate rotation");

      clientCa.publish(Map.of("ca.crt", one[0]));
      awaitOutcome(webhook, serverCas, one, "200");
      assertEquals(CertificateRotationTest.leaf(second), CertificateRotationTest.presented(trustBoth, webhook.port),
          "expected the rotated serving certificate to stay after the client CA reload");
      assertEquals(REFUSED, outcome(webhook, serverCas, two), "expected CA two refused once CA one is back");
    }
  }

  @Test
  void aBadClientCaAtStartStopsTheServerWithTheReason(@TempDir Path dir) throws Exception {
    new KubeletMount(dir.resolve("client-ca")).publish(Map.of("ca.crt", "not a certificate " + MARKER + "\n"));
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> TestWebhook.start(dir.resolve("certs"), reviewer, config(dir), DenialMessage.DEFAULT_MAX_CHARS).close(),
        "expected the server not to start with an unusable --client-ca");
    Throwable cause = e.getCause() == null ? e : e.getCause();
    assertTrue(cause.getMessage().contains("--client-ca") && cause.getMessage().contains("no PEM certificate found"),
        "expected the file and the reason, got " + cause);
    assertFalse(cause.getMessage().contains(MARKER), "expected no file content in the reason: " + cause);
  }

  private static ServerConfig config(Path dir) {
    return ServerConfig.defaults("127.0.0.1", 0).withCertPollInterval(Duration.ofMillis(100))
        .withClientCa(dir.resolve("client-ca").resolve("ca.crt"));
  }

  private static Map<String, String> servingFiles(CertificateSet set) {
    return Map.of("tls.crt", set.certPem(), "tls.key", set.keyPem(), "ca.crt", set.caCertPem());
  }

  private static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content);
  }

  /**
   * A review posted with {@code identity}'s certificate, always presented, on a new
   * connection: the status code, or {@link #REFUSED} when the server's TLS turned it away.
   * HTTP/1.1: a refused TLS 1.3 handshake then surfaces at once as the server's alert.
   */
  private static String outcome(TestWebhook webhook, List<Path> serverCas, String[] identity) throws Exception {
    byte[] review = TestWebhook.fixture("create-validate.json");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(ClientTls.sslContext(serverCas, identity, true)).build();
    try {
      return Integer.toString(webhook.post(client, "/validate", "application/json", review).statusCode());
    } catch (HttpTimeoutException e) {
      return "no answer and no refusal: " + e; // silence is not a refusal
    } catch (IOException e) {
      // Our side rejecting the server's certificate would be a broken test, not a refusal.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (String.valueOf(t.getMessage()).contains("PKIX")) {
          return "client did not trust the server: " + t;
        }
      }
      return REFUSED;
    }
  }

  private static void awaitOutcome(TestWebhook webhook, List<Path> serverCas, String[] identity, String expected)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String seen = outcome(webhook, serverCas, identity);
    while (!seen.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = outcome(webhook, serverCas, identity);
    }
    assertEquals(expected, seen, "expected the client CA reload to take effect within " + DEADLINE);
  }

  private static void awaitCounter(TestWebhook webhook, HttpClient client, String outcome, double atLeast)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (webhook.counter(client, METRIC, outcome) < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(webhook.counter(client, METRIC, outcome) >= atLeast,
        "expected " + METRIC + "{outcome=\"" + outcome + "\"} to reach " + atLeast + " within " + DEADLINE);
  }

  private List<String> messages(Level level) {
    List<ILoggingEvent> events;
    synchronized (logs) { // the appender adds under this lock, from the server's threads
      events = List.copyOf(logs.list);
    }
    return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }
}
