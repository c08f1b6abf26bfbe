package io.connectgate.server;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.AdmissionRequestDecoder;
import io.connectgate.admission.AdmissionResponses;
import io.connectgate.admission.Decision;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.MalformedReviewException;
import io.connectgate.admission.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /validate and /mutate: content type, bounded body, decode, review, answer.
 *
 * <p>The review runs on a worker thread, not the event loop: it is usually microseconds, but
 * a ConfigMap can hold up to 1 MiB of connector JSON with user-supplied regular expressions,
 * and one pathological document must not stall health checks and every other review. The
 * body is read on the event loop with a hard cap, so a worker never sees more than 3 MiB.
 */
final class AdmissionEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionEndpoint.class);

  private final Vertx vertx;
  private final ServerConfig config;
  private final BoundedBody bodies;
  private final AdmissionRequestDecoder decoder;
  private final AdmissionHandler handler;
  private final AdmissionResponses responses;
  private final JsonMapper mapper;
  private final WebhookMetrics metrics;
  private final DecisionLog decisionLog;

  AdmissionEndpoint(Vertx vertx, ServerConfig config, JsonMapper mapper, AdmissionHandler handler,
      WebhookMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.bodies = new BoundedBody(vertx, config.maxBodyBytes(), config.bodyTimeout());
    this.decoder = new AdmissionRequestDecoder(mapper);
    this.handler = handler;
    this.responses = new AdmissionResponses(mapper);
    this.mapper = mapper;
    this.metrics = metrics;
    this.decisionLog = new DecisionLog();
  }

  void handle(HttpServerRequest request, Endpoint endpoint) {
    if (!isJson(request.getHeader("Content-Type"))) {
      request.pause(); // nothing of this body is wanted
      reject(request, endpoint.tag(), 415, "Content-Type must be application/json");
      return;
    }
    bodies.read(request).onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof BodyRejectedException rejected) {
          reject(request, endpoint.tag(), rejected.status(), rejected.getMessage());
        } else {
          LOG.debug("request body failed: {}", read.cause().toString());
        }
        return;
      }
      long started = System.nanoTime();
      Buffer body = read.result();
      vertx.executeBlocking(() -> review(body, endpoint, started), false)
          .onComplete(done -> {
            if (done.succeeded()) {
              send(request, done.result());
            } else {
              // Unreachable by design (review() catches); still, never leave a request hanging.
              LOG.error("review failed outside the catch-all", done.cause());
              send(request, Reply.text(500, "internal error"));
            }
          });
    });
  }

  private Reply review(Buffer body, Endpoint endpoint, long started) {
    AdmissionRequest request;
    try {
      request = decoder.decode(body.getBytes());
    } catch (MalformedReviewException e) {
      metrics.rejection(endpoint.tag(), 400);
      LOG.info("rejected route={} status=400 reason=\"{}\"", endpoint.tag(), e.getMessage());
      return Reply.text(400, e.getMessage());
    }
    Outcome outcome = handler.handle(request, endpoint);
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(responses.complete(request.apiVersion(), request.uid(), outcome.decision()));
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("cannot encode the response for uid={} (reference {})", request.uid(), reference, e);
      outcome = new Outcome(new Decision.Failed(reference), outcome.inspected(), List.of());
      json = mapper.writeValueAsBytes(responses.complete(request.apiVersion(), request.uid(), outcome.decision()));
    }
    long nanos = System.nanoTime() - started;
    metrics.decision(endpoint, label(outcome.decision()), nanos);
    metrics.findings(endpoint, outcome.findings());
    decisionLog.decided(endpoint, request, outcome, nanos / 1000);
    return Reply.json(json);
  }

  private static String label(Decision decision) {
    if (decision instanceof Decision.Allowed) {
      return "allowed";
    }
    return decision instanceof Decision.Denied ? "denied" : "error";
  }

  /** application/json, with or without parameters such as charset. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon));
    return media.trim().toLowerCase(Locale.ROOT).equals("application/json");
  }

  private void reject(HttpServerRequest request, String route, int status, String message) {
    metrics.rejection(route, status);
    LOG.info("rejected route={} status={} reason=\"{}\"", route, status, message);
    boolean abandonBody = status == 413 || status == 408 || status == 415;
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    if (abandonBody && http1) {
      // The rest of the body is not read, so this connection cannot carry another request.
      request.response().putHeader("Connection", "close");
    }
    send(request, Reply.text(status, message)).onComplete(sent -> {
      if (!abandonBody) {
        return;
      }
      // Whatever still arrives is discarded, never buffered.
      if (!request.isEnded()) {
        request.handler(chunk -> {});
        request.resume();
      }
      if (http1) {
        // Close after a short linger spent discarding input: closing with unread data in the
        // socket makes TCP send a reset, and the client could lose the 413 it has not read.
        vertx.setTimer(Math.max(1, config.lingerAfterReject().toMillis()),
            id -> request.connection().close());
      } else if (!request.isEnded()) {
        // HTTP/2: a complete response may precede the request's end; stop the upload (NO_ERROR).
        request.response().reset(0);
      }
    });
  }

  private static io.vertx.core.Future<Void> send(HttpServerRequest request, Reply reply) {
    var response = request.response();
    if (response.ended() || response.closed()) {
      return io.vertx.core.Future.succeededFuture();
    }
    return response.setStatusCode(reply.status())
        .putHeader("Content-Type", reply.contentType())
        .putHeader("Cache-Control", "no-store")
        .end(reply.body());
  }
}
