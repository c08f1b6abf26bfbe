package io.connectgate.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.connectgate.admission.ReviewBudget;
import java.time.Duration;

/**
 * Reads a request body of at most {@code maxBytes} within {@code timeout}. A body announced
 * as too large is refused before reading a byte; a chunked (or HTTP/2) body is refused as
 * soon as it crosses the limit, and what follows is discarded, never buffered.
 *
 * <p>The bytes of all bodies being received together are bounded by {@code receiving} (its
 * Content-Length reserved up front, or chunk by chunk without one): beyond it a body is
 * refused with 503 before it is buffered, so hundreds of connections uploading 3 MiB each
 * cannot fill the heap. (Such a body is not decoded yet, so it gets a plain 503, not a review.)
 */
final class BoundedBody {

  private final Vertx vertx;
  private final SweptTimers timers;
  private final long maxBytes;
  private final Duration timeout;
  private final ReviewBudget receiving;

  BoundedBody(Vertx vertx, SweptTimers timers, long maxBytes, Duration timeout, ReviewBudget receiving) {
    this.vertx = vertx;
    this.timers = timers;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.receiving = receiving;
  }

  /** Fails with {@link BodyRejectedException} for 400 (bad Content-Length), 408 or 413. */
  Future<Buffer> read(HttpServerRequest request) {
    String declared = request.getHeader("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(new BodyRejectedException(400, "invalid Content-Length"));
      }
      if (length > maxBytes) {
        return Future.failedFuture(tooLarge());
      }
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      // curl asks before sending bodies over 1 MiB; answering saves it a one-second wait.
      request.response().writeContinue();
    }
    ReviewBudget.Reservation reservation = receiving.tryReserve(Math.max(0, length));
    if (reservation == null) {
      return Future.failedFuture(busy());
    }
    boolean announced = length >= 0;
    Promise<Buffer> promise = Promise.promise();
    promise.future().onComplete(done -> reservation.close());
    Buffer body = Buffer.buffer((int) Math.min(length < 0 ? 16 * 1024 : length, maxBytes));
    SweptTimers.Timer timer = timers.add(vertx.getOrCreateContext(), timeout, () -> promise.tryFail(
        new BodyRejectedException(408, "request body not received within " + timeout.toSeconds() + "s")));
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return; // refused already: discard the rest
      }
      if ((long) body.length() + chunk.length() > maxBytes) {
        timers.remove(timer);
        promise.tryFail(tooLarge());
        return;
      }
      if (!announced && !reservation.grow(chunk.length())) {
        timers.remove(timer);
        promise.tryFail(busy());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> {
      timers.remove(timer);
      promise.tryFail(e);
    });
    request.endHandler(v -> {
      timers.remove(timer);
      promise.tryComplete(body);
    });
    return promise.future();
  }

  private static BodyRejectedException busy() {
    return new BodyRejectedException(503, "connectgate is receiving too many bytes at once; retry");
  }

  private BodyRejectedException tooLarge() {
    return new BodyRejectedException(413, "request body larger than " + maxBytes + " bytes");
  }
}
