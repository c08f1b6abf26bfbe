package io.connectgate.kube;

import io.connectgate.deploy.DeployKeys;
import io.connectgate.deploy.EntryHashes;
import io.connectgate.deploy.StoredConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The ConfigMap informer's item store: keeps of each labelled ConfigMap only its identity,
 * resourceVersion, the connectgate annotations it reads and, in place of {@code data}, the
 * content hash of each connector entry. A tenant with many large ConfigMaps therefore costs
 * the controller about a hundred bytes per entry, not the entries' size (docs/deploy.md has
 * the measurement). Everything else in the controller reads this reduced form.
 */
final class ConnectorSummaryStore implements ItemStore<ConfigMap> {

  private final Map<String, ConfigMap> items = new ConcurrentHashMap<>();
  private final EntryHashes hashes;

  ConnectorSummaryStore(EntryHashes hashes) {
    this.hashes = hashes;
  }

  /** The reduced form of a ConfigMap as the API server sent it. */
  ConfigMap reduce(ConfigMap full) {
    ObjectMeta meta = full.getMetadata();
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> all = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    for (String key : new String[] {DeployKeys.CONNECT_URL_ANNOTATION, DeployKeys.STATUS_ANNOTATION,
        io.connectgate.deploy.CleanupKeys.CLEANUP_STATUS_ANNOTATION}) {
      if (all.containsKey(key)) annotations.put(key, all.get(key));
    }
    String label = meta.getLabels() == null ? null : meta.getLabels().get(DeployKeys.DEPLOY_LABEL);
    ConfigMap reduced = new ConfigMapBuilder()
        .withNewMetadata()
        .withName(meta.getName())
        .withNamespace(meta.getNamespace())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .withLabels(label == null ? Map.of() : Map.of(DeployKeys.DEPLOY_LABEL, label))
        .withAnnotations(annotations)
        .endMetadata()
        .withData(hashes.of(full.getData(), all.get(DeployKeys.CONNECT_URL_ANNOTATION)))
        .build();
    CleanupView.keep(full, reduced); // connector cleanup (#16): its label, finalizer, deletionTimestamp
    return reduced;
  }

  /** The controller's view of a stored (reduced) ConfigMap. */
  static StoredConfigMap view(ConfigMap reduced) {
    ObjectMeta meta = reduced.getMetadata();
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return new StoredConfigMap(meta.getNamespace(), meta.getName(), meta.getUid(), meta.getResourceVersion(),
        annotations.get(DeployKeys.CONNECT_URL_ANNOTATION), annotations.get(DeployKeys.STATUS_ANNOTATION),
        reduced.getData() == null ? Map.of() : reduced.getData());
  }

  @Override
  public String getKey(ConfigMap obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public ConfigMap put(String key, ConfigMap obj) {
    return items.put(key, reduce(obj));
  }

  @Override
  public ConfigMap remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<ConfigMap> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public ConfigMap get(String key) {
    return items.get(key);
  }
}
