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
 * @param idleTimeout a connection with no request in flight is closed after this, counted on the
 *     wall clock from its last answer (a byte a minute does not keep it open)
 * @param headerTimeout a new connection must complete its first request's headers within this
 *     (half a request header must not hold a connection); see {@link ConnectionGuard}
 * @param certPollInterval how often tls.crt/tls.key (and the client CA file) are checked for rotation
 * @param drainDelay after SIGTERM, how long to keep serving while readiness says 503, so
 *     endpoints stop routing to us before we stop accepting (bounded by the grace period)
 * @param lingerAfterReject how long to keep reading (and discarding) an oversized HTTP/1.1
 *     body before closing, so the client can read the 413 instead of a connection reset
 * @param clientCaFile PEM CA(s) the API server's client certificate must chain to, or null:
 *     when set, /validate and /mutate answer only callers presenting such a certificate;
 *     re-read every {@code certPollInterval}
 * @param maxConnections open connections beyond this evict idle and slow ones first (see
 *     {@link ConnectionGuard})
 * @param receivingBytes bytes of request bodies that may be being received at once (see
 *     {@link BoundedBody}); 0: an eighth of the heap, at least four maximum-size bodies
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
    Path clientCaFile,
    Duration headerTimeout,
    int maxConnections,
    long receivingBytes) {

  public static final long MAX_BODY_BYTES = 3L * 1024 * 1024;
  public static final int MAX_CONNECTIONS = 256;

  public static ServerConfig defaults(String host, int port) {
    return new ServerConfig(host, port, MAX_BODY_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(8),
        Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), null,
        Duration.ofSeconds(10), MAX_CONNECTIONS, 0);
  }

  public ServerConfig withCertPollInterval(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        value, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withDrainDelay(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, value, lingerAfterReject, clientCaFile, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withBodyTimeout(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, value, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withIdleTimeout(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, value,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withReviewTimeout(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, value, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withClientCa(Path value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, value, headerTimeout, maxConnections,
        receivingBytes);
  }

  public ServerConfig withHeaderTimeout(Duration value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, value, maxConnections,
        receivingBytes);
  }

  public ServerConfig withMaxConnections(int value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, value,
        receivingBytes);
  }

  public ServerConfig withReceivingBytes(long value) {
    return new ServerConfig(host, port, maxBodyBytes, bodyTimeout, reviewTimeout, idleTimeout,
        certPollInterval, drainDelay, lingerAfterReject, clientCaFile, headerTimeout, maxConnections, value);
  }
}
