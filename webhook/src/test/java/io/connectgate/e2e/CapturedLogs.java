package io.connectgate.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything connectgate logs (logger {@code io.connectgate}, INFO and up) while attached,
 * formatted: to read the decision log and to prove no secret reached it. Vert.x threads log
 * concurrently, hence the concurrent list.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private CapturedLogs(Logger logger) {
    this.logger = logger;
  }

  static CapturedLogs attach() {
    Logger logger = (Logger) LoggerFactory.getLogger("io.connectgate");
    CapturedLogs logs = new CapturedLogs(logger);
    logs.setContext(logger.getLoggerContext());
    logs.start();
    logger.addAppender(logs);
    return logs;
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
