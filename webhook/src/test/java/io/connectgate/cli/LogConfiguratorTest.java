package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.NopStatusListener;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The programmatic logback configuration says what the former logback.xml said. */
class LogConfiguratorTest {

  private final List<LoggerContext> contexts = new ArrayList<>();

  /** Stops each context's appender: its writer thread and exit hook. */
  @AfterEach
  void stopContexts() {
    contexts.forEach(LoggerContext::stop);
  }

  private LoggerContext configured(String level) {
    LoggerContext context = new LoggerContext();
    contexts.add(context);
    if (level != null) {
      // Context properties are looked up before system properties and the environment.
      context.putProperty("CONNECTGATE_LOG_LEVEL", level);
    }
    LogConfigurator configurator = new LogConfigurator(loader -> false);
    configurator.setContext(context);
    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context),
        "expected the configurator to finish the configuration itself");
    return context;
  }

  private static List<Appender<ILoggingEvent>> appenders(Logger logger) {
    List<Appender<ILoggingEvent>> out = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void oneStartedStderrAppenderWithTheLinePatternOnTheRoot() {
    LoggerContext context = configured("INFO");
    List<Appender<ILoggingEvent>> appenders = appenders(context.getLogger(Logger.ROOT_LOGGER_NAME));
    assertEquals(1, appenders.size(), "expected exactly one appender on the root logger, got " + appenders);
    QueuedStderrAppender console = assertInstanceOf(QueuedStderrAppender.class, appenders.get(0),
        "expected the queued stderr appender (stdout carries reports)");
    assertTrue(console.isStarted(), "expected the appender started");
    LayoutWrappingEncoder<?> encoder = assertInstanceOf(LayoutWrappingEncoder.class, console.getEncoder(),
        "expected a layout encoder");
    assertInstanceOf(LogLineLayout.class, encoder.getLayout(), "expected the log line layout");
    assertTrue(encoder.getLayout().isStarted(), "expected the layout started");
  }

  @Test
  void aLineLooksAsBefore() {
    LoggerContext context = configured("INFO");
    QueuedStderrAppender console = (QueuedStderrAppender) appenders(context.getLogger(Logger.ROOT_LOGGER_NAME)).get(0);
    Logger logger = context.getLogger("io.connectgate.server.WebhookServer");
    LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "serving {}", null,
        new Object[] {"https://0.0.0.0:8443"});
    event.setInstant(Instant.parse("2026-11-25T17:26:31.037Z"));
    event.setThreadName("vert.x-eventloop-thread-0");
    String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertEquals("2026-11-25T17:26:31.037Z INFO  [vert.x-eventloop-thread-0] i.c.s.WebhookServer - serving"
        + " https://0.0.0.0:8443" + System.lineSeparator(), line, "expected the same line format as logback.xml gave");
  }

  @Test
  void librariesAreQuietAndTheLevelComesFromTheVariable() {
    LoggerContext context = configured("WARN");
    assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel(), "expected CONNECTGATE_LOG_LEVEL on the root");
    assertEquals(Level.WARN, context.getLogger("io.netty").getLevel(), "expected Netty's DEBUG probes silenced");
    assertEquals(Level.INFO, context.getLogger("io.vertx").getLevel(), "expected Vert.x at INFO");
    assertEquals(Level.ERROR, context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
        .getLevel(), "expected no warning that audit lists the v1beta versions the operators serve");
    assertNull(context.getLogger("io.connectgate").getLevel(), "expected our loggers to inherit the root level");
  }

  @Test
  void levelNamesBehaveAsLogbackReadsThemFromXml() {
    assertEquals(Level.DEBUG, configured("debug").getLogger(Logger.ROOT_LOGGER_NAME).getLevel(),
        "expected level names case-insensitive");
    assertEquals(Level.DEBUG, configured("verbose").getLogger(Logger.ROOT_LOGGER_NAME).getLevel(),
        "expected an unknown level name to mean DEBUG, as <root level=\"verbose\"> does");
    assertEquals(Level.DEBUG, configured("  ").getLogger(Logger.ROOT_LOGGER_NAME).getLevel(),
        "expected a blank level to leave the root at logback's default, DEBUG");
  }

  @Test
  void infoWhenNothingIsSet() {
    assumeTrue(System.getenv("CONNECTGATE_LOG_LEVEL") == null && System.getProperty("CONNECTGATE_LOG_LEVEL") == null,
        "CONNECTGATE_LOG_LEVEL is set in this environment");
    assertEquals(Level.INFO, configured(null).getLogger(Logger.ROOT_LOGGER_NAME).getLevel(), "expected INFO by default");
  }

  @Test
  void logbackStatusLinesStaySilent() {
    LoggerContext context = configured("INFO");
    assertTrue(context.getStatusManager().getCopyOfStatusListenerList().stream()
        .anyMatch(NopStatusListener.class::isInstance), "expected logback's own status output switched off");
  }

  @Test
  void anExplicitConfigurationFileWins() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator(loader -> true);
    configurator.setContext(context);
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context),
        "expected logback to go on to its XML configurator");
    assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext(),
        "expected nothing configured when a configuration file is present");
  }

  @Test
  void theTestsOwnLogbackTestXmlIsAnExplicitConfiguration() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context),
        "expected the configurator to step aside for logback-test.xml on the test class path");
  }
}
