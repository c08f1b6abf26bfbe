package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.server.ServerConfig;
import io.connectgate.server.WebhookMetrics;
import io.connectgate.server.WebhookServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The files gen-certs.sh writes, used as --cert-dir by the real webhook server: for each
 * Service name, a client trusting only ca.crt and verifying that name gets GET /healthz 200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertsScriptsServeTest {

  static final List<String> SANS = CertsScriptsTest.SANS;

  Vertx vertx;
  WebhookServer server;
  int port;
  SSLContext trustingOnlyCa;

  @BeforeAll
  void serveTheScriptsCertificates(@TempDir Path dir) throws Exception {
    ScriptRunner.requireOpenssl();
    ScriptRunner.Result run = ScriptRunner.forRepository().run(dir, "gen-certs.sh", "--service", CertsScriptsTest.SERVICE,
        "--namespace", CertsScriptsTest.NAMESPACE, "--out", "certs", "--secret-yaml", "secret.yaml");
    assertEquals(0, run.exitCode(), "expected gen-certs.sh to succeed: " + run.describe());
    Path certs = dir.resolve("certs");
    String scriptCert = Files.readString(certs.resolve("tls.crt"));

    // What serve does with --cert-dir: files present, so nothing is generated over them.
    CertDirectory directory = new CertDirectory(certs);
    assertTrue(directory.ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()), List.of()).isEmpty(),
        "expected serve to use the script's files, not generate its own");
    assertEquals(scriptCert, Files.readString(certs.resolve("tls.crt")), "expected tls.crt left as the script wrote it");

    vertx = Vertx.vertx();
    server = new WebhookServer(vertx, ServerConfig.defaults("127.0.0.1", 0), AdmissionJson.newMapper(),
        new AdmissionHandler(new ScriptedReviewer(), new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        new WebhookMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        new CertificateFiles(directory, new KeyMaterialParser()));
    port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    trustingOnlyCa = io.connectgate.testing.TrustingTls.trusting(List.of(PemFiles.certificate(certs.resolve("ca.crt"))));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (server != null) {
        server.shutdown(Duration.ofMillis(200)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("SANS")
  void healthzOverAConnectionVerifiedForEachServiceName(String hostName) throws Exception {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      plain.setSoTimeout(10_000);
      try (SSLSocket tls = (SSLSocket) trustingOnlyCa.getSocketFactory().createSocket(plain, hostName, port, true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        OutputStream out = tls.getOutputStream();
        out.write(("GET /healthz HTTP/1.1\r\nHost: " + hostName + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = tls.getInputStream();
        String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(response.startsWith("HTTP/1.1 200"),
            "expected GET /healthz 200 over TLS verified for " + hostName + ", got: " + response.lines().findFirst().orElse(""));
      }
    }
  }
}
