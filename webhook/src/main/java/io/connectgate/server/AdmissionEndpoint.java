package io.connectgate.server;

import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.AdmissionRequestDecoder;
import io.connectgate.admission.AdmissionResponses;
import io.connectgate.admission.Decision;
import io.connectgate.admission.DeployOnAdmission;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Failures;
import io.connectgate.admission.JobLaunch;
import io.connectgate.admission.MalformedReviewException;
import io.connectgate.admission.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A review that outlives its {@link ReviewDeadline} is answered as our failure (500) before
 * the API server gives up; its worker's late answer is dropped.
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
  private final DeployOnAdmission deployments;

  AdmissionEndpoint(Vertx vertx, ServerConfig config, JsonMapper mapper, AdmissionHandler handler,
      WebhookMetrics metrics) {
    this(vertx, config, mapper, handler, metrics, DeployOnAdmission.disabled());
  }

  AdmissionEndpoint(Vertx vertx, ServerConfig config, JsonMapper mapper, AdmissionHandler handler,
      WebhookMetrics metrics, DeployOnAdmission deployments) {
    this.vertx = vertx;
    this.config = config;
    this.bodies = new BoundedBody(vertx, config.maxBodyBytes(), config.bodyTimeout());
    this.decoder = new AdmissionRequestDecoder(mapper);
    this.handler = handler;
    this.responses = new AdmissionResponses(mapper);
    this.mapper = mapper;
    this.metrics = metrics;
    this.decisionLog = new DecisionLog();
    this.deployments = deployments;
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
      long deadline = ReviewDeadline.of(request.getParam("timeout"), config.reviewTimeout()).toMillis();
      Exchange exchange = new Exchange(endpoint, started, started + deadline * 1_000_000L);
      long timer = vertx.setTimer(Math.max(1, deadline), id -> send(request, timedOut(exchange, deadline)));
      vertx.executeBlocking(() -> review(body, exchange), false)
          .onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
              send(request, done.result());
            } else {
              // Unreachable by design (review() catches); still, never leave a request hanging.
              LOG.error("review failed outside the catch-all: {}", Failures.describe(done.cause()));
              send(request, Reply.text(500, "internal error"));
            }
          });
    });
  }

  /**
   * One review in flight. The worker and the deadline timer race to answer; {@code answered}
   * makes sure exactly one of them counts and logs the decision.
   */
  private static final class Exchange {
    final Endpoint endpoint;
    final long started;
    final long deadline;
    final AtomicBoolean answered = new AtomicBoolean();
    volatile AdmissionRequest request;

    Exchange(Endpoint endpoint, long started, long deadline) {
      this.endpoint = endpoint;
      this.started = started;
      this.deadline = deadline;
    }
  }

  private Reply timedOut(Exchange exchange, long deadlineMs) {
    if (!exchange.answered.compareAndSet(false, true)) {
      return Reply.text(500, "internal error"); // never sent: the response has ended already
    }
    AdmissionRequest request = exchange.request;
    String reference = UUID.randomUUID().toString().substring(0, 8);
    if (request == null) {
      LOG.error("decoding a review took over {} ms (reference {})", deadlineMs, reference);
      metrics.rejection(exchange.endpoint.tag(), 500);
      return Reply.text(500, "review not decoded in time (reference " + reference + ")");
    }
    LOG.error("review of uid={} object={} exceeded {} ms; answered as an internal error (reference {})",
        request.uid(), request.objectRef(), deadlineMs, reference);
    return answer(request, new Outcome(new Decision.Failed(reference), false, List.of()), exchange);
  }

  private Reply review(Buffer body, Exchange exchange) {
    Endpoint endpoint = exchange.endpoint;
    AdmissionRequest request;
    try {
      request = decoder.decode(body.getBytes());
    } catch (MalformedReviewException e) {
      metrics.rejection(endpoint.tag(), 400);
      LOG.info("rejected route={} status=400 reason=\"{}\"", endpoint.tag(), e.getMessage());
      return Reply.text(400, e.getMessage());
    }
    exchange.request = request;
    Outcome outcome = handler.handle(request, endpoint);
    outcome = deploy(request, outcome, exchange);
    if (!exchange.answered.compareAndSet(false, true)) {
      LOG.warn("review of uid={} finished after its deadline; its answer was a 500", request.uid());
      return Reply.text(500, "internal error"); // never sent: the response has ended already
    }
    return answer(request, outcome, exchange);
  }

  /**
   * Deploy-on-admission after the decision. This runs on the review's worker thread (never the
   * event loop); the Job creations get what is left of the deadline, minus a margin to encode
   * and send the answer, so a slow API server yields an admitted ConfigMap with a warning, not
   * a timed-out review.
   */
  private Outcome deploy(AdmissionRequest request, Outcome outcome, Exchange exchange) {
    if (exchange.answered.get()) {
      return outcome; // answered as a failure already: the ConfigMap is not admitted
    }
    Duration budget = Duration.ofNanos(exchange.deadline - System.nanoTime()).minus(ANSWER_MARGIN);
    DeployOnAdmission.Result result;
    try {
      result = deployments.apply(request, exchange.endpoint, outcome, budget);
    } catch (RuntimeException e) {
      // A bug in the side effect must not turn into a denial of a ConfigMap the engine allowed.
      LOG.error("deploy-on-admission failed for uid={} object={}: {}", request.uid(), request.objectRef(),
          Failures.describe(e));
      metrics.deployJob(JobLaunch.Result.FAILED.label());
      return outcome;
    }
    for (JobLaunch launch : result.launches()) {
      metrics.deployJob(launch.result().label());
      LOG.info("deploy uid={} object={} dataKey={} job={} outcome={}{}", request.uid(), request.objectRef(),
          launch.dataKey(), launch.jobName(), launch.result().label(),
          launch.detail().isEmpty() ? "" : " detail=\"" + launch.detail() + "\"");
    }
    return result.outcome();
  }

  /** Time kept back from the deadline to encode and send the answer after the Jobs. */
  static final Duration ANSWER_MARGIN = Duration.ofMillis(250);

  /** Encodes, counts and logs one decision. */
  private Reply answer(AdmissionRequest request, Outcome outcome, Exchange exchange) {
    Endpoint endpoint = exchange.endpoint;
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(responses.complete(request.apiVersion(), request.uid(), outcome.decision()));
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("cannot encode the response for uid={} (reference {}): {}", request.uid(), reference,
          Failures.describe(e));
      outcome = new Outcome(new Decision.Failed(reference), outcome.inspected(), List.of());
      json = mapper.writeValueAsBytes(responses.complete(request.apiVersion(), request.uid(), outcome.decision()));
    }
    long nanos = System.nanoTime() - exchange.started;
    metrics.decision(endpoint, label(outcome.decision()), nanos);
    metrics.findings(endpoint, outcome.findings());
    decisionLog.decided(endpoint, request, outcome, nanos / 1000);
    return Reply.json(json);
  }

  private static String label(Decision decision) {
    if (decision instanceof Decision.Allowed) {
      return "allowed";
    }
    if (decision instanceof Decision.Denied denied) {
      return denied.code() >= 500 ? "error" : "denied";
    }
    return "error";
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
