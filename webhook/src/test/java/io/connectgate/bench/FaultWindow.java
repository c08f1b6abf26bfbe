package io.connectgate.bench;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * What the load saw during one fault's time window: requests are counted in the window they
 * were due in, whenever their answer comes. Only the client's event loop writes the counts.
 */
final class FaultWindow {

  final String name;
  /** The review to send next (called on the client's event loop only). */
  final Supplier<Buffer> bodies;
  final Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  long sent;
  long answered;
  long withWarning;
  long retried;
  /** Not answered although the instance it went to first was not being terminated. */
  long failed;
  /** Not answered, first sent to the instance being terminated after its SIGTERM (its drain). */
  long failedInDrain;
  String lastFailure = "";

  FaultWindow(String name, Buffer body) {
    this(name, () -> body);
  }

  FaultWindow(String name, Supplier<Buffer> bodies) {
    this.name = name;
    this.bodies = bodies;
  }

  long unanswered() {
    return failed + failedInDrain;
  }

  String row() {
    return String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %.2f ms | %.2f ms |", name, sent, answered,
        withWarning, retried, failed, failedInDrain, sent - answered - unanswered(),
        micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0);
  }

  static String header() {
    return "| window | sent | answered (200, allowed) | with warning | retried on the other instance "
        + "| failed | failed in drain | no outcome | p50 | p99 |\n|---|---|---|---|---|---|---|---|---|---|";
  }
}
