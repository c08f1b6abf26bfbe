package io.connectgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One load phase against one route, on a single client event loop (so the histogram needs no
 * locking). Open loop: requests are due at {@code start + i / rate} whatever the server does,
 * and latency counts from when a request was due, not when it was sent, so a stalled server
 * cannot hide its queue (no coordinated omission). Closed loop: a fixed number of requests in
 * flight, each answered one replaced at once, for the maximum throughput. A request counts as
 * answered only when it came back 200 over the client's protocol (no silent fall-back from
 * HTTP/2 to HTTP/1.1) with the answer its {@link Target} expects.
 */
final class LoadRun {

  /** What one phase measured. */
  record Result(String route, String mode, long sent, long ok, long failed, double seconds, Histogram micros,
      Duration serverCpu) {
    double throughput() {
      return ok / seconds;
    }

    String describe() {
      return String.format("%-9s %-22s sent=%d ok=%d failed=%d throughput=%.0f req/s p50=%.2f ms p90=%.2f ms "
              + "p99=%.2f ms p99.9=%.2f ms max=%.2f ms server-cpu=%.0f us/req", route, mode, sent, ok, failed, throughput(),
          micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
          micros.getMaxValue() / 1000.0, serverCpu.toNanos() / 1000.0 / Math.max(1, sent));
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final ServerProcess server;
  private final HttpVersion version;

  LoadRun(Vertx vertx, HttpClient client, HttpVersion version, ServerProcess server) {
    this.vertx = vertx;
    this.client = client;
    this.version = version;
    this.server = server;
  }

  /** {@code rate} requests per second for {@code duration}, then waits (bounded) for the stragglers. */
  Result openLoop(Target target, int rate, Duration duration) throws Exception {
    // At least one request: a phase shorter than a second (jit=2 makes /healthz's 0.5 s) sent
    // none and then waited for an answer that never came.
    long total = Math.max(1, rate * duration.toMillis() / 1000);
    Histogram histogram = histogram();
    Duration cpuBefore = server.cpuTime();
    long[] counts = new long[3]; // sent, ok, failed
    Promise<Double> done = Promise.promise();
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      vertx.setPeriodic(1, timer -> {
        long due = Math.min(total, (System.nanoTime() - start) / interval + 1);
        while (counts[0] < due) {
          long i = counts[0]++;
          long intended = start + i * interval;
          send(target, i).onComplete(r -> {
            if (r.succeeded() && target.answers(i, r.result())) {
              counts[1]++;
              histogram.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
            } else {
              counts[2]++;
            }
            if (counts[1] + counts[2] == total) {
              done.tryComplete((System.nanoTime() - start) / 1e9);
            }
          });
        }
        if (counts[0] == total) {
          vertx.cancelTimer(timer);
        }
      });
    });
    double seconds = await(done.future(), duration.plusSeconds(30));
    return new Result(target.route(), "open loop " + rate + "/s", counts[0], counts[1], counts[2], seconds, histogram,
        server.cpuTime().minus(cpuBefore));
  }

  /** {@code inFlight} requests outstanding at all times for {@code duration}. */
  Result closedLoop(Target target, int inFlight, Duration duration) throws Exception {
    Histogram histogram = histogram();
    Duration cpuBefore = server.cpuTime();
    long[] counts = new long[3];
    Promise<Double> done = Promise.promise();
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      int[] active = {inFlight};
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (System.nanoTime() >= end) {
          if (--active[0] == 0) {
            done.tryComplete((System.nanoTime() - start) / 1e9);
          }
          return;
        }
        long sentAt = System.nanoTime();
        long i = counts[0]++;
        send(target, i).onComplete(r -> {
          if (r.succeeded() && target.answers(i, r.result())) {
            counts[1]++;
            histogram.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1000));
          } else {
            counts[2]++;
          }
          next[0].run();
        });
      };
      for (int i = 0; i < inFlight; i++) {
        next[0].run();
      }
    });
    double seconds = await(done.future(), duration.plusSeconds(30));
    return new Result(target.route(), "closed loop " + inFlight + " in flight", counts[0], counts[1], counts[2],
        seconds, histogram, server.cpuTime().minus(cpuBefore));
  }

  private Future<Buffer> send(Target target, long i) {
    Buffer body = target.body(i);
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(server.port).setURI(target.route())
        .setMethod(body == null ? HttpMethod.GET : HttpMethod.POST).setTimeout(20_000);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options).compose(request -> body == null ? request.send() : request.send(body))
        .compose(this::status200);
  }

  private Future<Buffer> status200(HttpClientResponse response) {
    return response.body().compose(buffer -> response.statusCode() == 200 && response.version() == version
        ? Future.succeededFuture(buffer)
        : Future.failedFuture("HTTP " + response.statusCode() + " over " + response.version()));
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  }

  private static double await(Future<Double> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toSeconds(), TimeUnit.SECONDS);
  }
}
