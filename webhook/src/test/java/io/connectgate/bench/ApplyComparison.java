package io.connectgate.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Connector ConfigMaps created with the webhook registered and with none, in interleaved
 * batches (W N N W W N …, each switch awaited), two ways per ConfigMap:
 * <ul>
 *   <li>{@code kubectl apply -f FILE} as a process (what a user runs; its own start-up,
 *       discovery from the cache, GET and POST are all in the time), and
 *   <li>a create through the Fabric8 client of the benchmark JVM (the POST that
 *       {@code kubectl apply} sends for a new object: the API server's admission chain with no
 *       process start around it).
 * </ul>
 * Each way has its own namespaces per arm, so every create is of a new object.
 */
final class ApplyComparison {

  /** Latencies per way and arm; {@code serve}'s CPU time; kubectl's largest peak RSS. */
  record Result(Latencies javaWebhook, Latencies javaNone, Latencies kubectlWebhook, Latencies kubectlNone,
      ServeCpu serveCpu, long kubectlPeakRssKib) {}

  /**
   * The CPU time {@code serve} used during the webhook batches and during the others (when no
   * review reaches it: its idle rate — timers, GC, JIT), the wall time of each, and the creates
   * it judged. Per create: the webhook batches' CPU less the idle rate over their wall time.
   */
  record ServeCpu(Duration webhookCpu, Duration webhookWall, Duration idleCpu, Duration idleWall, int creates) {

    ServeCpu add(boolean webhook, Duration cpu, Duration wall, int judged) {
      return webhook ? new ServeCpu(webhookCpu.plus(cpu), webhookWall.plus(wall), idleCpu, idleWall, creates + judged)
          : new ServeCpu(webhookCpu, webhookWall, idleCpu.plus(cpu), idleWall.plus(wall), creates);
    }

    /** Microseconds of CPU per create judged, the idle rate taken out; NaN without creates or idle time. */
    double microsPerCreate() {
      if (creates == 0 || idleWall.isZero()) return Double.NaN;
      double idleRate = idleCpu.toNanos() / (double) idleWall.toNanos();
      return (webhookCpu.toNanos() - idleRate * webhookWall.toNanos()) / 1e3 / creates;
    }
  }

  static final List<String> NAMESPACES = List.of("apply-java-webhook", "apply-java-none",
      "apply-kubectl-webhook", "apply-kubectl-none");

  private final KubernetesClient admin;
  private final WebhookSwitch webhooks;
  private final ServerProcess serve;
  private final Path kubeconfig;
  private final Path dir;
  private final long deadline;

  ApplyComparison(KubernetesClient admin, WebhookSwitch webhooks, ServerProcess serve, Path kubeconfig, Path dir,
      Duration budget) {
    this.admin = admin;
    this.webhooks = webhooks;
    this.serve = serve;
    this.kubeconfig = kubeconfig;
    this.dir = dir;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /**
   * {@code javaCount} and {@code kubectlCount} creates per arm from {@code documents} (cycled),
   * in {@code batches} batches per arm, after {@code warmup} dry-run creates in each arm.
   */
  Result run(List<ScaleCorpus.Document> documents, int javaCount, int kubectlCount, int batches, int warmup)
      throws IOException, InterruptedException {
    Latencies javaW = new Latencies();
    Latencies javaN = new Latencies();
    Latencies kubectlW = new Latencies();
    Latencies kubectlN = new Latencies();
    long[] kubectlRss = {-1};
    ServeCpu cpu = new ServeCpu(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    for (boolean on : new boolean[] {true, false}) {
      if (on) webhooks.on(); else webhooks.off();
      for (int i = 0; i < warmup; i++) {
        ConfigMap cm = ScaleObjects.connector(NAMESPACES.get(0), documents.get(i % documents.size()), i);
        admin.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).dryRun().create();
      }
      for (int i = 0; i < 3; i++) { // kubectl's discovery cache, filled outside the measurement
        kubectl(ScaleObjects.connector(NAMESPACES.get(2), documents.get(i), i), "warmup", "--dry-run=server");
      }
    }
    int javaNext = 0;
    int kubectlNext = 0;
    for (int b = 0; b < 2 * batches && System.nanoTime() < deadline; b++) {
      boolean on = (b % 4 == 0) || (b % 4 == 3); // W N N W: each arm as often first as second
      if (on) webhooks.on(); else webhooks.off();
      int batch = b / 2;
      int javaEnd = (int) ((long) javaCount * (batch + 1) / batches);
      int kubectlEnd = (int) ((long) kubectlCount * (batch + 1) / batches);
      int javaFrom = javaNext;
      int kubectlFrom = kubectlNext;
      Duration cpuBefore = serve.cpuTime();
      long wallBefore = System.nanoTime();
      int judgedBefore = javaW.count() + kubectlW.count();
      // Alternate the two ways item by item, so both see the same moment of the machine.
      for (int j = javaFrom, k = kubectlFrom; (j < javaEnd || k < kubectlEnd) && System.nanoTime() < deadline; ) {
        if (j < javaEnd) {
          ConfigMap cm = ScaleObjects.connector(NAMESPACES.get(on ? 0 : 1), documents.get(j % documents.size()), j);
          long start = System.nanoTime();
          try {
            admin.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).create();
            (on ? javaW : javaN).add(System.nanoTime() - start);
          } catch (RuntimeException e) {
            (on ? javaW : javaN).failed();
          }
          j++;
        }
        if (k < kubectlEnd) {
          ConfigMap cm = ScaleObjects.connector(NAMESPACES.get(on ? 2 : 3), documents.get(k % documents.size()), k);
          MeasuredProcess.Result r = kubectl(cm, "apply", null);
          if (r.exitCode() == 0) {
            (on ? kubectlW : kubectlN).add(r.wall().toNanos());
          } else {
            (on ? kubectlW : kubectlN).failed();
          }
          kubectlRss[0] = Math.max(kubectlRss[0], r.peakRssKib());
          k++;
        }
      }
      cpu = cpu.add(on, serve.cpuTime().minus(cpuBefore), Duration.ofNanos(System.nanoTime() - wallBefore),
          javaW.count() + kubectlW.count() - judgedBefore);
      System.out.printf("  batch %d/%d, %s: %d creates, %d kubectl applies so far%n", b + 1, 2 * batches,
          on ? "webhook" : "no webhook", (on ? javaW : javaN).count(), (on ? kubectlW : kubectlN).count());
      // The second arm of a batch repeats the first one's documents, so both judge the same set.
      if (b % 2 == 1) {
        javaNext = javaEnd;
        kubectlNext = kubectlEnd;
      }
    }
    webhooks.off();
    return new Result(javaW, javaN, kubectlW, kubectlN, cpu, kubectlRss[0]);
  }

  private MeasuredProcess.Result kubectl(ConfigMap cm, String label, String extraFlag)
      throws IOException, InterruptedException {
    Path manifest = dir.resolve("apply-manifest.yaml");
    Files.writeString(manifest, Serialization.asYaml(cm), StandardCharsets.UTF_8);
    List<String> command = new java.util.ArrayList<>(List.of(Kubectl.path(), "--kubeconfig",
        kubeconfig.toString(), "--cache-dir", dir.resolve("kubectl-cache").toString(), "apply", "-f",
        manifest.toString()));
    if (extraFlag != null) command.add(extraFlag);
    return MeasuredProcess.run("kubectl-" + label, command, Map.of(), dir, Duration.ofSeconds(60));
  }
}
