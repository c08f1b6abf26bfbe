package io.connectgate.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One connectgate wired into the control plane: the real server, its two webhook
 * configurations, and a namespace they cover. {@link #start} returns only once the API server
 * actually calls both webhooks (it picks configurations up asynchronously); {@link #close}
 * removes the cluster-scoped configurations before stopping the server, so no other class
 * meets a webhook that no longer answers.
 */
final class ConnectgateInCluster implements AutoCloseable {

  private static final Duration ACTIVATION = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final String instance;
  private final ConnectgateServer server;
  private final WebhookRegistration webhooks;
  private final String namespace;

  private ConnectgateInCluster(KubernetesClient client, String instance, ConnectgateServer server,
      WebhookRegistration webhooks, String namespace) {
    this.client = client;
    this.instance = instance;
    this.server = server;
    this.webhooks = webhooks;
    this.namespace = namespace;
  }

  /**
   * Starts serve with {@code serveArgs} (cert dir under {@code workDir}) and registers it for
   * namespaces labelled with {@code instance} (also the configurations' name).
   */
  static ConnectgateInCluster start(ControlPlane plane, Path workDir, String instance, String... serveArgs) {
    KubernetesClient client = plane.client();
    ConnectgateServer server = ConnectgateServer.start(workDir.resolve("certs"), serveArgs);
    WebhookRegistration webhooks = null;
    try {
      webhooks = WebhookRegistration.register(client, "connectgate-e2e-" + instance, server, instance);
      String namespace = TestNamespaces.create(client, instance, instance);
      ConnectgateInCluster wired = new ConnectgateInCluster(client, instance, server, webhooks, namespace);
      wired.awaitActive();
      return wired;
    } catch (RuntimeException | Error e) {
      // Keep the start-up failure as the reported one; clean-up failures ride along.
      try {
        if (webhooks != null) webhooks.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      } finally {
        server.close();
      }
      throw e;
    }
  }

  ConnectgateServer server() {
    return server;
  }

  /** A namespace both webhooks cover. */
  String namespace() {
    return namespace;
  }

  /** The value of {@link WebhookRegistration#INSTANCE_LABEL} that puts a namespace in reach. */
  String instance() {
    return instance;
  }

  @Override
  public void close() {
    try {
      webhooks.close();
    } finally {
      server.close();
    }
  }

  /** Probes with dry-run creates (no side effects) until the API server calls both webhooks. */
  private void awaitActive() {
    Instant deadline = Instant.now().plus(ACTIVATION);
    boolean mutating = false;
    boolean validating = false;
    String last = "no probe yet";
    while (Instant.now().isBefore(deadline)) {
      if (!mutating) {
        ConfigMap probe = ConnectorConfigMaps.connector(namespace, "activation-probe", ConnectorConfigMaps.replicator());
        ConfigMap answered = client.configMaps().inNamespace(namespace).resource(probe).dryRun().create();
        mutating = answered.getMetadata().getAnnotations() != null
            && answered.getMetadata().getAnnotations().containsKey(ConnectorConfigMaps.INJECTED_ANNOTATION);
      }
      if (!validating) {
        ConfigMap notAConnector = new ConfigMapBuilder()
            .withNewMetadata().withNamespace(namespace).withName("activation-probe")
              .addToLabels(ConnectorConfigMaps.LABEL, "true").endMetadata()
            .addToData("probe.txt", "labelled, but carries no connector")
            .build();
        try {
          client.configMaps().inNamespace(namespace).resource(notAConnector).dryRun().create();
        } catch (KubernetesClientException e) {
          last = e.getMessage();
          validating = last != null && last.contains("\"" + WebhookRegistration.VALIDATING_WEBHOOK + "\" denied");
          if (!validating) throw e;
        }
      }
      if (mutating && validating) return;
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("expected the API server to call connectgate within " + ACTIVATION
        + " (mutating active: " + mutating + ", validating active: " + validating + "; last: " + last + ")");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
