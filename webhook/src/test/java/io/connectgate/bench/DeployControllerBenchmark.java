package io.connectgate.bench;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.deploy.DeployKeys;
import io.connectgate.deploy.DeploySettings;
import io.connectgate.deploy.ReviewerCheck;
import io.connectgate.e2e.ControlPlane;
import io.connectgate.kube.DeployController;
import io.connectgate.kube.JobBuilder;
import io.connectgate.kube.JobTemplate;
import io.connectgate.policy.Policy;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The deploy controller at scale (docs/deploy.md "Scale"): a real etcd + kube-apiserver
 * (KUBE_API_TEST_DIR), {@code configmaps} labelled ConfigMaps, each with one connector entry
 * padded to {@code entryBytes}, stored before the controller starts; then the time from the
 * controller's start to the first full reconcile (a Job for every ConfigMap) and the live heap
 * the controller added (after a full GC), per ConfigMap. Not part of {@code mvn verify}:
 * {@code scripts/deploy-controller-benchmark.sh configmaps=5000 entryBytes=4096}.
 */
public final class DeployControllerBenchmark {

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    int count = a.integer("configmaps", 5000);
    int entryBytes = a.integer("entryBytes", 4096);
    int namespaces = a.integer("namespaces", 10);
    try (ControlPlane plane = ControlPlane.start()) {
      KubernetesClient admin = plane.client();
      String padding = "x".repeat(Math.max(0, entryBytes - 300));
      long storeStart = System.nanoTime();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      List<CompletableFuture<?>> writes = new ArrayList<>();
      for (int n = 0; n < namespaces; n++) {
        String ns = "bench-" + n;
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      for (int i = 0; i < count; i++) {
        String ns = "bench-" + (i % namespaces);
        String name = "connector-" + i;
        String content = "{\"name\":\"" + name + "\",\"config\":{\"connector.class\":"
            + "\"io.confluent.connect.replicator.ReplicatorSourceConnector\",\"topic.whitelist\":\"orders\","
            + "\"src.kafka.bootstrap.servers\":\"kafka:9071\",\"dest.kafka.bootstrap.servers\":\"dest:9092\","
            + "\"tasks.max\":\"1\",\"name.padding\":\"" + padding + "\"}}";
        writes.add(CompletableFuture.runAsync(() -> admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
            .withNewMetadata().withName(name).addToLabels(DeployKeys.DEPLOY_LABEL, "true").endMetadata()
            .addToData("connector.json", content).build()).create(), writers));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      writers.shutdown();
      System.out.printf("stored %d labelled ConfigMaps of ~%d bytes in %d ms%n", count, entryBytes,
          (System.nanoTime() - storeStart) / 1_000_000);

      var reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);
      long heapBefore = liveHeap();
      long started = System.nanoTime();
      DeploySettings settings = new DeploySettings("http://connect.kafka.svc:8083", ConnectUrlAllowList.none(),
          Set.of("kube-system"));
      try (DeployController controller = DeployController.start(
          new KubernetesClientBuilder().withConfig(admin.getConfiguration()).build(),
          new JobBuilder(JobTemplate.builtIn(), "connectgate:0.1.0"), new ReviewerCheck(reviewer),
          new DeployController.Settings(settings, List.of(), "default", "connectgate-bench", "bench",
              Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(10), 4),
          Clock.systemUTC())) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        int jobs = 0;
        while (System.nanoTime() < deadline) {
          jobs = admin.batch().v1().jobs().inAnyNamespace().list().getItems().size();
          if (jobs >= count) break;
          Thread.sleep(1000);
        }
        long reconciled = System.nanoTime() - started;
        long heapAfter = liveHeap();
        System.out.printf("first full reconcile: %d Jobs for %d ConfigMaps in %d ms (%.1f ConfigMaps/s)%n", jobs, count,
            reconciled / 1_000_000, count / (reconciled / 1e9));
        System.out.printf("live heap: %.1f MiB before the controller, %.1f MiB after the first full reconcile:"
            + " +%.1f MiB, %.0f bytes per ConfigMap (informer stores, queue, client)%n", heapBefore / 1048576.0,
            heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / (double) count);
      }
    }
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
