package io.connectgate.bench;

import io.connectgate.tls.CertificateAuthority;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateSet;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Faults under load (README "Performance"): two {@code serve} child processes on loopback
 * behind {@link FaultClient} (fixed rate of the example chart's review to /validate over
 * keep-alive HTTPS, retry once on the other instance on a connection failure), while these
 * faults happen one after the other, each in its own window: the TLS certificate rotated
 * (kubelet-style {@code ..data} swap, a new leaf from the same CA), the policy reloaded (a
 * good version, then a broken one), the Kubernetes API for deploy Jobs up, stopped and back
 * (reviews carry {@code connectgate.io/deploy: "true"}, each for another ConfigMap, so each
 * wants a Job of its own), and SIGTERM to one instance. Prints per window what was sent,
 * answered, failed and the latency, and how long after the API came back Jobs were created
 * again. Bounded (about 3 minutes), not part of {@code mvn verify}; run with
 * {@code scripts/fault-load.sh}.
 *
 * <p>Arguments (all optional): {@code rate=400 window=20 deployEvery=7 jvm="-Xmx256m"
 * jar=webhook/target/connectgate.jar}.
 */
public final class FaultLoad {

  private static final String POLICY_HEAD = "apiVersion: connectgate.io/v1\nkind: ConnectorPolicy\nrules:\n";

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    int rate = a.integer("rate", 400);
    int window = a.integer("window", 20);
    // Odd, so that the annotated reviews alternate between the instances like the others.
    int deployEvery = a.integer("deployEvery", 7);
    Path jar = Path.of(a.text("jar", Files.exists(Path.of("webhook/target/connectgate.jar"))
        ? "webhook/target/connectgate.jar" : "target/connectgate.jar"));
    List<String> jvmOptions = List.of(a.text("jvm", "-Xmx256m").trim().split("\\s+"));

    Path work = Files.createTempDirectory("connectgate-faults");
    Path certDir = Files.createDirectories(work.resolve("certs"));
    Path policyDir = Files.createDirectories(work.resolve("policy"));
    CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
    CertificateAuthority ca = generator.newAuthority(CertificateGenerator.CA_VALIDITY);
    KubeletMount certs = new KubeletMount(certDir);
    certs.publish(certFiles(generator.issue(ca, List.of("localhost"), CertificateGenerator.LEAF_VALIDITY)));
    KubeletMount policy = new KubeletMount(policyDir);
    policy.publish(Map.of("policy.yaml", POLICY_HEAD + "  maxTasks: {action: deny, max: 8}\n"));

