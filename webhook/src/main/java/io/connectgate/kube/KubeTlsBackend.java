package io.connectgate.kube;

import io.connectgate.tls.CaBundleTarget;
import io.connectgate.tls.TlsSecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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

  /** Connects the way kubectl would (in-cluster configuration first). */
  public static KubeTlsBackend connect(String namespace, String secretName, List<String> webhookConfigs) {
    return new KubeTlsBackend(new KubernetesClientBuilder().build(), true, namespace, secretName, webhookConfigs);
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
