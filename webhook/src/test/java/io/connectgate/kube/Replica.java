package io.connectgate.kube;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.server.ServerConfig;
import io.connectgate.server.WebhookMetrics;
import io.connectgate.server.WebhookServer;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateRotation;
import io.connectgate.tls.KeyMaterialParser;
import io.connectgate.tls.RotationPolicy;
import io.connectgate.tls.SelfManagedTls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One connectgate pod in self-managed TLS mode: its own API client, its own
 * {@link SelfManagedTls} writing into its own cert dir, and a real HTTPS webhook on 127.0.0.1
 * serving from that dir.
 */
final class Replica implements AutoCloseable {

  static final String NAMESPACE = "connectgate";
  static final String SERVICE = "connectgate";
  static final String SECRET = "connectgate-tls";
  static final List<String> SANS = List.of(SERVICE, SERVICE + "." + NAMESPACE, SERVICE + "." + NAMESPACE + ".svc",
      SERVICE + "." + NAMESPACE + ".svc.cluster.local");

  final Path certDir;
  private final KubernetesClient client;
  final SelfManagedTls tls;
  private Vertx vertx;
  private WebhookServer server;
  int port;

  Replica(KubernetesClient client, Path certDir, List<String> webhookConfigs, RotationPolicy policy, Duration poll) {
    this.client = client;
    this.certDir = certDir;
    KubeTlsBackend backend = KubeTlsBackend.over(client, NAMESPACE, SECRET, webhookConfigs);
    CertificateRotation rotation = new CertificateRotation(
        new CertificateGenerator(Clock.systemUTC(), new SecureRandom()), Clock.systemUTC(), policy, SANS);
    this.tls = new SelfManagedTls(backend.secret(), backend.webhooks(), new CertDirectory(certDir), rotation, poll);
  }

  /** What serve does before listening: a certificate in the cert dir, then polling. */
  void prepare() throws Exception {
    tls.awaitFirstCertificate(Duration.ofSeconds(30));
    tls.start();
  }

  void serve() throws Exception {
    vertx = Vertx.vertx();
    server = new WebhookServer(vertx,
        ServerConfig.defaults("127.0.0.1", 0).withCertPollInterval(Duration.ofMillis(100)),
        AdmissionJson.newMapper(),
        new AdmissionHandler(new ScriptedReviewer(), new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        new WebhookMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        new CertificateFiles(new CertDirectory(certDir), new KeyMaterialParser()));
    port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    tls.close();
    try {
      if (server != null) {
        server.shutdown(Duration.ofMillis(200)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      client.close();
    }
  }
}
