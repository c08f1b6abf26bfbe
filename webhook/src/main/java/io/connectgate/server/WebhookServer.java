package io.connectgate.server;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.DeployOnAdmission;
import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.KeyMaterial;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTPS webhook: one port, TLS 1.2/1.3, HTTP/2 and HTTP/1.1 by ALPN, the five routes,
 * certificate reload and graceful shutdown. The caller owns the {@link Vertx} instance.
 */
public final class WebhookServer {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  public static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final Vertx vertx;
  private final ServerConfig config;
  private final CertificateFiles certificates;
  private final WebhookMetrics metrics;
  private final Readiness readiness = new Readiness();
  private final Routes routes;
  private final TlsReloader reloader;
  private final CertificateExpiry expiry = new CertificateExpiry(java.time.Clock.systemUTC());
  // The certificate being served, for the daily expiry check.
  private volatile KeyMaterial serving;
  private volatile long expiryTimer = -1;
  // Set on the event loop at start; read by shutdown from the JVM shutdown-hook thread.
  private volatile HttpServerOptions options;
  private volatile HttpServer server;

  public WebhookServer(Vertx vertx, ServerConfig config, JsonMapper mapper,
      AdmissionHandler handler, WebhookMetrics metrics, CertificateFiles certificates) {
    this(vertx, config, mapper, handler, metrics, certificates, DeployOnAdmission.disabled());
  }

  /** With deploy-on-admission ({@code serve --deploy-jobs}). */
  public WebhookServer(Vertx vertx, ServerConfig config, JsonMapper mapper,
      AdmissionHandler handler, WebhookMetrics metrics, CertificateFiles certificates,
      DeployOnAdmission deployments) {
    this.vertx = vertx;
    this.config = config;
    this.certificates = certificates;
    this.metrics = metrics;
    this.routes = new Routes(new AdmissionEndpoint(vertx, config, mapper, handler, metrics, deployments),
        readiness, metrics, config.clientCaFile() != null);
    this.reloader = new TlsReloader(vertx, certificates, this::useCertificate, metrics,
        config.certPollInterval());
  }

  public Readiness readiness() {
    return readiness;
  }

  /** Loads the certificate, listens, starts watching the certificate; yields the bound port. */
  public Future<Integer> start() {
    return vertx.executeBlocking(certificates::load, false)
        .compose(material -> {
          options = serverOptions(material);
          metrics.certificate(material.notAfter(), false);
          serving = material;
          expiry.check(material);
          server = vertx.createHttpServer(options)
              .requestHandler(routes)
              // Handshake failures from scanners and probes are routine: keep them at DEBUG.
              .exceptionHandler(e -> LOG.debug("connection error: {}", e.toString()));
          return server.listen(config.port(), config.host());
        })
        .map(listening -> {
          reloader.start();
          expiryTimer = vertx.setPeriodic(CertificateExpiry.CHECK_EVERY.toMillis(), id -> expiry.check(serving));
          readiness.ready();
          LOG.info("serving https://{}:{} (validate, mutate, healthz, readyz, metrics)",
              config.host(), listening.actualPort());
          return listening.actualPort();
        });
  }

  /**
   * Drains: readiness turns 503 at once, new connections are still served for the drain
   * delay (endpoints take a moment to stop routing to us), then the server stops accepting,
   * lets in-flight requests finish and closes. Everything within {@code grace}.
   */
  public Future<Void> shutdown(Duration grace) {
    readiness.draining();
    reloader.stop();
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    if (server == null) {
      return Future.succeededFuture();
    }
    long graceMs = Math.max(1, grace.toMillis());
    long delayMs = Math.max(1, Math.min(config.drainDelay().toMillis(), graceMs / 2));
    LOG.info("draining: readiness 503, closing in {} ms, in-flight requests get up to {} ms",
        delayMs, graceMs - delayMs);
    Promise<Void> done = Promise.promise();
    vertx.setTimer(delayMs, id -> server.shutdown(Math.max(1, graceMs - delayMs), TimeUnit.MILLISECONDS)
        .onComplete(closed -> {
          LOG.info("server closed");
          done.handle(closed);
        }));
    return done.future();
  }

  private HttpServerOptions serverOptions(KeyMaterial material) {
    HttpServerOptions http = new HttpServerOptions()
        .setSsl(true)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setEnabledSecureTransportProtocols(TLS_PROTOCOLS)
        .setKeyCertOptions(keyCert(material))
        .setSslHandshakeTimeout(10)
        .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // Compressed bodies would slip past the size limit; the API server never sends them.
        .setDecompressionSupported(false);
    if (config.clientCaFile() != null) {
      // REQUEST, not REQUIRED: kubelet probes carry no client certificate, and /healthz,
      // /readyz, /metrics must still answer them. The admission routes insist (see Routes).
      http.setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(new PemTrustOptions().addCertPath(config.clientCaFile().toString()));
    }
    return http;
  }

  private Future<Boolean> useCertificate(KeyMaterial material) {
    // Start from the server's own SSL options so protocols and ALPN stay as configured.
    ServerSSLOptions ssl = options.getSslOptions().copy().setKeyCertOptions(keyCert(material));
    return server.updateSSLOptions(ssl, true).onSuccess(updated -> {
      serving = material;
      expiry.check(material);
    });
  }

  private static PemKeyCertOptions keyCert(KeyMaterial material) {
    // Values, not paths: what was checked is exactly what gets served, with no second read.
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(material.certPem()))
        .setKeyValue(Buffer.buffer(material.keyPem()));
  }
}
