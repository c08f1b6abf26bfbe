package io.connectgate.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections from being held by clients that send nothing useful.
 *
 * <ul>
 *   <li><b>Header timeout.</b> A new connection must deliver its first request's headers within
 *       {@code headerTimeout} of being established (after TLS), or it is closed: half a request
 *       header cannot hold it. Vert.x's own idle timeout is reset by every byte, so a byte every
 *       few seconds would defeat it; these timers count wall-clock time.
 *   <li><b>Idle timeout.</b> Between requests (no request in flight), a connection is closed
 *       {@code idleTimeout} after its last answer, bytes or not.
 *   <li><b>A cap</b> of {@code maxConnections}. A connection beyond it evicts another, in this
 *       order: one that never completed a request's headers (oldest first), then an idle one
 *       that has been served (least recently active first), then one whose every request is
 *       still uploading its body (oldest first). A connection with a review being decided is
 *       never evicted. Only when nothing can be evicted is the new connection closed. The API
 *       server's connections carry completed requests, so an attacker's half-open connections
 *       always go before them; its new connection sends its headers at once, so it leaves the
 *       first tier within milliseconds.
 * </ul>
 *
 * <p>Thread-safe (the server may run connections on several event loops).
 */
final class ConnectionGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final int maxConnections;
  private final Duration headerTimeout;
  private final Duration idleTimeout;
  private final WebhookMetrics metrics;
  // Insertion order = connection order, for "oldest first".
  private final Map<HttpConnection, Tracked> open = new LinkedHashMap<>();

  private static final class Tracked {
    final HttpConnection connection;
    final Set<HttpServerRequest> inFlight = new HashSet<>(2);
    boolean served;
    long lastActive = System.nanoTime();
    long timer = -1;

    Tracked(HttpConnection connection) {
      this.connection = connection;
    }
  }

  ConnectionGuard(Vertx vertx, ServerConfig config, WebhookMetrics metrics) {
    this.vertx = vertx;
    this.maxConnections = config.maxConnections();
    this.headerTimeout = config.headerTimeout();
    this.idleTimeout = config.idleTimeout();
    this.metrics = metrics;
  }

  /** A connection is established (TLS done). */
  void connected(HttpConnection connection) {
    Tracked tracked = new Tracked(connection);
    HttpConnection victim = null;
    boolean refuse = false;
    synchronized (this) {
      if (open.size() >= maxConnections) {
        Tracked evicted = victim();
        if (evicted == null) {
          refuse = true;
        } else {
          forget(evicted);
          victim = evicted.connection;
        }
      }
      if (!refuse) {
        open.put(connection, tracked);
        arm(tracked, headerTimeout, "header");
      }
    }
    connection.closeHandler(v -> {
      synchronized (this) {
        Tracked gone = open.get(connection);
        if (gone != null) {
          forget(gone);
        }
      }
    });
    if (victim != null) {
      metrics.connectionClosed("evicted");
      LOG.debug("connection cap {} reached: evicted {}", maxConnections, victim.remoteAddress());
      victim.close();
    }
    if (refuse) {
      metrics.connectionClosed("refused");
      LOG.warn("connection cap {} reached and every connection has a review in flight: closing {}",
          maxConnections, connection.remoteAddress());
      connection.close();
    }
  }

  /** A request's headers have arrived: its connection is no longer idle until the answer ends. */
  void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    synchronized (this) {
      Tracked tracked = open.get(connection);
      if (tracked == null) {
        return;
      }
      disarm(tracked);
      tracked.served = true;
      tracked.lastActive = System.nanoTime();
      tracked.inFlight.add(request);
    }
    request.response().endHandler(v -> finished(connection, request));
    request.response().closeHandler(v -> finished(connection, request));
  }

  private void finished(HttpConnection connection, HttpServerRequest request) {
    synchronized (this) {
      Tracked tracked = open.get(connection);
      if (tracked == null || !tracked.inFlight.remove(request)) {
        return;
      }
      tracked.lastActive = System.nanoTime();
      if (tracked.inFlight.isEmpty()) {
        arm(tracked, idleTimeout, "idle");
      }
    }
  }

  synchronized int open() {
    return open.size();
  }

  /** Caller holds the lock. */
  private Tracked victim() {
    List<Tracked> all = new ArrayList<>(open.values());
    for (Tracked t : all) {
      if (!t.served && t.inFlight.isEmpty()) {
        return t;
      }
    }
    Tracked idle = null;
    for (Tracked t : all) {
      if (t.inFlight.isEmpty() && (idle == null || t.lastActive < idle.lastActive)) {
        idle = t;
      }
    }
    if (idle != null) {
      return idle;
    }
    for (Tracked t : all) {
      if (t.inFlight.stream().noneMatch(HttpServerRequest::isEnded)) {
        return t;
      }
    }
    return null;
  }

  /** Caller holds the lock. */
  private void arm(Tracked tracked, Duration after, String reason) {
    disarm(tracked);
    tracked.timer = vertx.setTimer(Math.max(1, after.toMillis()), id -> expire(tracked, reason));
  }

  private void disarm(Tracked tracked) {
    if (tracked.timer >= 0) {
      vertx.cancelTimer(tracked.timer);
      tracked.timer = -1;
    }
  }

  private void forget(Tracked tracked) {
    disarm(tracked);
    open.remove(tracked.connection);
  }

  private void expire(Tracked tracked, String reason) {
    synchronized (this) {
      if (open.get(tracked.connection) != tracked || !tracked.inFlight.isEmpty()) {
        return;
      }
      forget(tracked);
    }
    metrics.connectionClosed(reason + "-timeout");
    LOG.debug("closing connection {}: {} timeout", tracked.connection.remoteAddress(), reason);
    tracked.connection.close();
  }
}
