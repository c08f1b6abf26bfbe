package io.connectgate.bench;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * What one load phase sends: {@code GET /healthz} (the no-op ceiling: any 200 will do), or
 * {@code POST /validate} with review {@code i % n} of a {@link ReviewSet} for request {@code i},
 * where only a 200 that echoes that review's uid and allows it counts as answered.
 */
final class Target {

  private final String route;
  private final ReviewSet reviews;
  private final List<Buffer> bodies;

  private Target(String route, ReviewSet reviews) {
    this.route = route;
    this.reviews = reviews;
    this.bodies = reviews == null ? List.of() : reviews.samples().stream().map(s -> Buffer.buffer(s.body())).toList();
  }

  static Target healthz() {
    return new Target("/healthz", null);
  }

  static Target validate(ReviewSet reviews) {
    return new Target("/validate", reviews);
  }

  String route() {
    return route;
  }

  /** The body of request {@code i}, null for a GET. */
  Buffer body(long i) {
    return reviews == null ? null : bodies.get((int) (i % bodies.size()));
  }

  /** Whether {@code answer} (a 200's body) is the right one for request {@code i}. */
  boolean answers(long i, Buffer answer) {
    if (reviews == null) {
      return true;
    }
    String text = answer.toString();
    return text.contains("\"uid\":\"" + reviews.get(i).uid() + "\"") && text.contains("\"allowed\":true");
  }
}
