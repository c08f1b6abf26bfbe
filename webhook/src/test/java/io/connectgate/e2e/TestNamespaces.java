package io.connectgate.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Namespaces for one class's connectgate: labelled with its instance (so its webhooks see
 * them) and with {@code kubernetes.io/metadata.name}, which kube-apiserver 1.21+ sets itself.
 * Without a controller-manager nothing would finish deleting them, so they are left; their
 * names are unique per run.
 */
final class TestNamespaces {

  private TestNamespaces() {}

  /** A fresh namespace; {@code instance} null: out of every instance's reach until {@link #optIn}. */
  static String create(KubernetesClient client, String prefix, String instance) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> labels = new HashMap<>(Map.of(WebhookRegistration.NAME_LABEL, name));
    if (instance != null) labels.put(WebhookRegistration.INSTANCE_LABEL, instance);
    client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).create();
    return name;
  }

  /** Puts {@code namespace} (e.g. kube-system) in reach of {@code instance}'s selector, as a 1.21+ cluster labels it. */
  static void optIn(KubernetesClient client, String namespace, String instance) {
    client.namespaces().withName(namespace).edit(ns -> new NamespaceBuilder(ns).editMetadata()
        .addToLabels(WebhookRegistration.INSTANCE_LABEL, instance)
        .addToLabels(WebhookRegistration.NAME_LABEL, namespace)
        .endMetadata().build());
  }

  /** Undoes {@link #optIn}'s instance label (the name label is what 1.21+ would have anyway). */
  static void optOut(KubernetesClient client, String namespace) {
    client.namespaces().withName(namespace).edit(ns -> new NamespaceBuilder(ns).editMetadata()
        .removeFromLabels(WebhookRegistration.INSTANCE_LABEL).endMetadata().build());
  }
}
