package io.connectgate.kube;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;

/**
 * Walks the ConfigMaps of one namespace or of the whole cluster a page at a time (the API's
 * limit/continue), so an audit of a large cluster never holds every ConfigMap in memory.
 */
public final class ClusterConfigMaps {

  private final KubernetesClient client;
  private final int pageSize;

  public ClusterConfigMaps(KubernetesClient client, int pageSize) {
    this.client = client;
    this.pageSize = ListPages.checked(pageSize);
  }

  /**
   * @param namespace a namespace, or null for all namespaces
   * @return the number of pages fetched
   * @throws ListForbiddenException when RBAC does not grant list on configmaps
   */
  public int forEach(String namespace, Consumer<ConfigMapView> each) {
    return ListPages.walk("", "configmaps", namespace, pageSize, options -> namespace == null
            ? client.configMaps().inAnyNamespace().list(options)
            : client.configMaps().inNamespace(namespace).list(options),
        page -> page.getItems().forEach(cm -> each.accept(view(cm))));
  }

  static ConfigMapView view(ConfigMap cm) {
    var meta = cm.getMetadata();
    return new ConfigMapView(
        Origin.admission(meta.getNamespace(), meta.getName()),
        meta.getLabels(),
        meta.getAnnotations(),
        cm.getData());
  }
}