    // The Kubernetes API for deploy Jobs: Fabric8's CRUD mock, reached through KUBECONFIG.
    // The mock logs every request at INFO through java.util.logging, in this process: quiet,
    // so the load generator's core is not spent printing.
    Logger mockLog = Logger.getLogger("io.fabric8.mockwebserver");
    mockLog.setLevel(Level.WARNING);
    // One dispatcher for the API's whole life, so the Jobs created before the outage are still
    // there after it (a restarted API server keeps etcd).
    StoredConfigMaps store = new StoredConfigMaps();
    KubernetesMockServer[] kube = {mockApi(store, 0)};
    int kubePort = kube[0].getPort();
    Path kubeconfig = work.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfig(kubePort));

    Buffer review = Buffer.buffer(ExampleReview.body());
    // In the deploy windows every deployEvery-th review is deploy-annotated, and each of those
    // is another ConfigMap (name, uid), so another Job: a burst such as a GitOps sync of many
    // connectors (rate/deployEvery new connectors a second), not the same one re-applied.
    Supplier<Buffer> deployReviews = mixed(review,
        rotation(deployAnnotated(ExampleReview.body(), 3 * rate * window / deployEvery + 1, store)), deployEvery);
    SSLContext probeTls = io.connectgate.testing.TrustingTls.trusting(certDir.resolve("ca.crt"));
    List<String> serveOptions = List.of("--shutdown-grace", "10s", "--drain-delay", "2s",
        "--cert-poll-interval", "500ms", "--policy", policyDir.resolve("policy.yaml").toString(),
        "--policy-poll-interval", "500ms", "--deploy-jobs", "--connect-url", "http://connect.kafka.svc:8083");
    Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());

    System.out.printf("connectgate faults under load %s%n", Instant.now());
    System.out.printf("machine: %d cores (%s), load average before: %s%n",
        Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), Machine.loadAverage());
    System.out.printf("two instances of %s serve %s; %d reviews/s alternating between them, %d s windows%n",
        jar, String.join(" ", jvmOptions), rate, window);

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    List<FaultWindow> windows = new ArrayList<>();
    try (ServerProcess first = ServerProcess.start(jar, certDir, work.resolve("server-a.log"), probeTls, jvmOptions,
        serveOptions, env);
        ServerProcess second = ServerProcess.start(jar, certDir, work.resolve("server-b.log"), probeTls, jvmOptions,
            serveOptions, env)) {
      System.out.printf("ready: instance A on %d (%d ms), B on %d (%d ms); logs in %s%n", first.port,
          first.startupToReady.toMillis(), second.port, second.startupToReady.toMillis(), work);
      HttpClient http = vertx.createHttpClient(new HttpClientOptions()
              .setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true).setSsl(true).setVerifyHost(true)
              .setTrustOptions(new PemTrustOptions().addCertPath(certDir.resolve("ca.crt").toString())),
          new PoolOptions().setHttp1MaxSize(16));
      FaultClient load = new FaultClient(vertx, http, first.port, second.port);
      Duration w = Duration.ofSeconds(window);

      // Both JVMs compile their hot paths in the first seconds: a window of its own, so the
      // baseline and the faults are measured on warm servers.
      FaultWindow warmup = new FaultWindow("0. warm-up (no fault, JIT compiling)", review);
      windows.add(warmup);
      load.start(rate, warmup);
      sleep(w.dividedBy(2));
      enter(load, windows, "baseline (no fault)", review);
      sleep(w);

      FaultWindow rotation = enter(load, windows, "1. certificate rotated (same CA, ..data swap)", review);
      sleep(w.dividedBy(4));
      certs.publish(certFiles(generator.issue(ca, List.of("localhost"), CertificateGenerator.LEAF_VALIDITY)));
      sleep(w.minus(w.dividedBy(4)));
      System.out.printf("after rotation: A %s; B %s%n", metrics(probeTls, first.port, "tls_reloads"),
          metrics(probeTls, second.port, "tls_reloads"));

      enter(load, windows, "2. policy reloaded: good, then broken", review);
      sleep(w.dividedBy(4));
      policy.publish(Map.of("policy.yaml", POLICY_HEAD + "  maxTasks: {action: deny, max: 16}\n"));
      sleep(w.dividedBy(4));
      policy.publish(Map.of("policy.yaml", POLICY_HEAD + "  maxTasks: {action: explode, max: -1}\n"));
      sleep(w.dividedBy(2));
      System.out.printf("after policy reloads: A %s; B %s%n", metrics(probeTls, first.port, "policy_reload"),
          metrics(probeTls, second.port, "policy_reload"));

      enter(load, windows, "3a. 1 in " + deployEvery + " deploy-annotated (each a new ConfigMap), Kubernetes API up", deployReviews);
      sleep(w);
      System.out.printf("API up: A %s; B %s%n", metrics(probeTls, first.port, "deploy_jobs"),
          metrics(probeTls, second.port, "deploy_jobs"));
      enter(load, windows, "3b. the same, Kubernetes API stopped", deployReviews);
      kube[0].destroy();
      sleep(w);
      System.out.printf("API stopped: A %s; B %s%n", metrics(probeTls, first.port, "deploy_jobs"),
          metrics(probeTls, second.port, "deploy_jobs"));
      enter(load, windows, "3c. the same, Kubernetes API back", deployReviews);
      double createdA = sample(probeTls, first.port, "deploy_jobs_total{outcome=\"created\"");
      double createdB = sample(probeTls, second.port, "deploy_jobs_total{outcome=\"created\"");
      long restarted = System.nanoTime();
      kube[0] = mockApi(store, kubePort);
      long[] resumedAfter = {-1, -1};
      long[] drainedAfter = {-1, -1};
      ServerProcess[] both = {first, second};
      double[] createdBefore = {createdA, createdB};
      // The outage's backlog: what was queued by now; drained when as many queued Jobs have settled.
      double[] queuedBefore = {sample(probeTls, first.port, "deploy_jobs_total{outcome=\"queued\""),
          sample(probeTls, second.port, "deploy_jobs_total{outcome=\"queued\"")};
      while (System.nanoTime() - restarted < w.toNanos() && (drainedAfter[0] < 0 || drainedAfter[1] < 0)) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        for (int i = 0; i < 2; i++) {
          if (resumedAfter[i] < 0 && sample(probeTls, both[i].port, "deploy_jobs_total{outcome=\"created\"") > createdBefore[i]) {
            resumedAfter[i] = elapsed;
          }
          if (drainedAfter[i] < 0 && settled(probeTls, both[i].port) >= queuedBefore[i]) {
            drainedAfter[i] = elapsed;
          }
        }
        Thread.sleep(50);
      }
      System.out.printf("API back: Jobs created again after %d ms on A, %d ms on B; the outage's queue settled after"
          + " %d ms on A, %d ms on B (-1: not within the window)%n", resumedAfter[0], resumedAfter[1], drainedAfter[0],
          drainedAfter[1]);
      sleep(w.minusNanos(System.nanoTime() - restarted));
      System.out.printf("API back: A %s; B %s%n", metrics(probeTls, first.port, "deploy_jobs"),
          metrics(probeTls, second.port, "deploy_jobs"));
      // Windows 3a-3c queued Jobs; whatever 3c still queued settles during window 4.

      enter(load, windows, "4. SIGTERM to instance B", review);
      sleep(w.dividedBy(4));
      load.terminating(1);
      long signalled = System.nanoTime();
      second.process.destroy();
      boolean exited = second.process.waitFor(window, TimeUnit.SECONDS);
      System.out.printf("instance B: SIGTERM to exit %d ms (exit code %s)%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled),
          exited ? Integer.toString(second.process.exitValue()) : "still running");
      sleep(w.minus(w.dividedBy(4)).minusNanos(System.nanoTime() - signalled));
      load.stop(15);
      System.out.printf("at the end: A %s%n", metrics(probeTls, first.port, "deploy_jobs"));
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      System.out.println();
      System.out.println(FaultWindow.header());
      windows.forEach(x -> System.out.println(x.row()));
      for (FaultWindow x : windows) {
        if (x.unanswered() > 0) {
          System.out.printf("%s: last failure: %s%n", x.name, x.lastFailure);
        }
      }
      long outside = windows.stream().mapToLong(x -> x.failed + (x.sent - x.answered - x.unanswered())).sum();
      System.out.printf("unanswered outside the terminated instance's drain: %d (goal 0)%n", outside);
      System.out.printf("load average after: %s%n", Machine.loadAverage());
      mockLog.fine("quiet until the end");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      kube[0].destroy();
    }
  }

  private static FaultWindow enter(FaultClient load, List<FaultWindow> windows, String name, Buffer body) {
    return enter(load, windows, name, () -> body);
  }

  private static FaultWindow enter(FaultClient load, List<FaultWindow> windows, String name,
      Supplier<Buffer> bodies) {
    FaultWindow next = new FaultWindow(name, bodies);
    windows.add(next);
    load.enter(next);
    return next;
  }

  private static Map<String, String> certFiles(CertificateSet set) {
    return Map.of("tls.crt", set.certPem(), "tls.key", set.keyPem(), "ca.crt", set.caCertPem());
  }

  /** Fabric8's CRUD mock on loopback (port 0: any free one) over the given store. */
  private static KubernetesMockServer mockApi(KubernetesCrudDispatcher store, int port) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        store, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return server;
  }

  /**
   * {@code count} copies of the example review, annotated connectgate.io/deploy: "true", each
   * for another ConfigMap: its own name and the uid the Job's owner reference needs.
   */
  private static List<Buffer> deployAnnotated(byte[] review, int count, StoredConfigMaps store) throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    List<Buffer> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode root = (ObjectNode) json.readTree(review);
      ObjectNode request = (ObjectNode) root.get("request");
      ObjectNode metadata = (ObjectNode) request.get("object").get("metadata");
      String name = "replicator-" + i;
      request.put("name", name);
      metadata.put("name", name);
      metadata.put("uid", new UUID(0x6f1c2a528a3e4c55L, i).toString());
      ObjectNode annotations = metadata.has("annotations") ? (ObjectNode) metadata.get("annotations")
          : metadata.putObject("annotations");
      annotations.put("connectgate.io/deploy", "true");
      out.add(Buffer.buffer(json.writeValueAsBytes(root)));
      store.put(request.get("namespace").asString(), name, json.writeValueAsString(request.get("object")));
    }
    return out;
  }

  /** {@code plain}, and every {@code every}-th time one of {@code annotated} instead (event loop only). */
  private static Supplier<Buffer> mixed(Buffer plain, Supplier<Buffer> annotated, int every) {
    int[] n = {0};
    return () -> n[0]++ % every == 0 ? annotated.get() : plain;
  }

  /** The bodies in turn, from the start again after the last (the client's event loop only calls it). */
  private static Supplier<Buffer> rotation(List<Buffer> bodies) {
    int[] next = {0};
    return () -> bodies.get(next[0]++ % bodies.size());
  }

  private static String kubeconfig(int port) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: http://127.0.0.1:%d
        users:
        - name: mock
          user:
            token: not-a-secret
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
            namespace: default
        current-context: mock
        """.formatted(port);
  }

  /** Queued Jobs settled so far, whatever their outcome. */
  private static double settled(SSLContext tls, int port) {
    double sum = 0;
    for (String outcome : List.of("created", "existing", "superseded", "expired", "failed")) {
      sum += sample(tls, port, "deploy_jobs_deferred_total{outcome=\"" + outcome + "\"");
    }
    return sum;
  }

  /** The value of the instance's first {@code connectgate_<prefix>...} sample, or -1 when it cannot be read. */
  private static double sample(SSLContext tls, int port, String prefix) {
    for (String sample : metrics(tls, port, prefix).split(", ")) {
      if (sample.startsWith(prefix)) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  /** The instance's {@code connectgate_<prefix>*} samples, on one line. */
  private static String metrics(SSLContext tls, int port, String prefix) {
    try {
      String text = java.net.http.HttpClient.newBuilder().sslContext(tls).build()
          .send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
      return text.lines().filter(l -> l.startsWith("connectgate_" + prefix))
          .map(l -> l.replace("connectgate_", "")).collect(Collectors.joining(", "));
    } catch (Exception e) {
      return "metrics unavailable: " + e;
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative()) {
      Thread.sleep(d.toMillis());
    }
  }
}
