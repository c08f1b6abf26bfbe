package io.connectgate.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run each of {@code connectgate audit -A -o json} (the shaded jar in a child JVM) and
 * {@code kubectl get configmaps -A -o json} over the same API server: wall time, peak RSS,
 * the heap their garbage collectors reported, the API requests the server answered meanwhile,
 * and how many ConfigMaps each saw.
 */
final class ListingComparison {

  /** One measured listing. {@code summary} is what the tool said it saw. */
  record Run(String tool, int round, Duration wall, long peakRssKib, PeakHeap heap, ApiRequests requests,
      int configMaps, String summary) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient admin;
  private final Path kubeconfig;
  private final Path jar;
  private final List<String> jvmOptions;
  private final Path dir;
  private final Duration timeout;
  private final ApiRequests idle;

  private static List<String> scope(String namespace) {
    return namespace == null ? List.of("-A") : List.of("-n", namespace);
  }

  ListingComparison(KubernetesClient admin, Path kubeconfig, Path jar, List<String> jvmOptions, Path dir,
      Duration timeout) {
    this.admin = admin;
    this.kubeconfig = kubeconfig;
    this.jar = jar;
    this.jvmOptions = jvmOptions;
    this.dir = dir;
    this.timeout = timeout;
    this.idle = ApiRequests.idle(admin);
  }

  /** What two back-to-back metric readings count with no child running (subtracted from each run). */
  ApiRequests idle() {
    return idle;
  }

  /** Round 0 lists {@code namespace} only (empty: the fixed cost of a run), later rounds every namespace. */
  Run audit(int round, String namespace) throws IOException, InterruptedException {
    String label = "audit-" + round;
    Path gcLog = dir.resolve(label + ".gc.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-Xlog:gc,gc+heap+exit:file=" + gcLog,
        "-jar", jar.toString(), "audit", "-o", "json", "--kubeconfig", kubeconfig.toString()));
    command.addAll(scope(namespace));
    ApiRequests before = ApiRequests.read(admin);
    MeasuredProcess.Result result = MeasuredProcess.run(label, command, Map.of(), dir, timeout);
    ApiRequests requests = ApiRequests.read(admin).minus(before).minus(idle);
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      throw new IOException("audit exited with " + result.exitCode() + ":\n" + result.stderrTail());
    }
    JsonNode summary = JSON.readTree(result.stdout().toFile()).path("summary");
    return new Run("connectgate audit -o json", round, result.wall(), result.peakRssKib(),
        PeakHeap.fromJvmGcLog(Files.readAllLines(gcLog, StandardCharsets.UTF_8)), requests,
        summary.path("configMaps").asInt(-1),
        summary.path("connectors").asInt(-1) + " connectors, " + summary.path("errors").asInt(-1) + " errors, "
            + summary.path("warnings").asInt(-1) + " warnings, " + summary.path("pages").asInt(-1) + " pages");
  }

  Run kubectl(int round, String namespace) throws IOException, InterruptedException {
    String label = "kubectl-get-" + round;
    List<String> command = new ArrayList<>(List.of(Kubectl.path(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kubectl-cache").toString(), "get", "configmaps", "-o", "json"));
    command.addAll(scope(namespace));
    ApiRequests before = ApiRequests.read(admin);
    MeasuredProcess.Result result = MeasuredProcess.run(label, command, Map.of("GODEBUG", "gctrace=1"), dir,
        timeout);
    ApiRequests requests = ApiRequests.read(admin).minus(before).minus(idle);
    if (result.exitCode() != 0) {
      throw new IOException("kubectl get exited with " + result.exitCode() + ":\n" + result.stderrTail());
    }
    int items = JSON.readTree(result.stdout().toFile()).path("items").size();
    long bytes = Files.size(result.stdout());
    Files.delete(result.stdout()); // tens of MB per round
    return new Run("kubectl get configmaps -o json", round, result.wall(), result.peakRssKib(),
        PeakHeap.fromGoGcTrace(Files.readAllLines(result.stderr(), StandardCharsets.UTF_8)), requests, items,
        String.format("%.1f MiB of JSON", bytes / 1048576.0));
  }
}
