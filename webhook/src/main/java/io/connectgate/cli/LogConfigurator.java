package io.connectgate.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.OptionHelper;
import java.util.function.Predicate;

/**
 * Logback's configuration, in code rather than a {@code logback.xml}: reading XML (Joran) cost
 * every start about 60 ms before any command could run. Found through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 *
 * <p>One line per event on stderr, as {@link LogLineLayout} formats it, written by one writer
 * thread ({@link QueuedStderrAppender}: the event loop never waits on the log); the container runtime
 * collects it, and the CLI commands (validate, mutate, audit) keep stdout for their report or
 * manifests, so a log line can never end up inside {@code mutate} output piped to kubectl. INFO
 * carries one line per admission decision; raw reviews are never logged at any level, because
 * objects applied with kubectl carry their whole manifest, credentials included, in the
 * last-applied-configuration annotation. {@code CONNECTGATE_LOG_LEVEL} (a system property or an
 * environment variable) sets the level, default INFO.
 *
 * <p>An explicit logback configuration still wins: with {@code -Dlogback.configurationFile}, or
 * a {@code logback-test.xml} or {@code logback.xml} on the class path (the tests have one),
 * this steps aside and logback reads that file as it always does.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** Substituted by logback itself, so lookup order and an empty value behave as in XML. */
  static final String LEVEL = "${CONNECTGATE_LOG_LEVEL:-INFO}";

  /** Fabric8's logger of "The client is using resource type ... with unstable version ...". */
  static final String UNSTABLE_VERSION_ALERT = "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils";

  private final Predicate<ClassLoader> configuredElsewhere;

  public LogConfigurator() {
    this(LogConfigurator::explicitConfiguration);
  }

  LogConfigurator(Predicate<ClassLoader> configuredElsewhere) {
    this.configuredElsewhere = configuredElsewhere;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (configuredElsewhere.test(LogConfigurator.class.getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // As <statusListener class="NopStatusListener"/>: logback's own status lines never reach
    // stderr (with a listener installed, logback does not print them on a warning either).
    context.getStatusManager().add(new NopStatusListener());

    QueuedStderrAppender stderr = new QueuedStderrAppender();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setEncoder(lineEncoder(context));
    stderr.start();

    // Netty reports optional-library probes (BouncyCastle JSSE, native transports) at DEBUG.
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.INFO);
    // Fabric8 warns once per run that it lists an alpha/beta version: the audit lists Strimzi's
    // kafka.strimzi.io/v1beta2 and CFK's platform.confluent.io/v1beta1 because those operators
    // serve them, so the line would only be noise in every audit Job's log.
    context.getLogger(UNSTABLE_VERSION_ALERT).setLevel(Level.ERROR);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    String level = rootLevel(context);
    // As Joran does for <root level="...">: blank keeps logback's default (DEBUG), an
    // unknown name means DEBUG.
    if (!OptionHelper.isNullOrEmptyOrAllSpaces(level)) {
      root.setLevel(Level.toLevel(level));
    }
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The started encoder of one {@link LogLineLayout} line per event. */
  static LayoutWrappingEncoder<ILoggingEvent> lineEncoder(LoggerContext context) {
    LogLineLayout layout = new LogLineLayout(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  private String rootLevel(LoggerContext context) {
    try {
      return OptionHelper.substVars(LEVEL, context);
    } catch (ScanException e) {
      // Not reachable with the constant above; Joran would leave the level unset too.
      addError("cannot substitute " + LEVEL, e);
      return null;
    }
  }

  private static boolean explicitConfiguration(ClassLoader loader) {
    return System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
        || loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null
        || loader.getResource(ClassicConstants.AUTOCONFIG_FILE) != null;
  }
}
