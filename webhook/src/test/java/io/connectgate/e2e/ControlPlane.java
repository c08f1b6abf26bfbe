package io.connectgate.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real Kubernetes control plane for end-to-end tests: etcd and kube-apiserver as child
 * processes on free loopback ports, with certificates generated for this run. No nodes, no
 * controller-manager, no scheduler: enough to store objects and to call admission webhooks.
 *
 * <p>Tests normally get the shared instance through {@link ControlPlaneTest}; {@link #start()}
 * gives a private one.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Duration ETCD_START = Duration.ofSeconds(30);
  // kube-apiserver 1.20 needs 10-30 s on a busy 2-core machine before /readyz says ok.
  private static final Duration APISERVER_START = Duration.ofSeconds(120);
  private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);
  /** Service cluster IPs: loopback only (the first one is the {@code kubernetes} Service's). */
  public static final String SERVICE_CLUSTER_IP_RANGE = "127.0.100.0/24";

  private final KubeBinaries binaries;
  private final Path workDir;
  private final List<ChildProcess> children = new ArrayList<>();
  private final Thread shutdownHook;
  private String serverUrl;
  private Path kubeconfig;
  private KubernetesClient client;

  private ControlPlane(KubeBinaries binaries, Path workDir) {
    this.binaries = binaries;
    this.workDir = workDir;
    // Children must not outlive a JVM that exits without closing (Ctrl-C, surefire timeout).
    this.shutdownHook = new Thread(() -> {
      stopChildren();
      deleteRecursively(workDir);
    }, "connectgate-e2e-control-plane-stop");
  }

  /** Starts a control plane with binaries from KUBE_API_TEST_DIR, the cache or PATH. */
  public static ControlPlane start() {
    KubeBinaries binaries = KubeBinaries.locate(System.getenv());
    Path workDir;
    try {
      workDir = Files.createTempDirectory("connectgate-e2e-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for the control plane", e);
    }
    ControlPlane plane = new ControlPlane(binaries, workDir);
    Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
    try {
      plane.boot();
      return plane;
    } catch (RuntimeException | Error e) {
      // Errors too (a NoClassDefFoundError while building the client): never leave children running.
      plane.close();
      throw e;
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig file with admin (system:masters) credentials, valid while this plane runs. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public String serverUrl() {
    return serverUrl;
  }

  /**
   * A new client that acts as {@code serviceAccount} in {@code namespace} through impersonation
   * (the admin may impersonate anyone): the API server authorizes each call with that account's
   * RBAC, as for a pod running under it. The caller closes it.
   */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    Config config = Config.fromKubeconfig(read(kubeconfig));
    config.setImpersonateUsername(ServiceAccountIdentity.user(namespace, serviceAccount));
    config.setImpersonateGroups(ServiceAccountIdentity.groups(namespace).toArray(String[]::new));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Environment variables that make Fabric8's {@code Config.autoConfigure} (connectgate without
   * {@code --kubeconfig}, given {@code KUBECONFIG} = {@link #kubeconfig()}) act as
   * {@code serviceAccount}: Fabric8 ignores a kubeconfig's {@code as}, but reads these.
   */
  public Map<String, String> impersonationEnvironment(String namespace, String serviceAccount) {
    return Map.of("KUBERNETES_IMPERSONATE_USERNAME", ServiceAccountIdentity.user(namespace, serviceAccount),
        "KUBERNETES_IMPERSONATE_GROUP", String.join(",", ServiceAccountIdentity.groups(namespace)));
  }

  /**
   * A kubeconfig file (kubectl's {@code as} and {@code as-groups}) acting as
   * {@code serviceAccount} in {@code namespace}, for kubectl; valid while this plane runs.
   */
  public Path kubeconfigAs(String namespace, String serviceAccount) {
    String name = "kubeconfig-" + namespace + "-" + serviceAccount;
    return write(name, Kubeconfig.impersonating(read(kubeconfig),
        ServiceAccountIdentity.user(namespace, serviceAccount), ServiceAccountIdentity.groups(namespace)));
  }

  /** Runs {@code kubectl --kubeconfig <this plane> args...} and returns what it printed. */
  public CommandResult kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(binaries.kubectl().toString(),
        "--kubeconfig", kubeconfig.toString(), "--cache-dir", workDir.resolve("kubectl-cache").toString()));
    command.addAll(List.of(args));
    return Processes.run(command, workDir, KUBECTL_TIMEOUT);
  }

  private void boot() {
    Instant started = Instant.now();
    TestCa ca = TestCa.generate("connectgate-e2e-ca");
    TestCa.Issued serving = ca.issueServer("kube-apiserver");
    TestCa.Issued admin = ca.issueClient("connectgate-e2e-admin", "system:masters");
    KeyPair serviceAccountKeys = TestCa.rsaKeyPair();
    Path caFile = write("ca.crt", ca.certificatePem());
    Path servingCert = write("apiserver.crt", serving.certificatePem());
    Path servingKey = write("apiserver.key", serving.keyPem());
    Path saPublic = write("sa.pub", Pem.publicKey(serviceAccountKeys.getPublic()));
    Path saPrivate = write("sa.key", Pem.privateKey(serviceAccountKeys.getPrivate()));

    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    int apiserverPort = freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + etcdPeerPort;

    ChildProcess etcd = ChildProcess.start("etcd", List.of(binaries.etcd().toString(),
        "--name=e2e",
        "--data-dir=" + workDir.resolve("etcd-data"),
        "--listen-client-urls=" + etcdUrl,
        "--advertise-client-urls=" + etcdUrl,
        "--listen-peer-urls=" + peerUrl,
        "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=e2e=" + peerUrl),
        etcdEnvironment(), workDir);
    children.add(etcd);
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    awaitHealthy(etcd, plain, URI.create(etcdUrl + "/health"), ETCD_START);

    serverUrl = "https://127.0.0.1:" + apiserverPort;
    List<String> apiserverArgs = new ArrayList<>(List.of(binaries.kubeApiserver().toString(),
        "--etcd-servers=" + etcdUrl,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + apiserverPort,
        "--cert-dir=" + workDir.resolve("apiserver-certs"),
        "--tls-cert-file=" + servingCert,
        "--tls-private-key-file=" + servingKey,
        "--client-ca-file=" + caFile,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + saPublic,
        "--service-account-signing-key-file=" + saPrivate,
        // Inside 127.0.0.0/8: the `kubernetes` Service gets 127.0.100.1, so no address this plane
        // hands out leads off the machine.
        "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
        // A webhook that references a Service is dialled at its Endpoints, not at a cluster IP
        // nothing here routes.
        "--enable-aggregator-routing=true",
        // RBAC as in a real cluster: the admin is in system:masters; tests check a chart's
        // Roles by impersonating its ServiceAccount (clientAs, kubeconfigAs).
        "--authorization-mode=RBAC",
        // ServiceAccount admission waits for a controller that does not run here.
        "--disable-admission-plugins=ServiceAccount",
        // Flow control costs CPU and is pointless with one client.
        "--enable-priority-and-fairness=false"));
    if (binaries.apiserverMinorVersion() < 24) {
      apiserverArgs.add("--insecure-port=0"); // before 1.24 the default may open port 8080
    }
    ChildProcess apiserver = ChildProcess.start("kube-apiserver", apiserverArgs, Map.of(), workDir);
    children.add(apiserver);
    SSLContext adminTls = ca.sslContext(admin);
    HttpClient tls = HttpClient.newBuilder().sslContext(adminTls).connectTimeout(Duration.ofSeconds(2)).build();
    awaitHealthy(apiserver, tls, URI.create(serverUrl + "/readyz"), APISERVER_START);

    kubeconfig = write("kubeconfig", Kubeconfig.render(serverUrl, ca.certificatePem(), admin));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig))).build();
    System.out.printf("[connectgate-e2e] control plane ready at %s in %d ms (work dir %s)%n", serverUrl,
        Duration.between(started, Instant.now()).toMillis(), workDir);
  }

  private static Map<String, String> etcdEnvironment() {
    // etcd refuses to start on arm64 unless told it is fine.
    String arch = System.getProperty("os.arch");
    return arch.equals("aarch64") ? Map.of("ETCD_UNSUPPORTED_ARCH", "arm64") : Map.of();
  }

  private static void awaitHealthy(ChildProcess child, HttpClient http, URI uri, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      child.requireAlive();
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) return;
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + child.name(), e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(child.name() + " was not healthy at " + uri + " within " + timeout
        + " (last: " + last + "); last lines of its log:\n" + child.logTail());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private Path write(String name, String content) {
    try {
      Path file = workDir.resolve(name);
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void stopChildren() {
    // Reverse order: the API server first, so it does not log etcd connection errors.
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).stop();
    }
  }

  @Override
  public void close() {
    if (client != null) client.close();
    stopChildren();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to: nothing to remove
    }
    deleteRecursively(workDir);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[connectgate-e2e] could not delete " + dir + ": " + e);
    }
  }
}
