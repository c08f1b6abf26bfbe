package io.connectgate.server;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.Admission;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.KeyMaterialParser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook on 127.0.0.1 with a generated CA, and real clients that trust only that CA.
 * Closing it stops the server and Vert.x.
 */
final class TestWebhook implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final Path certDir;
  final Vertx vertx;
  final WebhookServer server;
  final int port;
  private final List<Path> trusted;

  private TestWebhook(Path certDir, Vertx vertx, WebhookServer server, int port, List<Path> trusted) {
    this.certDir = certDir;
    this.vertx = vertx;
    this.server = server;
    this.port = port;
    this.trusted = trusted;
  }

  static TestWebhook start(Path dir, ConfigMapReviewer reviewer) throws Exception {
    return start(dir, reviewer, ServerConfig.defaults("127.0.0.1", 0), DenialMessage.DEFAULT_MAX_CHARS);
  }

  static TestWebhook start(Path dir, ConfigMapReviewer reviewer, ServerConfig config, int messageCap)
      throws Exception {
    return start(dir, reviewer, config, messageCap, DeployLabel.disabled(),
        ReviewBudget.forThisJvm(config.maxBodyBytes()));
  }

  /** With the deploy label's checks, as {@code serve --deploy-jobs} wires them. */
  static TestWebhook start(Path dir, ConfigMapReviewer reviewer, DeployLabel deployments)
      throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0);
    return start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS, deployments,
        ReviewBudget.forThisJvm(config.maxBodyBytes()));
  }

  static TestWebhook start(Path dir, ConfigMapReviewer reviewer, ServerConfig config, int messageCap,
      DeployLabel deployments, ReviewBudget budget) throws Exception {
    CertDirectory certs = new CertDirectory(dir);
    if (!Files.exists(certs.certFile())) {
      certs.ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()), List.of("connectgate.test"));
    }
    Vertx vertx = Vertx.vertx();
    JsonMapper mapper = AdmissionJson.newMapper();
    WebhookMetrics metrics = new WebhookMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    AdmissionHandler handler = new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(messageCap)));
    WebhookServer server = new WebhookServer(vertx, config, new Admission(mapper, handler, deployments, budget),
        metrics, new CertificateFiles(certs, new KeyMaterialParser()));
    try {
      int port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new TestWebhook(dir, vertx, server, port, List.of(certs.caFile()));
    } catch (Exception e) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + port + path);
  }

  HttpClient client(HttpClient.Version version) throws Exception {
    return client(version, trusted);
  }

  static HttpClient client(HttpClient.Version version, List<Path> caFiles) throws Exception {
    return HttpClient.newBuilder()
        .version(version)
        .sslContext(sslContext(caFiles))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static SSLContext sslContext(List<Path> caFiles) throws Exception {
    return io.connectgate.testing.TrustingTls.trusting(caFiles);
  }

  HttpResponse<String> post(HttpClient client, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The counter {@code name{outcome}} as /metrics shows it now. */
  double counter(HttpClient client, String name, String outcome) throws IOException, InterruptedException {
    String text = get(client, "/metrics").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^" + java.util.regex.Pattern.quote(name) + "\\{outcome=\"" + outcome + "\"[^}]*} (\\S+)$").matcher(text);
    if (!m.find()) {
      throw new AssertionError("expected " + name + "{outcome=\"" + outcome + "\"} in /metrics:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = TestWebhook.class.getResourceAsStream("/admission-reviews/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  @Override
  public void close() throws Exception {
    try {
      server.shutdown(Duration.ofMillis(200)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
