package io.connectgate.kube;

import io.connectgate.connector.ConnectorResourceKind;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A connection to the cluster configured as kubectl would be: {@code --kubeconfig} or
 * {@code KUBECONFIG} or {@code ~/.kube/config}, else the in-cluster service account. Keeps the
 * Fabric8 client inside this package; callers see {@link ClusterConfigMaps} and
 * {@link ClusterConnectorResources} only.
 */
public final class ClusterConnection implements AutoCloseable {

  private final KubernetesClient client;

  private ClusterConnection(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param kubeconfig a kubeconfig file, or null for the usual lookup
   * @param context a context name, or null for the current one
   */
  public static ClusterConnection open(Path kubeconfig, String context) throws IOException {
    // A CLI run should fail within seconds on an unreachable API, not after Fabric8's default
    // of ten retries with exponential backoff.
    Config config = new ConfigBuilder(config(kubeconfig, context)).withRequestRetryBackoffLimit(2).build();
    return new ClusterConnection(new KubernetesClientBuilder().withConfig(config).build());
  }

  /**
   * The client configuration kubectl would use: {@code kubeconfig} (and {@code context}) when
   * given, else {@code KUBECONFIG}, {@code ~/.kube/config}, else the pod's service account.
   *
   * @param kubeconfig a kubeconfig file, or null for the usual lookup
   * @param context a context name, or null for the current one
   */
  public static Config config(Path kubeconfig, String context) throws IOException {
    if (kubeconfig != null) {
      return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    }
    return context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
  }

  /** Wraps an existing client (tests against the mock server). */
  public static ClusterConnection of(KubernetesClient client) {
    return new ClusterConnection(client);
  }

  /** The namespace of the current context (kubectl's default), "default" when unset. */
  public String defaultNamespace() {
    String ns = client.getConfiguration().getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  public ClusterConfigMaps configMaps(int pageSize) {
    return new ClusterConfigMaps(client, pageSize);
  }

  public ClusterConnectorResources connectorResources(ConnectorResourceKind kind, int pageSize) {
    return new ClusterConnectorResources(client, kind, pageSize);
  }

  /** A one-line description of an API failure (status code and reason), for the CLI. */
  public static String describe(RuntimeException e) {
    if (e instanceof ListForbiddenException) {
      return e.getMessage();
    }
    if (e instanceof KubernetesClientException k) {
      if (k.getStatus() != null && k.getStatus().getMessage() != null) {
        return "Kubernetes API error" + (k.getCode() > 0 ? " " + k.getCode() : "") + ": "
            + k.getStatus().getMessage();
      }
      // No answer from the API (unreachable, TLS, DNS): the root cause says why.
      Throwable root = k;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return "cannot reach the Kubernetes API: " + (root == k
          ? String.valueOf(k.getMessage()).replaceAll("\\s+", " ").trim()
          : root.getClass().getSimpleName() + ": " + root.getMessage());
    }
    return e.toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
