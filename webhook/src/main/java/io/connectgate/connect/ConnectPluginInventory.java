package io.connectgate.connect;

import io.connectgate.admission.Failures;
import io.connectgate.policy.InstalledPlugins;
import io.connectgate.policy.PluginInventory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The target Connect cluster's plugins, read from {@code GET /connector-plugins?connectorsOnly=false}
 * on a background thread every {@code period} and cached: a review only reads the cache. A
 * failed read is logged and the last good list kept; a list older than {@code maxAge} is not
 * used at all (logged once), so a stale or unreachable inventory never denies anything.
 */
public final class ConnectPluginInventory implements PluginInventory, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectPluginInventory.class);

  private record Snapshot(InstalledPlugins plugins, Instant readAt) {}

  private final URI url;
  /** The URL without user info, for logs and messages. */
  private final String shown;
  private final HttpClient http;
  private final Duration timeout;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicReference<Snapshot> last = new AtomicReference<>();
  private final AtomicBoolean staleLogged = new AtomicBoolean();
  private ScheduledExecutorService scheduler;

  public ConnectPluginInventory(URI connectUrl, HttpClient http, Duration timeout,
      Duration maxAge, Clock clock) {
    String base = connectUrl.toString().replaceAll("/+$", "");
    this.url = URI.create(base + "/connector-plugins?connectorsOnly=false");
    this.shown = url.toString().replaceFirst("//[^/@]*@", "//");
    this.http = http;
    this.timeout = timeout;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Reads now and then every {@code period}, on a daemon thread of its own. */
  public ConnectPluginInventory start(Duration period) {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "connectgate-connect-plugins");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public Optional<InstalledPlugins> installed() {
    Snapshot s = last.get();
    if (s == null) {
      return Optional.empty();
    }
    if (s.readAt().plus(maxAge).isBefore(clock.instant())) {
      if (staleLogged.compareAndSet(false, true)) {
        LOG.warn("Connect plugin list from {} is older than {}: installedPlugins checks nothing"
            + " until a read succeeds", shown, maxAge);
      }
      return Optional.empty();
    }
    return Optional.of(s.plugins());
  }

  /** One read; true when it succeeded. Never throws. */
  public boolean refresh() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(timeout)
          .header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        LOG.warn("Connect plugin list from {}: HTTP {}; keeping the last one", shown,
            r.statusCode());
        return false;
      }
      InstalledPlugins plugins = parse(r.body());
      Snapshot previous = last.getAndSet(new Snapshot(plugins, clock.instant()));
      staleLogged.set(false);
      if (previous == null || !previous.plugins().types().equals(plugins.types())) {
        LOG.info("Connect plugin list from {}: {} plugin classes", shown, plugins.types().size());
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Connect plugin list from {} not read: {}; keeping the last one", shown,
          Failures.describe(e));
      return false;
    }
  }

  private InstalledPlugins parse(String body) {
    JsonNode list;
    try {
      list = JsonMapper.builder().build().readTree(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("not JSON");
    }
    if (!list.isArray()) {
      throw new IllegalStateException("not a JSON array of plugins");
    }
    Map<String, Set<String>> types = new HashMap<>();
    for (JsonNode p : list) {
      String cls = p.path("class").asString("");
      String type = p.path("type").asString("");
      if (!cls.isEmpty() && !type.isEmpty()) {
        types.computeIfAbsent(cls, k -> new HashSet<>()).add(type);
      }
    }
    return InstalledPlugins.of(types, shown);
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
