package io.connectgate.cli;

import io.connectgate.server.ServerConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s HTTP limits (a picocli mixin, so each also reads {@code CONNECTGATE_<OPTION>}):
 * how long a client may take over a request's headers and body, how long an idle connection
 * stays open, how long a review may take, and how many connections may be open
 * (docs/hardening.md "HTTP"). The defaults are {@link ServerConfig#defaults}'s.
 */
public final class HttpLimitsOptions {

  /** Fewer connections than this could not even serve the API server's own pool. */
  static final int MIN_CONNECTIONS = 8;

  @Option(names = "--header-timeout", defaultValue = "10s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "A new connection must send its first request's headers"
          + " within this, or it is closed (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--body-timeout", defaultValue = "10s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Longest a client may take to send a request body"
          + " (default: ${DEFAULT-VALUE}).")
  Duration bodyTimeout;

  @Option(names = "--idle-timeout", defaultValue = "90s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "A connection with no request in flight is closed after this"
          + " (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--review-timeout", defaultValue = "8s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Longest a review may take before it is answered as denied"
          + " with code 500 naming the deadline; a request's own ?timeout= shortens it"
          + " (default: ${DEFAULT-VALUE}).")
  Duration reviewTimeout;

  @Option(names = "--max-connections", defaultValue = "" + ServerConfig.MAX_CONNECTIONS, paramLabel = "N",
      description = "Open connections beyond this evict idle and slow-header ones first"
          + " (at least " + MIN_CONNECTIONS + "; default: ${DEFAULT-VALUE}).")
  int maxConnections;

  /** The problem with the settings, or null. */
  String problem() {
    if (maxConnections < MIN_CONNECTIONS) {
      return "--max-connections must be at least " + MIN_CONNECTIONS + ", was " + maxConnections;
    }
    return null;
  }

  ServerConfig applyTo(ServerConfig config) {
    return config.withHeaderTimeout(headerTimeout).withBodyTimeout(bodyTimeout)
        .withIdleTimeout(idleTimeout).withReviewTimeout(reviewTimeout)
        .withMaxConnections(maxConnections);
  }
}
