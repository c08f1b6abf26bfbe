package io.connectgate.cli;

import io.connectgate.connect.ConnectClient;
import io.connectgate.connect.ConnectPluginInventory;
import io.connectgate.policy.PluginInventory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code serve --connect-plugins-url URL}: read the target Connect cluster's plugins in the
 * background for policy rule {@code installedPlugins} (off unless given). Closing stops the
 * reads.
 */
public final class ConnectPluginsOptions implements AutoCloseable {

  @Option(names = "--connect-plugins-url", paramLabel = "URL",
      description = "Kafka Connect REST URL whose GET /connector-plugins?connectorsOnly=false is"
          + " read in the background: a connector.class, converter, transforms.*.type or"
          + " predicates.*.type naming a class that cluster lacks is a warning (policy rule"
          + " installedPlugins can deny). Off by default; an unreachable or stale list is"
          + " logged and checks nothing.")
  String url;

  @Option(names = "--connect-plugins-period", defaultValue = "60s", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often the plugin list is read (default: ${DEFAULT-VALUE}); a list"
          + " older than three periods is not used.")
  Duration period;

  private ConnectPluginInventory inventory;

  /** The problem with the settings, or null. */
  String problem() {
    if (url == null) {
      return null;
    }
    if (period == null || period.isNegative() || period.isZero()) {
      return "--connect-plugins-period must be positive";
    }
    try {
      URI u = URI.create(url.strip());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null) {
        return "--connect-plugins-url must be an http(s) URL with a host";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "--connect-plugins-url is not a URL";
    }
  }

  /** Starts the background reads when a URL is given; {@link PluginInventory#NONE} otherwise. */
  PluginInventory start() {
    if (url == null) {
      return PluginInventory.NONE;
    }
    Duration timeout = period.compareTo(Duration.ofSeconds(10)) < 0 ? period
        : Duration.ofSeconds(10);
    inventory = new ConnectPluginInventory(URI.create(url.strip()),
        ConnectClient.defaultHttpClient(timeout), timeout, period.multipliedBy(3),
        Clock.systemUTC()).start(period);
    return inventory;
  }

  @Override
  public void close() {
    if (inventory != null) {
      inventory.close();
    }
  }
}
