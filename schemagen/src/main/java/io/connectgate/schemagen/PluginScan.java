package io.connectgate.schemagen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Finds the plugins of a Connect {@code plugin.path} exactly as a worker does — Connect's own
 * {@link Plugins} (one isolated {@code PluginClassLoader} per plugin location, service-loader
 * and/or reflective scan as {@code plugin.discovery} says) — and reads each connector's,
 * converter's, transformation's and predicate's ConfigDef from an instance created in its own
 * class loader, as the worker does when it validates a config.
 *
 * <p>Plugins on the generator's own classpath (Kafka's) are left out unless asked for:
 * their schemas ship with connectgate ({@code kafka-plugins.schema.json}).
 */
public final class PluginScan {

  /** Connect's plugin types whose plugins have settings of their own in a connector config. */
  static final Set<String> WITH_SETTINGS = Set.of("source", "sink", "converter",
      "header_converter", "transformation", "predicate");

  /**
   * Connectors connectgate's built-in schemas claim (mirror-*.schema.json and
   * filestream-*.schema.json, generated from the same ConfigDefs): a second claim of a class
   * in a {@code --schemas} directory would stop connectgate's start-up, so they are not written.
   */
  public static final Set<String> BUILT_IN_CLAIMS = Set.of(
      "org.apache.kafka.connect.mirror.MirrorSourceConnector",
      "org.apache.kafka.connect.mirror.MirrorCheckpointConnector",
      "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector",
      "org.apache.kafka.connect.file.FileStreamSourceConnector",
      "org.apache.kafka.connect.file.FileStreamSinkConnector");

  private PluginScan() {}

  /**
   * The plugins under {@code pluginPath} (Connect's {@code plugin.path} entries), sorted by
   * class name; a plugin whose ConfigDef cannot be read, or is not returned within
   * {@code timeout}, is reported in {@code problems}.
   */
  public static List<PluginConfig> scan(List<Path> pluginPath, String discovery,
      boolean includeClasspath, Duration timeout, List<String> problems) {
    String path = pluginPath.stream().map(p -> p.toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(","));
    Map<String, String> worker = new HashMap<>(Map.of("plugin.discovery", discovery));
    if (!path.isEmpty()) {
      // An empty plugin.path would be read as the working directory.
      worker.put("plugin.path", path);
    }
    Plugins plugins = new Plugins(worker);
    Map<String, List<PluginDesc<?>>> byClass = new TreeMap<>();
    List<Collection<? extends PluginDesc<?>>> all = List.of(plugins.sourceConnectors(),
        plugins.sinkConnectors(), plugins.converters(), plugins.headerConverters(),
        plugins.transformations(), plugins.predicates());
    for (Collection<? extends PluginDesc<?>> descs : all) {
      for (PluginDesc<?> d : descs) {
        if (includeClasspath || !"classpath".equals(d.location())) {
          byClass.computeIfAbsent(d.className(), k -> new ArrayList<>()).add(d);
        }
      }
    }
    // A plugin's config() is its own code: each runs on a daemon thread of its own, all
    // bounded by one deadline, so a plugin that blocks or loops cannot hang the generator.
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "schemagen-plugin-config");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, PluginDesc<?>> chosen = new TreeMap<>();
      Map<String, Set<String>> typesOf = new TreeMap<>();
      Map<String, Future<ConfigDef>> configs = new TreeMap<>();
      for (Map.Entry<String, List<PluginDesc<?>>> e : byClass.entrySet()) {
        // Several versions of one class in several locations: Connect uses the latest.
        PluginDesc<?> latest = e.getValue().stream().max(PluginDesc::compareTo).orElseThrow();
        chosen.put(e.getKey(), latest);
        typesOf.put(e.getKey(), e.getValue().stream()
            .filter(d -> d.location().equals(latest.location()))
            .map(d -> d.type().toString()).collect(Collectors.toCollection(TreeSet::new)));
        configs.put(e.getKey(), pool.submit(() -> configOf(plugins, latest)));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<PluginConfig> out = new ArrayList<>();
      for (Map.Entry<String, Future<ConfigDef>> e : configs.entrySet()) {
        PluginDesc<?> desc = chosen.get(e.getKey());
        String where = e.getKey() + " (" + desc.location() + "): ";
        try {
          ConfigDef def = e.getValue().get(Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
          out.add(new PluginConfig(e.getKey(), typesOf.get(e.getKey()), desc.version(),
              desc.location(), def));
        } catch (TimeoutException slow) {
          e.getValue().cancel(true);
          problems.add(where + "config() did not return within " + timeout.toSeconds() + " s");
        } catch (ExecutionException failure) {
          problems.add(where + "its ConfigDef could not be read: "
              + failure.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          problems.add(where + "interrupted");
          break;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The plugin's config(), called in the plugin's class loader as the worker calls it. */
  private static ConfigDef configOf(Plugins plugins, PluginDesc<?> desc) throws Exception {
    try (LoaderSwap swap = plugins.withClassLoader(desc.loader())) {
      Object plugin = desc.pluginClass().getDeclaredConstructor().newInstance();
      try {
        ConfigDef def;
        if (plugin instanceof Connector c) {
          def = c.config();
        } else if (plugin instanceof Converter c) {
          def = c.config();
        } else if (plugin instanceof HeaderConverter c) {
          def = c.config();
        } else if (plugin instanceof Transformation<?> t) {
          def = t.config();
        } else if (plugin instanceof Predicate<?> p) {
          def = p.config();
        } else {
          throw new IllegalStateException("not a plugin with settings");
        }
        if (def == null) {
          throw new IllegalStateException("config() returned null");
        }
        return def;
      } finally {
        if (plugin instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception closingUnconfigured) {
            // as Connect's Utils.maybeCloseQuietly: an unconfigured plugin may fail to close
          }
        }
      }
    }
  }
}
