package io.connectgate.bench;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import io.connectgate.e2e.ControlPlane;
import io.connectgate.e2e.WebhookRegistration;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * connectgate at cluster scale in the real kube-apiserver of the test tier (docs/performance.md
 * "Cluster scale"); not part of {@code mvn verify}: {@code scripts/scale-benchmark.sh}.
 *
 * <ol>
 *   <li>stores {@code configmaps} ConfigMaps over {@code namespaces} namespaces, {@code connectors}
 *       of them carrying real connector documents ({@link ScaleObjects});
 *   <li>{@code rounds} interleaved rounds of {@code connectgate audit -A -o json} (the shaded jar
 *       in a child JVM with {@code jvm} options) and {@code kubectl get configmaps -A -o json}:
 *       wall time, peak RSS, GC-reported heap, API requests ({@link ListingComparison});
 *   <li>{@code applies} connector ConfigMaps created through Fabric8 and {@code kubectlApplies}
 *       through {@code kubectl apply} with connectgate's webhooks registered ({@code serve} as a
 *       child JVM on loopback) and as many with none, in {@code batches} interleaved batches
 *       ({@link ApplyComparison}).
 * </ol>
 * Everything it writes is under {@code out} (default {@code webhook/target/scale-bench}); the
 * control plane and every child stop when it ends, also on failure.
 */
public final class ScaleBenchmark {

  private static final String CHART_JVM = "-XX:MaxRAM=512m -XX:MaxRAMPercentage=70";

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    Path out = Path.of(a.text("out", "webhook/target/scale-bench")).toAbsolutePath().normalize();
    if (!out.toString().contains("/target/")) {
      throw new IllegalArgumentException("out must be a directory under a target/ directory: " + out);
    }
    recreate(out);
    ScaleObjects.Spec spec = new ScaleObjects.Spec(a.integer("configmaps", 10_000), a.integer("connectors", 500),
        a.integer("namespaces", 50), a.integer("seed", 23));
    int rounds = a.integer("rounds", 3);
    int applies = a.integer("applies", 1000);
    int kubectlApplies = a.integer("kubectlApplies", 1000);
    int batches = a.integer("batches", 10);
    int warmup = a.integer("warmup", 200);
    int writers = a.integer("writers", 8);
    Path jar = Path.of(a.text("jar", "webhook/target/connectgate.jar")).toAbsolutePath();
    List<String> jvm = new ArrayList<>(List.of(a.text("jvm", CHART_JVM).trim().split("\\s+")));
    jvm.add("-Dvertx.cacheDirBase=" + out.resolve("vertx-cache"));
    jvm.add("-Djava.io.tmpdir=" + out);
    Duration applyBudget = Duration.ofMinutes(a.integer("applyMinutes", 40));

