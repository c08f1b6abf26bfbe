package io.connectgate.kube;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.ConnectorName;
import io.connectgate.admission.ConnectorOwners;
import io.connectgate.deploy.DeployKeys;
import io.connectgate.deploy.EntryHashes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link ConnectorOwners} from an informer over the ConfigMaps labelled
 * {@value DeployKeys#SELECTOR} (server-side selector), run on every replica, not only the
 * leader: admission answers on all of them. The store keeps of each ConfigMap only its
 * identity, creation time and the (Connect URL, connector name) pairs it declares; an index maps
 * each pair to its declaring ConfigMaps, oldest first. {@code serve} waits for the first list
 * before it listens, so {@code /readyz} is 200 only with a synced index. RBAC: configmaps list
 * and watch, which the deploy controller has.
 */
public final class ConnectorOwnerIndex implements ConnectorOwners, AutoCloseable {

  private record Declarer(String creation, String namespace, String name) {}

  private static final Comparator<Declarer> OLDEST_FIRST =
      Comparator.comparing(Declarer::creation).thenComparing(Declarer::namespace).thenComparing(Declarer::name);

  private final String defaultUrl;
  private final Map<String, ConfigMap> items = new HashMap<>();
  private final Map<String, TreeSet<Declarer>> index = new HashMap<>();
  private final List<SharedIndexInformer<ConfigMap>> informers = new ArrayList<>();

  /** The index alone, fed by {@link #store()} (tests). */
  ConnectorOwnerIndex(String defaultUrl) {
    this.defaultUrl = defaultUrl;
  }

  private AutoCloseable client = () -> {};

  /**
   * Starts the informers and waits for their first list; namespaces empty: the whole cluster.
   * The client is closed with the index.
   */
  public static ConnectorOwnerIndex start(KubernetesClient client, List<String> namespaces, String defaultUrl,
      Duration timeout) throws Exception {
    ConnectorOwnerIndex owners = new ConnectorOwnerIndex(defaultUrl);
    owners.client = client;
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (String ns : namespaces.isEmpty() ? Collections.<String>singletonList(null) : namespaces) {
      var cms = ns == null ? client.configMaps().inAnyNamespace() : client.configMaps().inNamespace(ns);
      SharedIndexInformer<ConfigMap> informer = cms.withLabel(DeployKeys.DEPLOY_LABEL, "true").runnableInformer(0);
      informer.itemStore(owners.store());
      owners.informers.add(informer);
      started.add(informer.start().toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      owners.close();
      throw e;
    }
    return owners;
  }

  @Override
  public synchronized Optional<Owner> ownerOf(String connectUrl, String connector) {
    TreeSet<Declarer> declarers = index.get(pair(connectUrl, connector));
    if (declarers == null || declarers.isEmpty()) return Optional.empty();
    Declarer first = declarers.first();
    return Optional.of(new Owner(first.namespace(), first.name()));
  }

  private static String pair(String url, String connector) {
    return url + "\u0000" + connector;
  }

  /** The reduced form: identity, creation time and, as data keys, the declared pairs. */
  private ConfigMap reduce(ConfigMap full) {
    ObjectMeta meta = full.getMetadata();
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    String annotation = annotations.get(DeployKeys.CONNECT_URL_ANNOTATION);
    String url = annotation == null || annotation.isBlank() ? defaultUrl : ConnectUrlAllowList.normalize(annotation);
    Map<String, String> pairs = new LinkedHashMap<>();
    if (url != null && full.getData() != null) {
      // At most one pair more than a ConfigMap may declare (it is then denied and never
      // deployed): a tenant's 20,000 entries would otherwise be held on every replica.
      for (Map.Entry<String, String> e : full.getData().entrySet()) {
        if (pairs.size() == EntryHashes.KEPT) break;
        String connector = e.getKey().endsWith(".json") ? ConnectorName.of(e.getValue()) : null;
        if (connector != null) pairs.put(pair(url, connector), "");
      }
    }
    return new ConfigMapBuilder().withNewMetadata().withNamespace(meta.getNamespace()).withName(meta.getName())
        .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion())
        .withCreationTimestamp(meta.getCreationTimestamp() == null ? "" : meta.getCreationTimestamp())
        .endMetadata().withData(pairs).build();
  }

  private void unindex(ConfigMap reduced) {
    if (reduced == null) return;
    Declarer d = declarer(reduced);
    reduced.getData().keySet().forEach(p -> {
      TreeSet<Declarer> set = index.get(p);
      if (set != null && set.remove(d) && set.isEmpty()) index.remove(p);
    });
  }

  private void reindex(ConfigMap reduced) {
    Declarer d = declarer(reduced);
    reduced.getData().keySet().forEach(p -> index.computeIfAbsent(p, k -> new TreeSet<>(OLDEST_FIRST)).add(d));
  }

  private static Declarer declarer(ConfigMap reduced) {
    ObjectMeta m = reduced.getMetadata();
    return new Declarer(m.getCreationTimestamp(), m.getNamespace(), m.getName());
  }

  /** The informer's item store: keeps the reduced form and the index in step. */
  ItemStore<ConfigMap> store() {
    return new ItemStore<>() {
      @Override
      public String getKey(ConfigMap obj) {
        return Cache.metaNamespaceKeyFunc(obj);
      }

      @Override
      public ConfigMap put(String key, ConfigMap obj) {
        ConfigMap reduced = reduce(obj);
        synchronized (ConnectorOwnerIndex.this) {
          ConfigMap old = items.put(key, reduced);
          unindex(old);
          reindex(reduced);
          return old;
        }
      }

      @Override
      public ConfigMap remove(String key) {
        synchronized (ConnectorOwnerIndex.this) {
          ConfigMap old = items.remove(key);
          unindex(old);
          return old;
        }
      }

      @Override
      public Stream<String> keySet() {
        synchronized (ConnectorOwnerIndex.this) {
          return new ArrayList<>(items.keySet()).stream();
        }
      }

      @Override
      public Stream<ConfigMap> values() {
        synchronized (ConnectorOwnerIndex.this) {
          return new ArrayList<>(items.values()).stream();
        }
      }

      @Override
      public int size() {
        synchronized (ConnectorOwnerIndex.this) {
          return items.size();
        }
      }

      @Override
      public ConfigMap get(String key) {
        synchronized (ConnectorOwnerIndex.this) {
          return items.get(key);
        }
      }
    };
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
    try {
      client.close();
    } catch (Exception e) {
      // closing: nothing left to do
    }
  }
}
