package io.connectgate.connect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka Connect worker (Kafka's {@code EmbeddedConnectCluster}: an in-process KRaft
 * broker and one worker) for a test class, reached on loopback; its expected start and stop
 * noise kept out of the test log (failures show in assertions). Close it in {@code @AfterAll}.
 */
public final class ConnectWorker implements AutoCloseable {

  private static final String[] NOISY_LOGGERS = {"org.apache.kafka", "kafka",
      "org.eclipse.jetty", "org.glassfish", "org.reflections", "state.change.logger"};

  private final Map<String, Level> savedLevels = new HashMap<>();
  private final EmbeddedConnectCluster cluster;

  private ConnectWorker(String name, Map<String, String> workerProps) {
    for (String noisy : NOISY_LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(noisy);
      savedLevels.put(noisy, logger.getLevel());
      logger.setLevel(Level.OFF);
    }
    Map<String, String> props = new LinkedHashMap<>();
    // Kafka's plugins ship ServiceLoader manifests: skipping the reflective scan of the whole
    // test class path saves most of the worker's start-up time.
    props.put("plugin.discovery", "service_load");
    props.putAll(workerProps);
    cluster = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1).numBrokers(1)
        .workerProps(new HashMap<>(props)).build();
  }

  /** Starts a worker named {@code name} with {@code workerProps} over the defaults above. */
  public static ConnectWorker start(String name, Map<String, String> workerProps) {
    ConnectWorker worker = new ConnectWorker(name, workerProps);
    try {
      worker.cluster.start();
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  public EmbeddedConnectCluster cluster() {
    return cluster;
  }

  /** The worker's REST root on 127.0.0.1 ({@code http://127.0.0.1:PORT}). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + cluster.workers().iterator().next().url().getPort());
  }

  @Override
  public void close() {
    try {
      cluster.stop();
    } finally {
      savedLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
  }
}
