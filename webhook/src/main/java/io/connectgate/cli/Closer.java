package io.connectgate.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} has started, closed in reverse order: on a failed start everything started
 * so far, on shutdown everything. A failure to close one is logged and does not stop the rest.
 */
final class Closer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private final Deque<Named> started = new ArrayDeque<>();

  private record Named(String what, AutoCloseable resource) {}

  <T extends AutoCloseable> T add(String what, T resource) {
    synchronized (started) {
      started.push(new Named(what, resource));
    }
    return resource;
  }

  @Override
  public void close() {
    while (true) {
      Named next;
      synchronized (started) {
        next = started.poll();
      }
      if (next == null) return;
      try {
        next.resource().close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", next.what(), e.toString());
      }
    }
  }
}
