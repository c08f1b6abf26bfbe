package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.kube.DeployController;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's deploy controller options: start-up checks and wiring. */
class ServeDeployJobsTest {

  @Test
  void helpListsTheDeployOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("serve", "--help"), "expected serve --help to exit 0");
    for (String option : List.of("--deploy-jobs", "--connect-url", "--connect-url-allow", "--job-template", "--job-image",
        "--deploy-jobs-concurrency", "--deploy-namespaces", "--lease-namespace", "--lease-name", "--lease-duration",
        "--lease-renew-deadline", "--lease-retry-period", "--deploy-resync", "--kubeconfig", "--context")) {
      assertTrue(out.toString().contains(option), "expected " + option + " in serve --help:\n" + out);
    }
    assertTrue(out.toString().contains("connectgate.io/deploy"), "expected the label named:\n" + out);
  }

  @Test
  void deployJobsWithoutAConnectUrlDoesNotStart(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(), "--deploy-jobs");
    assertNull(serve.start(), "expected serve not to start");
    assertTrue(err.toString().contains("--deploy-jobs needs --connect-url"), "expected the reason on stderr: " + err);
  }

  @Test
  void everyDeployProblemIsListedAtOnce(@TempDir Path dir) throws Exception {
    Path template = dir.resolve("job.yaml");
    Files.writeString(template, "apiVersion: v1\nkind: Pod\n");
    StringWriter err = new StringWriter();
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(), "--deploy-jobs",
        "--connect-url", "http://admin:secret@connect:8083", "--connect-url-allow", "connect-*:8083",
        "--job-template", template.toString(), "--deploy-jobs-concurrency", "17",
        "--deploy-namespaces", "team-a,kube-system,Bad_NS", "--lease-name", "leader",
        "--lease-duration", "5s", "--lease-renew-deadline", "10s",
        "--kubeconfig", dir.resolve("no-such-kubeconfig").toString());
    assertNull(serve.start(), "expected serve not to start");
    for (String problem : List.of("--connect-url is not an http(s) URL", "--connect-url-allow \"connect-*:8083\"",
        "kind must be Job", "--deploy-jobs-concurrency must be between 1 and 16, not 17",
        "connectgate never deploys in kube-system", "\"Bad_NS\" is not a namespace name",
        "--lease-name must be a DNS label that contains \"connectgate\"",
        "--lease-retry-period < --lease-renew-deadline < --lease-duration",
        "no-such-kubeconfig is not a readable file")) {
      assertTrue(err.toString().contains(problem), "expected \"" + problem + "\" on stderr: " + err);
    }
    assertTrue(!err.toString().contains("secret"), "expected the URL's password never printed: " + err);
    assertTrue(!Files.exists(dir.resolve("certs")), "expected nothing started or written before the checks pass");
  }

  @Test
  void optionsComeFromTheEnvironmentAndReachTheController(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u, namespace: platform}}]
        current-context: x
        """);
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    AtomicReference<DeployController.Settings> seen = new AtomicReference<>();
    AtomicBoolean closed = new AtomicBoolean();
    serve.deployJobs.controllers = (settings, jobs) -> {
      seen.set(settings);
      return () -> closed.set(true);
    };
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of(
        "CONNECTGATE_DEPLOY_JOBS", "true",
        "CONNECTGATE_CONNECT_URL", "http://connect.kafka.svc:8083/",
        "CONNECTGATE_CONNECT_URL_ALLOW", "http://connect-*.kafka.svc:8083,https://connect.example.com",
        "CONNECTGATE_DEPLOY_JOBS_CONCURRENCY", "6",
        "CONNECTGATE_LEASE_DURATION", "20s",
        "CONNECTGATE_KUBECONFIG", kubeconfig.toString())));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString());
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start with the deploy controller");
    DeployController.Settings s = seen.get();
    try {
      assertEquals("http://connect.kafka.svc:8083", s.deploy().connectUrl(), "expected the normalised URL");
      assertEquals(2, s.deploy().allowList().patterns().size(), "expected CONNECTGATE_CONNECT_URL_ALLOW split");
      assertEquals(6, s.workers(), "expected CONNECTGATE_DEPLOY_JOBS_CONCURRENCY as the worker count");
      assertEquals(Duration.ofSeconds(20), s.leaseDuration(), "expected CONNECTGATE_LEASE_DURATION");
      assertEquals("platform", s.leaseNamespace(), "expected the Lease in the client's namespace by default");
      assertEquals("connectgate-deploy-controller", s.leaseName(), "expected the default Lease name");
      assertEquals(List.of(), s.namespaces(), "expected the whole cluster by default");
      assertEquals(Set.of("kube-system", "platform"), s.deploy().refusedNamespaces(),
          "expected kube-system and its own namespace refused cluster-wide");
    } finally {
      running.stop(Duration.ofSeconds(1));
    }
    assertTrue(closed.get(), "expected the controller closed when serve stops");
  }

  @Test
  void listedNamespacesAreWatchedAndOnlyKubeSystemRefused(@TempDir Path dir) throws Exception {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    AtomicReference<DeployController.Settings> seen = new AtomicReference<>();
    serve.deployJobs.controllers = (settings, jobs) -> {
      seen.set(settings);
      return () -> { };
    };
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"https://127.0.0.1:1\"}}]\n"
        + "users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n");
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(),
        "--deploy-jobs", "--connect-url", "http://connect:8083", "--deploy-namespaces", "team-a,team-b",
        "--lease-namespace", "connectgate", "--kubeconfig", kubeconfig.toString());
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start");
    running.stop(Duration.ofSeconds(1));
    assertEquals(List.of("team-a", "team-b"), seen.get().namespaces(), "expected the listed namespaces");
    assertEquals("connectgate", seen.get().leaseNamespace(), "expected --lease-namespace");
    assertEquals(Set.of("kube-system"), seen.get().deploy().refusedNamespaces(), "expected only kube-system refused");
  }

  @Test
  void defaultJobImageIsTheChartImage() {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    new CommandLine(serve).parseArgs();
    assertEquals("connectgate:0.1.0", serve.deployJobs.jobImage, "expected the chart's image as the default");
    assertEquals(4, serve.deployJobs.concurrency, "expected 4 workers by default");
  }
}
