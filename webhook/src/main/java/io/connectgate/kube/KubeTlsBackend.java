package io.connectgate.kube;

import io.connectgate.tls.CaBundleTarget;
import io.connectgate.tls.TlsSecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kubernetes side of {@code --self-managed-tls}: the Secret and the webhook
 * configurations, over one client (in-cluster service account, or the kubeconfig).
 */
public final class KubeTlsBackend implements AutoCloseable {

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final KubeTlsSecretStore secret;
  private final WebhookCaBundle webhooks;

  private KubeTlsBackend(KubernetesClient client, boolean ownsClient, String namespace, String secretName,
      List<String> webhookConfigs) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.secret = new KubeTlsSecretStore(client, namespace, secretName);
    this.webhooks = new WebhookCaBundle(client, webhookConfigs);
  }

  /** From a kubeconfig file (and context) when given, else the usual lookup ({@link ClusterConnection#config}). */
  public static KubeTlsBackend connect(Path kubeconfig, String context, String namespace, String secretName,
      List<String> webhookConfigs) throws IOException {
    return new KubeTlsBackend(new KubernetesClientBuilder().withConfig(ClusterConnection.config(kubeconfig, context))
        .build(), true, namespace, secretName, webhookConfigs);
  }

  /** Over a client the caller owns (tests). */
  public static KubeTlsBackend over(KubernetesClient client, String namespace, String secretName,
      List<String> webhookConfigs) {
    return new KubeTlsBackend(client, false, namespace, secretName, webhookConfigs);
  }

  public TlsSecretStore secret() {
    return secret;
  }

  public CaBundleTarget webhooks() {
    return webhooks;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
