package io.connectgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load over two server instances, as the API server calls a webhook Service with
 * two endpoints: requests due at {@code start + i / rate}, alternating between the instances;
 * a request that fails at the connection (refused, reset, closed before the answer) is sent
 * once more, to the other instance, which is all the retrying the model allows. An HTTP
 * error or a timeout is not retried. Latency counts from when the request was due (no
 * coordinated omission), to the final answer.
 */
final class FaultClient {

  /** An HTTP answer that is not 200: not a connection failure, so not retried. */
  private static final class HttpStatus extends RuntimeException {
    HttpStatus(int status) {
      super("HTTP " + status, null, false, false);
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final int[] ports;
  private volatile FaultWindow window;
  /** Index of the instance under SIGTERM, -1 before; with the time of the signal. */
  private volatile int terminating = -1;
  private volatile long terminatedAt;
  private long timer = -1;
  private long outstanding;

  FaultClient(Vertx vertx, HttpClient client, int... ports) {
    this.vertx = vertx;
    this.client = client;
    this.ports = ports;
  }

  /** Starts sending at {@code rate}/s into {@code first}; further windows through {@link #enter}. */
  void start(int rate, FaultWindow first) {
    window = first;
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long[] sent = {0};
      timer = vertx.setPeriodic(1, id -> {
        long due = (System.nanoTime() - start) / interval + 1;
        while (sent[0] < due) {
          long intended = start + sent[0] * interval;
          int target = (int) (sent[0]++ % ports.length);
          send(window, target, intended);
        }
      });
    });
  }

  void enter(FaultWindow next) {
    window = next;
  }

  /** From now on, requests first sent to instance {@code index} count towards its drain. */
  void terminating(int index) {
    terminatedAt = System.nanoTime();
    terminating = index;
  }

  /** Stops sending and waits (at most {@code seconds}) for the answers still due. */
  void stop(int seconds) throws Exception {
    Promise<Void> drained = Promise.promise();
    vertx.runOnContext(v -> {
      vertx.cancelTimer(timer);
      vertx.setPeriodic(10, id -> {
        if (outstanding == 0) {
          vertx.cancelTimer(id);
          drained.tryComplete();
        }
      });
    });
    try {
      drained.future().toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.out.printf("%d request(s) still without an outcome after %d s%n", outstanding, seconds);
    }
  }

  private void send(FaultWindow w, int target, long intended) {
    w.sent++;
    outstanding++;
    boolean inDrain = target == terminating && intended >= terminatedAt;
    Buffer body = w.bodies.get();
    post(body, ports[target]).recover(failure -> {
      if (failure instanceof HttpStatus || failure instanceof java.util.concurrent.TimeoutException
          || failure.getClass().getSimpleName().contains("Timeout")) {
        return Future.failedFuture(failure);
      }
      w.retried++;
      return post(body, ports[(target + 1) % ports.length]);
    }).onComplete(r -> {
      outstanding--;
      String answer = r.succeeded() ? r.result().toString() : "";
      if (answer.contains("\"kind\":\"AdmissionReview\"") && answer.contains("\"allowed\":true")) {
        w.answered++;
        if (answer.contains("\"warnings\"")) {
          w.withWarning++;
        }
        w.micros.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
      } else {
        if (inDrain) {
          w.failedInDrain++;
        } else {
          w.failed++;
        }
        w.lastFailure = r.succeeded() ? "not an allowed AdmissionReview" : String.valueOf(r.cause());
      }
    });
  }

  private Future<Buffer> post(Buffer body, int port) {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/validate")
        .setMethod(HttpMethod.POST).setTimeout(10_000).putHeader("Content-Type", "application/json");
    return client.request(options).compose(request -> request.send(body))
        .compose(response -> response.body().compose(buffer -> response.statusCode() == 200
            ? Future.succeededFuture(buffer) : Future.failedFuture(new HttpStatus(response.statusCode()))));
  }
}
