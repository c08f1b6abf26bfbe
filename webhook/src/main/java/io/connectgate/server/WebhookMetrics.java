package io.connectgate.server;

import io.connectgate.admission.Endpoint;
import io.connectgate.deploy.DeployEvent;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The webhook's Prometheus metrics, all named {@code connectgate_*}:
 * <ul>
 *   <li>{@code connectgate_admission_requests_total{route,decision}} decision = allowed, denied, error,
 *       refused (not started: the budget of bytes under review was full)
 *   <li>{@code connectgate_review_bytes_in_flight} body bytes of the reviews being decided (the budget's use)
 *   <li>{@code connectgate_connections_closed_total{reason}} connections closed by the guard:
 *       header-timeout, idle-timeout, evicted, refused (see {@code ConnectionGuard})
 *   <li>{@code connectgate_admission_duration_seconds{route}} histogram, 0.1 ms to 10 s
 *   <li>{@code connectgate_findings_total{route,rule,severity}}
 *   <li>{@code connectgate_http_rejections_total{route,status}} bodies refused before review (400/408/413/415)
 *   <li>{@code connectgate_tls_certificate_expiry_seconds} notAfter of the serving certificate, epoch seconds
 *   <li>{@code connectgate_tls_reloads_total}
 *   <li>{@code connectgate_tls_client_ca_reloads_total{outcome}} {@code --client-ca} file changes:
 *       reloaded, rejected (unreadable, empty or not all certificates: the previous bundle stays)
 *   <li>{@code connectgate_policy_reloads_total{outcome}} policy file changes: reloaded, rejected
 *   <li>{@code connectgate_deploy_events_total{reason}} the deploy controller's Events on
 *       ConfigMaps, by reason ({@code DeployEvent.REASONS}: deploys and connector cleanup; each
 *       fact counted once, as its Event is created)
 *   <li>{@code connectgate_deploy_leader} 1 while this replica's deploy controller leads, else 0
 * </ul>
 * Tags carry only route names, rule names and codes: never object names or values.
 */
public final class WebhookMetrics {

  /** Reviews take microseconds to a few milliseconds, so the buckets are fine below 10 ms. */
  static final Duration[] BUCKETS = {
    Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
    Duration.ofMillis(1), Duration.ofNanos(1_500_000), Duration.ofMillis(2), Duration.ofMillis(3),
    Duration.ofMillis(5), Duration.ofNanos(7_500_000), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;
  private final AtomicLong certificateExpiry = new AtomicLong();
  private final Counter reloads;
  /**
   * The per-review counters, registered once and then found here: building and registering a
   * meter (its id, tags sorted, the registry's lookup) for every review cost more than the
   * count. Keys are route, decision or rule name and severity: fixed sets, as the tags are.
   */
  private final Map<MeterKey, Counter> meters = new ConcurrentHashMap<>();
  private final Map<Endpoint, Timer> timers = new EnumMap<>(Endpoint.class);

  public WebhookMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("connectgate.tls.certificate.expiry", certificateExpiry, AtomicLong::doubleValue)
        .description("Expiry (notAfter) of the serving certificate, seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
    reloads = Counter.builder("connectgate.tls.reloads")
        .description("Serving certificate reloads after tls.crt/tls.key changed")
        .register(registry);
    for (Endpoint endpoint : Endpoint.values()) {
      timers.put(endpoint, timer(endpoint.tag())); // present from the first scrape, before traffic
    }
    for (String outcome : List.of(CLIENT_CA_RELOADED, CLIENT_CA_REJECTED)) {
      clientCaReloads(outcome);
    }
  }

  static final String CLIENT_CA_RELOADED = "reloaded";
  static final String CLIENT_CA_REJECTED = "rejected";

  /** A change of the --client-ca file: {@link #CLIENT_CA_RELOADED} or {@link #CLIENT_CA_REJECTED}. */
  void clientCaReload(String outcome) {
    clientCaReloads(outcome).increment();
  }

  private Counter clientCaReloads(String outcome) {
    return Counter.builder("connectgate.tls.client.ca.reloads")
        .description("Client CA bundle (--client-ca) changes, by outcome (rejected: the previous"
            + " bundle stays in force)")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * The deploy controller's metrics, registered when it runs: its Events by reason (zero for
   * every reason from the first scrape, so rate() and alerts work at once) and whether this
   * replica leads.
   */
  public void deployController(BooleanSupplier leading) {
    Gauge.builder("connectgate.deploy.leader", leading, l -> l.getAsBoolean() ? 1 : 0)
        .description("1 while this replica's deploy controller leads (holds the Lease), else 0")
        .strongReference(true) // the supplier is a lambda: a weak reference would lose it
        .register(registry);
    for (String reason : DeployEvent.REASONS) {
      deployEvents(reason);
    }
  }

  /** One Event of the deploy controller, by its reason ({@link DeployEvent#REASONS}). */
  public void deployEvent(String reason) {
    deployEvents(reason).increment();
  }

  private Counter deployEvents(String reason) {
    return Counter.builder("connectgate.deploy.events")
        .description("The deploy controller's Events on ConfigMaps, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  /** One connection closed by {@link ConnectionGuard}, with its reason. */
  void connectionClosed(String reason) {
    Counter.builder("connectgate.connections.closed")
        .description("Connections closed by the server: header-timeout, idle-timeout, evicted, refused")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** The bytes under review, as the budget counts them. */
  public void reviewBytesInFlight(java.util.function.LongSupplier bytes) {
    Gauge.builder("connectgate.review.bytes.in.flight", bytes, b -> (double) b.getAsLong())
        .description("Body bytes of the reviews being decided (the budget of bytes under review)")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  public void decision(Endpoint endpoint, String decision, long nanos) {
    meters.computeIfAbsent(new MeterKey(endpoint, decision, null), k ->
        Counter.builder("connectgate.admission.requests")
            .description("AdmissionReviews answered, by route and decision")
            .tag("route", endpoint.tag())
            .tag("decision", decision)
            .register(registry)).increment();
    timers.get(endpoint).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void findings(Endpoint endpoint, List<Finding> findings) {
    for (Finding f : findings) {
      meters.computeIfAbsent(new MeterKey(endpoint, f.rule(), f.severity()), k ->
          Counter.builder("connectgate.findings")
              .description("Findings reported by the engine, by rule and severity")
              .tag("route", endpoint.tag())
              .tag("rule", f.rule())
              .tag("severity", f.severity().name())
              .register(registry)).increment();
    }
  }

  /**
   * A decision counter (severity null) or a findings counter. Equals and hashCode are written
   * out because a record's are bootstrapped through {@code java.lang.runtime.ObjectMethods} on
   * first use: some fifty method-handle classes loaded inside the first review after a start.
   */
  private static final class MeterKey {
    private final Endpoint endpoint;
    private final String name;
    private final Severity severity;

    MeterKey(Endpoint endpoint, String name, Severity severity) {
      this.endpoint = endpoint;
      this.name = name;
      this.severity = severity;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MeterKey k && k.endpoint == endpoint && k.name.equals(name) && k.severity == severity;
    }

    @Override
    public int hashCode() {
      return (endpoint.hashCode() * 31 + name.hashCode()) * 31 + (severity == null ? 0 : severity.hashCode());
    }
  }

  public void rejection(String route, int status) {
    Counter.builder("connectgate.http.rejections")
        .description("Requests refused before review (not a review, too large, wrong type)")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  public void certificate(Instant notAfter, boolean reload) {
    certificateExpiry.set(notAfter.getEpochSecond());
    if (reload) {
      reloads.increment();
    }
  }

  /** A policy file poll that found a change: outcome "reloaded" or "rejected". */
  public void policyReload(String outcome) {
    Counter.builder("connectgate.policy.reloads")
        .description("Policy file changes seen by the watcher, by outcome (rejected: the previous"
            + " policy stays in force)")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public String scrape() {
    return registry.scrape();
  }

  private Timer timer(String route) {
    return Timer.builder("connectgate.admission.duration")
        .description("Time from request body received to response ready")
        .tag("route", route)
        .serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0])
        .maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
        .register(registry);
  }
}
