package io.connectgate.server;

import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.ClientCaBundle;
import io.connectgate.tls.ClientCaFile;
import io.connectgate.tls.ClientCaParser;
import io.connectgate.tls.KeyMaterial;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTPS webhook: one port, TLS 1.2/1.3, HTTP/2 and HTTP/1.1 by ALPN, the five routes,
 * certificate and client-CA reload, and graceful shutdown. The caller owns the {@link Vertx} instance.
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
  private final ConnectionGuard connections;
  private final MountedFileReloader<KeyMaterial> reloader;
  // Null without --client-ca.
  private final ClientCaFile clientCaFile;
  private final MountedFileReloader<ClientCaBundle> clientCaReloader;
  private final CertificateExpiry expiry = new CertificateExpiry(java.time.Clock.systemUTC());
  // The certificate being served, for the daily expiry check.
  private volatile KeyMaterial serving;
  private volatile long expiryTimer = -1;
  // Set on the event loop at start; read by shutdown from the JVM shutdown-hook thread.
  private volatile HttpServer server;
  private volatile ServerTls tls;

  /** Deploy off, and the budget of bytes under review this JVM's heap affords. */
  public WebhookServer(Vertx vertx, ServerConfig config, JsonMapper mapper,
      AdmissionHandler handler, WebhookMetrics metrics, CertificateFiles certificates) {
    this(vertx, config, new Admission(mapper, handler, DeployLabel.disabled(),
        ReviewBudget.forThisJvm(config.maxBodyBytes())), metrics, certificates);
  }

  public WebhookServer(Vertx vertx, ServerConfig config, Admission admission, WebhookMetrics metrics,
      CertificateFiles certificates) {
    this.vertx = vertx;
    this.config = config;
    this.certificates = certificates;
    this.metrics = metrics;
    this.connections = new ConnectionGuard(vertx, config, metrics);
    metrics.reviewBytesInFlight(admission.budget()::inUse);
    this.routes = new Routes(new AdmissionEndpoint(vertx, config, admission, metrics),
        readiness, metrics, config.clientCaFile() != null, connections);
    this.reloader = new MountedFileReloader<>(vertx, config.certPollInterval(), "certificate",
        certificates::changed, this::useCertificate, material -> {
          certificates.applied(material);
          metrics.certificate(material.notAfter(), true);
          LOG.info("reloaded serving certificate subject=\"{}\" notAfter={}", material.subject(),
              material.notAfter());
        });
    if (config.clientCaFile() != null) {
      ClientCaFile file = new ClientCaFile(config.clientCaFile(), new ClientCaParser(),
          () -> metrics.clientCaReload(WebhookMetrics.CLIENT_CA_REJECTED));
      this.clientCaFile = file;
      // Operators rotate the API server's client CA through a ConfigMap; new connections are
      // verified against the new bundle, established ones were verified at their handshake.
      this.clientCaReloader = new MountedFileReloader<>(vertx, config.certPollInterval(), "client CA",
          file::changed, this::useClientCa, bundle -> {
            file.applied(bundle);
            metrics.clientCaReload(WebhookMetrics.CLIENT_CA_RELOADED);
            LOG.info("reloaded client CA from {}: {} certificate(s) {}", file.file(), bundle.certificates().size(),
                bundle.subjects());
          });
    } else {
      this.clientCaFile = null;
      this.clientCaReloader = null;
    }
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * Loads the certificate (and the client CA), listens, starts watching both; yields the
   * bound port.
   */
  public Future<Integer> start() {
    return vertx.executeBlocking(this::loadTls, false)
        .compose(loaded -> {
          KeyMaterial material = loaded.serving();
          HttpServerOptions options = serverOptions(material, loaded.clientCa());
          metrics.certificate(material.notAfter(), false);
          serving = material;
          expiry.check(material);
          server = vertx.createHttpServer(options)
              .requestHandler(routes)
              .connectionHandler(connections::connected)
              // Handshake failures from scanners and probes are routine: keep them at DEBUG.
              .exceptionHandler(e -> LOG.debug("connection error: {}", e.toString()));
          tls = new ServerTls(options.getSslOptions(), server, material, loaded.clientCa());
          return server.listen(config.port(), config.host());
        })
        .map(listening -> {
          reloader.start();
          if (clientCaReloader != null) {
            clientCaReloader.start();
          }
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
    if (clientCaReloader != null) {
      clientCaReloader.stop();
    }
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

  /** What the server starts with; the client CA is null without --client-ca. */
  private record LoadedTls(KeyMaterial serving, ClientCaBundle clientCa) {}

  private LoadedTls loadTls() throws Exception {
    KeyMaterial material = certificates.load();
    if (clientCaFile == null) {
      return new LoadedTls(material, null);
    }
    ClientCaBundle bundle = clientCaFile.load();
    LOG.info("client CA from {}: {} certificate(s) {}", clientCaFile.file(), bundle.certificates().size(),
        bundle.subjects());
    return new LoadedTls(material, bundle);
  }

  private HttpServerOptions serverOptions(KeyMaterial material, ClientCaBundle clientCa) {
    return httpsOptions(material, clientCa, config.idleTimeout());
  }

  /**
   * The listener's HTTPS settings: TLS protocols, ALPN (h2, http/1.1), the JDK engine, limits.
   * Static so that the load benchmark's floor server (test sources) serves with exactly these.
   */
  static HttpServerOptions httpsOptions(KeyMaterial material, ClientCaBundle clientCa, Duration idleTimeout) {
    HttpServerOptions http = new HttpServerOptions()
        .setSsl(true)
        // Vert.x's JDK engine; server contexts without Netty's one-time self-check (see there).
        .setSslEngineOptions(new JdkServerEngineOptions())
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setEnabledSecureTransportProtocols(TLS_PROTOCOLS)
        .setKeyCertOptions(ServerTls.keyCert(material))
        .setSslHandshakeTimeout(10)
        .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds()))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // Compressed bodies would slip past the size limit; the API server never sends them.
        .setDecompressionSupported(false);
    if (clientCa != null) {
      // REQUEST, not REQUIRED: kubelet probes carry no client certificate, and /healthz,
      // /readyz, /metrics must still answer them. The admission routes insist (see Routes).
      http.setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(ServerTls.trust(clientCa));
    }
    return http;
  }

  private Future<Boolean> useCertificate(KeyMaterial material) {
    // ServerTls keeps protocols, ALPN and the current client CA; only the certificate changes.
    return tls.useCertificate(material).onSuccess(updated -> {
      serving = material;
      expiry.check(material);
    });
  }

  private Future<Boolean> useClientCa(ClientCaBundle bundle) {
    return tls.useClientCa(bundle);
  }
}
