package io.connectgate.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a review may run. The API server appends its webhook timeout ({@code ?timeout=5s})
 * and gives up after it; answering a little earlier turns a hung review into our own,
 * logged 500 instead of an anonymous timeout.
 */
final class ReviewDeadline {

  private static final Pattern SECONDS = Pattern.compile("(\\d{1,3})s");

  private ReviewDeadline() {}

  static Duration of(String timeoutParam, Duration configured) {
    if (timeoutParam == null) {
      return configured;
    }
    Matcher m = SECONDS.matcher(timeoutParam.trim());
    if (!m.matches()) {
      return configured;
    }
    Duration apiServer = Duration.ofSeconds(Long.parseLong(m.group(1)));
    if (apiServer.isZero()) {
      return configured;
    }
    // One second of margin for the answer to travel back, but never less than half.
    Duration margin = Duration.ofSeconds(1).compareTo(apiServer.dividedBy(2)) < 0
        ? Duration.ofSeconds(1) : apiServer.dividedBy(2);
    Duration ours = apiServer.minus(margin);
    return ours.compareTo(configured) < 0 ? ours : configured;
  }
}
