package io.connectgate.server;

import io.connectgate.admission.Admission;
import io.connectgate.admission.Answer;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Failures;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.connector.Deadline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /validate and /mutate, the HTTP side only: content type, bounded body, the budget of
 * bytes under review, the deadline, and writing back the {@link Answer} of the
 * {@link Admission} use case, which it calls once per request on a worker thread (a review is
 * usually microseconds, but one pathological document must not stall the event loop).
 *
 * <p>Exactly one answer is written per request, always from the event loop: the worker's, or,
 * when the worker has not returned {@link #BACKSTOP} after the deadline (give or take one
 * {@link SweptTimers#SWEEP}), the deadline denial built from the review's envelope. Both are AdmissionReviews; the decision log and the
 * metrics record the answer that was sent, nothing else.
 */
final class AdmissionEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionEndpoint.class);

  /** How long after its deadline a review that did not stop is answered without it. */
  static final Duration BACKSTOP = Duration.ofMillis(250);

  private final Vertx vertx;
  private final ServerConfig config;
  private final BoundedBody bodies;
  private final Admission admission;
  private final WebhookMetrics metrics;
  private final DecisionLog decisionLog = new DecisionLog();
  private final SweptTimers timers;

  AdmissionEndpoint(Vertx vertx, ServerConfig config, Admission admission, WebhookMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.timers = new SweptTimers(vertx);
    this.bodies = new BoundedBody(vertx, timers, config.maxBodyBytes(), config.bodyTimeout(),
        config.receivingBytes() > 0
            ? new ReviewBudget(config.receivingBytes(), config.receivingBytes() / 4)
            : ReviewBudget.forReceiving(Runtime.getRuntime().maxMemory(), config.maxBodyBytes()));
    this.admission = admission;
    this.metrics = metrics;
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
      review(request, endpoint, read.result().getBytes());
    });
  }

  /** One request's answer: whichever of the worker and the backstop comes first (both on the event loop). */
  private final class Exchange {
    final HttpServerRequest request;
    final Endpoint endpoint;
    final long started = System.nanoTime();
    boolean answered;

    Exchange(HttpServerRequest request, Endpoint endpoint) {
      this.request = request;
      this.endpoint = endpoint;
    }

    void answer(Answer answer) {
      if (answered) {
        return;
      }
      answered = true;
      record(endpoint, answer, System.nanoTime() - started);
      send(request, answer.status(), answer.contentType(), Buffer.buffer(answer.body()));
    }
  }

  private void review(HttpServerRequest request, Endpoint endpoint, byte[] body) {
    Exchange exchange = new Exchange(request, endpoint);
    ReviewBudget.Reservation reservation = admission.budget().tryReserveReview(body.length);
    if (reservation == null) {
      // Not reviewed: answered from the envelope alone, so a flood of large reviews cannot grow
      // the heap. The scan reads up to 3 MiB, so it runs off the event loop too.
      vertx.executeBlocking(() -> admission.overBudget(body), false)
          .onComplete(done -> exchange.answer(done.succeeded() ? done.result() : admission.overBudget(body)));
      return;
    }
    Duration allowed = ReviewDeadline.of(request.getParam("timeout"), config.reviewTimeout());
    Deadline deadline = Deadline.after(allowed);
    SweptTimers.Timer backstop = timers.add(vertx.getOrCreateContext(), allowed.plus(BACKSTOP), () -> {
      deadline.cancel();
      LOG.error("a review on {} did not stop within {} ms of its deadline; answered without it",
          endpoint.tag(), BACKSTOP.toMillis());
      // On the event loop: the worker pool may be what is stuck. The envelope scan builds no tree.
      exchange.answer(admission.overdue(body, deadline));
    });
    vertx.executeBlocking(() -> {
      try {
        return admission.review(body, endpoint, deadline);
      } finally {
        reservation.close();
      }
    }, false).onComplete(done -> {
      timers.remove(backstop);
      if (done.succeeded()) {
        exchange.answer(done.result());
      } else {
        // Unreachable by design (review() never throws); still, never leave a request hanging.
        LOG.error("review failed outside the catch-all: {}", Failures.describe(done.cause()));
        exchange.answer(admission.overdue(body, deadline));
      }
    });
  }

  private void record(Endpoint endpoint, Answer answer, long nanos) {
    if (!answer.decided()) {
      metrics.rejection(endpoint.tag(), answer.status());
      LOG.info("rejected route={} status={} reason=\"{}\"", endpoint.tag(), answer.status(),
          io.connectgate.admission.LogText.safe(answer.reason()));
      return;
    }
    metrics.decision(endpoint, answer.label(), nanos);
    metrics.findings(endpoint, answer.outcome().findings());
    decisionLog.decided(endpoint, answer.request(), answer.outcome(), nanos / 1000);
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
    boolean abandonBody = status == 413 || status == 408 || status == 415 || status == 503;
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    if (abandonBody && http1) {
      // The rest of the body is not read, so this connection cannot carry another request.
      request.response().putHeader("Connection", "close");
    }
    Reply reply = Reply.text(status, message);
    send(request, reply.status(), reply.contentType(), reply.body()).onComplete(sent -> {
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

  private static Future<Void> send(HttpServerRequest request, int status, String contentType, Buffer body) {
    var response = request.response();
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    return response.setStatusCode(status)
        .putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }
}