    System.out.printf("connectgate scale benchmark %s%n", Instant.now());
    System.out.printf("machine: %d cores (%s), %d MiB RAM, load average before: %s; Java %s%n",
        Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), totalMemoryMib(), Machine.loadAverage(),
        System.getProperty("java.version"));
    System.out.printf("children: java %s -jar %s; %s%n", String.join(" ", jvm), jar,
        MeasuredProcess.measuresRss() ? "peak RSS from /usr/bin/time (ru_maxrss)" : "no /usr/bin/time: RSS n/a");

    List<ScaleCorpus.Document> corpus = ScaleCorpus.load();
    List<ConfigMap> objects = ScaleObjects.generate(spec, corpus);
    long bytes = objects.stream().flatMap(cm -> cm.getData().values().stream()).mapToLong(String::length).sum();
    try (ControlPlane plane = ControlPlane.start()) {
      KubernetesClient admin = plane.client();
      System.out.printf("API server %s (kube-apiserver %s)%n", plane.serverUrl(),
          admin.getKubernetesVersion().getGitVersion());
      BulkCreate.namespaces(admin, ScaleObjects.namespaces(spec), Map.of());
      Duration stored = BulkCreate.configMaps(admin, objects, writers, Duration.ofMinutes(15));
      System.out.printf("stored %d ConfigMaps (%d with connectors from %d real documents; %.1f MiB of data) in"
          + " %d namespaces in %.1f s with %d parallel creates%n", spec.total(), spec.connectors(), corpus.size(),
          bytes / 1048576.0, spec.namespaces(), stored.toMillis() / 1000.0, writers);
      objects = null; // the listings below should not compete with this JVM's copy

      ListingComparison listing = new ListingComparison(admin, plane.kubeconfig(), jar, jvm, out,
          Duration.ofMinutes(10));
      System.out.printf("idle API requests between two metric readings: %s (subtracted)%n",
          listing.idle().describe());
      List<ListingComparison.Run> runs = new ArrayList<>();
      // Round 0: an empty namespace, i.e. what a run costs before the first ConfigMap (start-up, catalog).
      BulkCreate.namespaces(admin, List.of("scale-empty"), Map.of());
      for (int round = 0; round <= rounds; round++) {
        String namespace = round == 0 ? "scale-empty" : null;
        boolean auditFirst = round % 2 == 1;
        ListingComparison.Run first = auditFirst ? listing.audit(round, namespace) : listing.kubectl(round, namespace);
        ListingComparison.Run second = auditFirst ? listing.kubectl(round, namespace) : listing.audit(round, namespace);
        for (ListingComparison.Run r : List.of(first, second)) {
          System.out.printf("  round %d: %s: %.2f s, RSS %s, %d ConfigMaps (%s); requests %s%n", round, r.tool(),
              r.wall().toMillis() / 1000.0, ScaleReport.mib(r.peakRssKib()), r.configMaps(), r.summary(),
              r.requests().describe());
          runs.add(r);
        }
        if (first.configMaps() != second.configMaps()) {
          System.out.printf("  WARNING: round %d: audit and kubectl saw different numbers of ConfigMaps%n", round);
        }
      }
      String listingTable = ScaleReport.listing(runs);
      System.out.println(listingTable);

      String applyTable = applyPhase(plane, corpus, jar, jvm, out, applies, kubectlApplies, batches, warmup,
          applyBudget);
      System.out.printf("%n== audit vs kubectl get, %d ConfigMaps (%d with connectors) ==%n%s", spec.total(),
          spec.connectors(), listingTable);
      System.out.printf("%n== create latency, webhook registered vs none ==%n%s", applyTable);
      System.out.printf("load average after: %s%n", Machine.loadAverage());
    }
  }

  private static String applyPhase(ControlPlane plane, List<ScaleCorpus.Document> corpus, Path jar,
      List<String> jvm, Path out, int applies, int kubectlApplies, int batches, int warmup, Duration budget)
      throws Exception {
    KubernetesClient admin = plane.client();
    List<ScaleCorpus.Document> admitted = admittedByBuiltInPolicy(corpus);
    System.out.printf("apply phase: %d of the %d real documents are admitted by the built-in policy; cycling"
        + " through them%n", admitted.size(), corpus.size());
    List<String> namespaces = new ArrayList<>(ApplyComparison.NAMESPACES);
    namespaces.add("apply-probe");
    BulkCreate.namespaces(admin, namespaces, Map.of(WebhookRegistration.INSTANCE_LABEL, WebhookSwitch.INSTANCE));
    Path certDir = out.resolve("serve-certs");
    Files.createDirectories(certDir);
    new CertDirectory(certDir).ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()),
        List.of("localhost"));
    try (ServerProcess serve = ServerProcess.start(jar, certDir, out.resolve("serve.log"),
        io.connectgate.testing.TrustingTls.trusting(certDir.resolve("ca.crt")), jvm);
        WebhookSwitch webhooks = new WebhookSwitch(admin, java.net.URI.create("https://127.0.0.1:" + serve.port + "/"),
            Files.readString(certDir.resolve("ca.crt"), StandardCharsets.US_ASCII), "apply-probe")) {
      System.out.printf("serve ready in %d ms on 127.0.0.1:%d%n", serve.startupToReady.toMillis(), serve.port);
      ApplyComparison.Result result = new ApplyComparison(admin, webhooks, serve, plane.kubeconfig(), out, budget)
          .run(admitted, applies, kubectlApplies, batches, warmup);
      ApplyComparison.ServeCpu cpu = result.serveCpu();
      System.out.printf("serve: %.0f µs CPU per create judged (mutate + validate; %.2f s CPU over %.0f s of webhook"
          + " batches, less its idle rate of %.1f ms/s), peak RSS %s; kubectl apply peak RSS %s%n",
          cpu.microsPerCreate(), cpu.webhookCpu().toMillis() / 1000.0, cpu.webhookWall().toMillis() / 1000.0,
          cpu.idleWall().isZero() ? 0 : cpu.idleCpu().toNanos() / 1e6 / (cpu.idleWall().toNanos() / 1e9),
          ScaleReport.mib(serve.peakRssKib()), ScaleReport.mib(result.kubectlPeakRssKib()));
      return ScaleReport.apply(result);
    }
  }

  /** The documents {@code serve} with its built-in schemas and policy admits (the same engine, in process). */
  static List<ScaleCorpus.Document> admittedByBuiltInPolicy(List<ScaleCorpus.Document> corpus) {
    Inspector inspector = new PolicyInspector(new ConnectorEngine(SchemaCatalog.builtIn()), Policy::builtIn);
    return corpus.stream().filter(d -> {
      ConfigMap cm = ScaleObjects.connector("apply", d, 0);
      return !inspector.inspect(new ConfigMapView(Origin.admission("apply", cm.getMetadata().getName()),
          cm.getMetadata().getLabels(), Map.of(), cm.getData())).hasErrors();
    }).toList();
  }

  private static long totalMemoryMib() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static void recreate(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
  }
}
