package io.connectgate.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stores namespaces and ConfigMaps through the API with a bounded number of parallel calls. */
final class BulkCreate {

  private BulkCreate() {}

  static void namespaces(KubernetesClient admin, List<String> names, Map<String, String> labels) {
    for (String name : names) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
          .addToLabels("kubernetes.io/metadata.name", name).endMetadata().build()).create();
    }
  }

  /** Creates every ConfigMap with {@code parallel} calls in flight; fails on the first error or at the deadline. */
  static Duration configMaps(KubernetesClient admin, List<ConfigMap> configMaps, int parallel, Duration timeout)
      throws InterruptedException, TimeoutException {
    long started = System.nanoTime();
    ExecutorService writers = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> writes = configMaps.stream().<Future<?>>map(cm -> writers.submit(() ->
          admin.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).create())).toList();
      writers.shutdown();
      if (!writers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("storing " + configMaps.size() + " ConfigMaps took longer than " + timeout);
      }
      for (Future<?> write : writes) {
        try {
          write.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a create failed: " + e.getCause(), e.getCause());
        }
      }
      return Duration.ofNanos(System.nanoTime() - started);
    } finally {
      writers.shutdownNow();
    }
  }
}
