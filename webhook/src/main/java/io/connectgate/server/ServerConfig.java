package io.connectgate.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the webhook listens and protects itself.
 *
 * @param maxBodyBytes the API server never sends more than 3 MiB; anything larger is not ours
 * @param bodyTimeout how long a client may take to send a body (a slow sender must not hold a
 *     connection forever); the API server's own timeout is at most 30 s
 * @param reviewTimeout longest a review may take before it is answered as our failure (500),
 *     so the API server gets a reason rather than a timeout; the request's own
 *     {@code ?timeout=} shortens it (see {@link ReviewDeadline})
 * @param idleTimeout idle connections are closed after this
 * @param certPollInterval how often tls.crt/tls.key (and the client CA file) are checked for rotation
 * @param drainDelay after SIGTERM, how long to keep serving while readiness says 503, so
 *     endpoints stop routing to us before we stop accepting (bounded by the grace period)
 * @param lingerAfterReject how long to keep reading (and discarding) an oversized HTTP/1.1
 *     body before closing, so the client can read the 413 instead of a connection reset
 * @param clientCaFile PEM CA(s) the API server's client certificate must chain to, or null:
 *     when set, /validate and /mutate answer only callers presenting such a certificate;
 *     re-read every {@code certPollInterval}
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    Duration bodyTimeout,
    Duration reviewTimeout,
    Duration idleTimeout,
    Duration certPollInterval,
    Duration drainDelay,
    Duration lingerAfterReject,
    Path clientCaFile) {

  public static final long MAX_BODY_BYTES = 3L * 1024 * 1024;

  public static ServerConfig defaults(String host, int port) {
    return new ServerConfig(host, port, MAX_BODY_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(8),
        Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), null);
  }

  public ServerConfig withCertPollInterval(Duration interval) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout, interval,
        drainDelay, lingerAfterReject, clientCaFile);
  }

  public ServerConfig withDrainDelay(Duration delay) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, delay, lingerAfterReject, clientCaFile);
  }

  public ServerConfig withBodyTimeout(Duration timeout) {
    return new ServerConfig(host, port, maxBodyBytes, timeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile);
  }

  public ServerConfig withIdleTimeout(Duration timeout) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, timeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile);
  }

  public ServerConfig withReviewTimeout(Duration timeout) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, timeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile);
  }

  public ServerConfig withClientCa(Path file) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, file);
  }
}
