package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectgate.admission.Findings;
import io.connectgate.admission.Review;
import io.connectgate.admission.ScriptedReviewer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Health, readiness, metrics and the decision log of a running webhook. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {

  final ScriptedReviewer reviewer = new ScriptedReviewer();
  TestWebhook webhook;
  HttpClient client;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    webhook = TestWebhook.start(certDir, reviewer);
    client = webhook.client(HttpClient.Version.HTTP_2);
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void healthAndReadinessAre200WhileServing() throws Exception {
    assertEquals(200, webhook.get(client, "/healthz").statusCode(), "expected /healthz 200 while serving");
    HttpResponse<String> ready = webhook.get(client, "/readyz");
    assertEquals(200, ready.statusCode(), "expected /readyz 200 once TLS and the reviewer are loaded");
  }

  @Test
  void metricsExposeDecisionsLatencyFindingsAndCertificateExpiry() throws Exception {
    reviewer.answering(new Review(true, List.of(
        Findings.error("requireEncryption", "src.kafka.security.protocol", "PLAINTEXT is not allowed"),
        Findings.audit("maxTasks", "tasks.max", "audit only")), null));
    webhook.post(client, "/validate", "application/json", TestWebhook.fixture("create-validate.json"));
    webhook.post(client, "/validate", "text/plain", new byte[0]);

    HttpResponse<String> metrics = webhook.get(client, "/metrics");

    assertEquals(200, metrics.statusCode(), "expected /metrics 200");
    assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"),
        "expected Prometheus text format");
    String text = metrics.body();
    assertTrue(text.contains("connectgate_admission_requests_total{decision=\"denied\",route=\"validate\"} 1.0"),
        "expected one denied validate request counted:\n" + text);
    assertTrue(text.contains("connectgate_findings_total{route=\"validate\",rule=\"requireEncryption\",severity=\"ERROR\"} 1.0"),
        "expected findings counted by rule:\n" + text);
    assertTrue(text.contains("connectgate_findings_total{route=\"validate\",rule=\"maxTasks\",severity=\"AUDIT\"} 1.0"),
        "expected AUDIT findings in metrics:\n" + text);
    assertTrue(text.contains("connectgate_http_rejections_total{route=\"validate\",status=\"415\"} 1.0"),
        "expected the 415 counted:\n" + text);
    for (String le : List.of("1.0E-4", "0.001", "0.005", "0.01", "10.0")) {
      assertTrue(text.contains("connectgate_admission_duration_seconds_bucket{route=\"validate\",le=\"" + le + "\"}"),
          "expected a latency bucket at " + le + " s:\n" + text);
    }
    Matcher expiry = Pattern.compile("(?m)^connectgate_tls_certificate_expiry_seconds ([0-9.E+]+)$").matcher(text);
    assertTrue(expiry.find(), "expected the certificate expiry gauge:\n" + text);
    assertEquals(servingCertificate().getNotAfter().toInstant().getEpochSecond(),
        (long) Double.parseDouble(expiry.group(1)), "expected the gauge to hold the serving certificate's notAfter");
  }

  @Test
  void oneDecisionLineWithoutAnyObjectContentAndAuditFindingsOnlyInTheLog() throws Exception {
    Logger decisions = (Logger) LoggerFactory.getLogger("io.connectgate.admission.decisions");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Level before = decisions.getLevel();
    decisions.setLevel(Level.DEBUG);
    decisions.addAppender(captured);
    try {
      reviewer.answering(new Review(true, List.of(Findings.audit("plaintextCredentials", "src.kafka.sasl.jaas.config",
          "credentials in plain text")), null));
      HttpResponse<String> response = webhook.post(client, "/validate", "application/json",
          TestWebhook.fixture("update-validate.json"));

      List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertEquals(2, lines.size(), "expected one decision line and one audit line: " + lines);
      String decision = lines.get(0);
      for (String expected : List.of("uid=" + TestWebhook.JSON.readTree(TestWebhook.fixture("update-validate.json")).path("request").path("uid").asString(), "operation=UPDATE",
          "object=default/replicator-connector", "allowed=true", "findings=1", "micros=")) {
        assertTrue(decision.contains(expected), "expected '" + expected + "' in the decision line: " + decision);
      }
      assertTrue(lines.get(1).contains("credentials in plain text"), "expected the AUDIT finding logged");
      assertFalse(response.body().contains("credentials in plain text"), "expected AUDIT findings kept out of the response");
      for (String line : lines) {
        for (String content : List.of("kafka:9071", "dest-kafka", "last-applied", "topic.whitelist", "admin")) {
          assertFalse(line.contains(content), "expected no object content ('" + content + "') in the log: " + line);
        }
      }
    } finally {
      decisions.detachAppender(captured);
      decisions.setLevel(before);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void speaksTls12And13(String protocol) throws Exception {
    javax.net.ssl.SSLContext context = TestWebhook.sslContext(List.of(webhook.certDir.resolve("ca.crt")));
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", webhook.port)) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      assertEquals(protocol, socket.getSession().getProtocol(), "expected a " + protocol + " handshake");
    }
  }

  private X509Certificate servingCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(webhook.certDir.resolve("tls.crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
