package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout writes exactly what logback's PatternLayout writes for the same pattern. */
class LogLineLayoutTest {

  private final LoggerContext context = new LoggerContext();

  private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
    Logger l = context.getLogger(logger);
    LoggingEvent event = new LoggingEvent(Logger.FQCN, l, level, message, thrown, args);
    event.setInstant(Instant.parse("2026-11-25T23:59:59.987654Z"));
    event.setThreadName("vert.x-eventloop-thread-0");
    return event;
  }

  private static Exception failure() {
    IllegalStateException cause = new IllegalStateException("inner");
    UncheckedIOException top = new UncheckedIOException("outer", new IOException("io", cause));
    top.addSuppressed(new RuntimeException("suppressed"));
    return top;
  }

  @Test
  void everyPartAsPatternLayoutFormatsIt() {
    PatternLayout reference = new PatternLayout();
    reference.setContext(context);
    reference.setPattern(LogLineLayout.PATTERN);
    reference.start();
    LogLineLayout layout = new LogLineLayout(context);
    layout.start();
    List<LoggingEvent> events = List.of(
        event("io.connectgate.server.WebhookServer", Level.INFO, "serving {} ({})", null, "https://0.0.0.0:8443", 5),
        event("io.connectgate.admission.decisions", Level.WARN, "denied", null),
        event("io.connectgate.cli.ServeCommand", Level.DEBUG, "startup: {} ms", null, 12),
        event("io.connectgate.cli.ServeCommand", Level.ERROR, "cannot start", failure()),
        event("io.connectgate.cli.ServeCommand", Level.TRACE, "trace", null),
        event(Logger.ROOT_LOGGER_NAME, Level.INFO, "root", null),
        event("nodots", Level.INFO, "x", null),
        event("a.b", Level.INFO, "line one\nline two", null),
        event("io.netty.handler.ssl.SslHandler", Level.WARN, "{} {}", new RuntimeException("boom"), "a"));
    for (LoggingEvent e : events) {
      assertEquals(reference.doLayout(e), layout.doLayout(e),
          "expected the same text as PatternLayout with " + LogLineLayout.PATTERN + " for " + e);
    }
  }

  @Test
  void nothingBeforeItIsStarted() {
    LogLineLayout layout = new LogLineLayout(context);
    assertEquals("", layout.doLayout(event("a.b", Level.INFO, "x", null)),
        "expected an unstarted layout to write nothing, as PatternLayout does");
  }
}
