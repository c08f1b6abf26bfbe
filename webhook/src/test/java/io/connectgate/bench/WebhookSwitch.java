package io.connectgate.bench;

import io.connectgate.e2e.WebhookRegistration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.time.Duration;

/**
 * Registers connectgate's validating and mutating webhook configurations (as the e2e tests
 * and the chart do: {@code failurePolicy: Fail}, configmaps CREATE/UPDATE) for a {@code serve}
 * on loopback, and deletes them again; each switch returns once the API server acts on it,
 * seen through dry-run probes: a valid connector comes back mutated (annotation
 * {@value #INJECTED}) and a labelled ConfigMap without a connector is denied by
 * {@code validate.connectgate.io} — both, or neither.
 */
final class WebhookSwitch implements AutoCloseable {

  static final String INSTANCE = "scale-bench";
  static final String INJECTED = "connectgate.io/injected";
  private static final String NAME = "connectgate-scale-bench";
  private static final Duration PROPAGATION = Duration.ofSeconds(60);

  private final KubernetesClient admin;
  private final URI server;
  private final String caPem;
  private final String probeNamespace;
  private WebhookRegistration registration;

  WebhookSwitch(KubernetesClient admin, URI server, String caPem, String probeNamespace) {
    this.admin = admin;
    this.server = server;
    this.caPem = caPem;
    this.probeNamespace = probeNamespace;
  }

  boolean isOn() {
    return registration != null;
  }

  /** Registers the webhooks (if not yet) and waits until the API server calls both. */
  void on() throws InterruptedException {
    if (registration != null) return;
    registration = WebhookRegistration.register(admin, NAME, server, caPem, INSTANCE);
    await(true);
  }

  /** Deletes the registrations (if any) and waits until the API server calls neither. */
  void off() throws InterruptedException {
    if (registration == null) return;
    registration.close();
    registration = null;
    await(false);
  }

  private void await(boolean active) throws InterruptedException {
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    String seen = "no probe yet";
    while (System.nanoTime() < deadline) {
      boolean mutating = mutates();
      boolean validating = validates();
      if (mutating == active && validating == active) return;
      seen = "mutating " + mutating + ", validating " + validating;
      Thread.sleep(100); // a benchmark, not a test: the poll interval of a bounded wait
    }
    throw new IllegalStateException("the API server did not " + (active ? "call" : "stop calling")
        + " the webhooks within " + PROPAGATION + " (" + seen + ")");
  }

  private boolean mutates() {
    ConfigMap probe = new ConfigMapBuilder()
        .withNewMetadata().withNamespace(probeNamespace).withName("switch-probe")
          .addToLabels(ScaleObjects.CONNECTOR_LABEL, "true").endMetadata()
        .addToData("connector.json", "{\"name\":\"probe\",\"config\":{\"connector.class\":"
            + "\"io.confluent.connect.replicator.ReplicatorSourceConnector\",\"topic.whitelist\":\"orders\","
            + "\"src.kafka.bootstrap.servers\":\"kafka:9071\",\"dest.kafka.bootstrap.servers\":\"dest:9092\","
            + "\"tasks.max\":\"1\"}}")
        .build();
    ConfigMap answered = admin.configMaps().inNamespace(probeNamespace).resource(probe).dryRun().create();
    var annotations = answered.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(INJECTED);
  }

  private boolean validates() {
    ConfigMap notAConnector = new ConfigMapBuilder()
        .withNewMetadata().withNamespace(probeNamespace).withName("switch-probe")
          .addToLabels(ScaleObjects.CONNECTOR_LABEL, "true").endMetadata()
        .addToData("probe.txt", "labelled, but carries no connector")
        .build();
    try {
      admin.configMaps().inNamespace(probeNamespace).resource(notAConnector).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      if (e.getMessage() != null && e.getMessage().contains("\"validate.connectgate.io\" denied")) return true;
      throw e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    off();
  }
}
