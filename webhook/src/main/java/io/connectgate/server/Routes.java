package io.connectgate.server;

import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Failures;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Path and method dispatch for the five routes, wrapped in a catch-all: nothing a client
 * sends may escape as an exception into Vert.x and leave the request unanswered.
 */
final class Routes implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final AdmissionEndpoint admission;
  private final Readiness readiness;
  private final WebhookMetrics metrics;
  private final boolean requireClientCertificate;
  private final ConnectionGuard connections;

  Routes(AdmissionEndpoint admission, Readiness readiness, WebhookMetrics metrics,
      boolean requireClientCertificate, ConnectionGuard connections) {
    this.admission = admission;
    this.connections = connections;
    this.readiness = readiness;
    this.metrics = metrics;
    this.requireClientCertificate = requireClientCertificate;
  }

  @Override
  public void handle(HttpServerRequest request) {
    try {
      connections.requestStarted(request);
      route(request);
    } catch (RuntimeException e) {
      LOG.error("unhandled error on {} {}: {}", request.method(), request.path(), Failures.describe(e));
      if (!request.response().ended() && !request.response().closed()) {
        request.response().setStatusCode(500).putHeader("Content-Type", Reply.TEXT).end("internal error\n");
      }
    }
  }

  private void route(HttpServerRequest request) {
    String path = request.path() == null ? "" : request.path();
    switch (path) {
      case "/validate" -> admission(request, Endpoint.VALIDATE);
      case "/mutate" -> admission(request, Endpoint.MUTATE);
      case "/healthz" -> get(request, 200, Reply.TEXT, "ok\n");
      case "/readyz" -> {
        Readiness.State state = readiness.state();
        get(request, state == Readiness.State.READY ? 200 : 503, Reply.TEXT,
            state.name().toLowerCase(java.util.Locale.ROOT) + "\n");
      }
      case "/metrics" -> {
        get(request, 200, METRICS_TYPE, isGet(request) ? metrics.scrape() : "");
      }
      default -> request.response().setStatusCode(404).putHeader("Content-Type", Reply.TEXT)
          .end("not found\n");
    }
  }

  private void admission(HttpServerRequest request, Endpoint endpoint) {
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).putHeader("Allow", "POST")
          .putHeader("Content-Type", Reply.TEXT).end("use POST with an AdmissionReview\n");
      return;
    }
    if (requireClientCertificate && !hasVerifiedClientCertificate(request)) {
      metrics.rejection(endpoint.tag(), 401);
      request.response().setStatusCode(401).putHeader("Content-Type", Reply.TEXT)
          .end("a client certificate issued by the configured client CA is required\n");
      return;
    }
    admission.handle(request, endpoint);
  }

  /** TLS already verified any presented chain against the client CA; here: was one presented. */
  private static boolean hasVerifiedClientCertificate(HttpServerRequest request) {
    try {
      return !request.connection().peerCertificates().isEmpty();
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static boolean isGet(HttpServerRequest request) {
    return request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
  }

  private static void get(HttpServerRequest request, int status, String type, String body) {
    if (!isGet(request)) {
      request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
          .putHeader("Content-Type", Reply.TEXT).end("use GET\n");
      return;
    }
    request.response().setStatusCode(status).putHeader("Content-Type", type)
        .putHeader("Cache-Control", "no-store").end(body);
  }
}
