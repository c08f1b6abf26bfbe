package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapCheck;
import io.connectgate.admission.DeployJob;
import io.connectgate.admission.JobLaunch;
import io.connectgate.admission.JobLauncher;
import io.connectgate.admission.ScriptedReviewer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** serve's deploy-on-admission options: start-up checks and wiring. */
class ServeDeployJobsTest {

  @Test
  void helpListsTheDeployOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("serve", "--help"), "expected serve --help to exit 0");
    for (String option : List.of("--deploy-jobs", "--connect-url", "--connect-url-allow", "--job-template", "--job-image",
        "--deploy-jobs-concurrency", "--kubeconfig", "--context")) {
      assertTrue(out.toString().contains(option), "expected " + option + " in serve --help:\n" + out);
    }
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
        "--kubeconfig", dir.resolve("no-such-kubeconfig").toString());
    assertNull(serve.start(), "expected serve not to start");
    for (String problem : List.of("--connect-url is not an http(s) URL", "--connect-url-allow \"connect-*:8083\"", "kind must be Job",
        "--deploy-jobs-concurrency must be between 1 and 16, not 17", "no-such-kubeconfig is not a readable file")) {
      assertTrue(err.toString().contains(problem), "expected \"" + problem + "\" on stderr: " + err);
    }
    assertTrue(!err.toString().contains("secret"), "expected the URL's password never printed: " + err);
    assertTrue(!Files.exists(dir.resolve("certs")), "expected nothing started or written before the checks pass");
  }

  @Test
  void optionsComeFromTheEnvironmentAndReachTheLauncher(@TempDir Path dir) throws Exception {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    AtomicReference<String> image = new AtomicReference<>();
    serve.deployJobs.launchers = (template, img) -> {
      image.set(img);
      return (job, bound) -> {
        throw new AssertionError("no review is sent in this test");
      };
    };
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of(
        "CONNECTGATE_DEPLOY_JOBS", "true",
        "CONNECTGATE_CONNECT_URL", "http://connect.kafka.svc:8083",
        "CONNECTGATE_CONNECT_URL_ALLOW", "http://connect-*.kafka.svc:8083,https://connect.example.com",
        "CONNECTGATE_JOB_IMAGE", "registry.example.com/connectgate:9",
        "CONNECTGATE_DEPLOY_JOBS_CONCURRENCY", "6")));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString());
    assertTrue(serve.deployJobs.deployJobs, "expected CONNECTGATE_DEPLOY_JOBS honoured");
    assertEquals(List.of("http://connect-*.kafka.svc:8083", "https://connect.example.com"),
        serve.deployJobs.connectUrlAllow, "expected CONNECTGATE_CONNECT_URL_ALLOW split on commas");
    assertEquals(6, serve.deployJobs.concurrency, "expected CONNECTGATE_DEPLOY_JOBS_CONCURRENCY honoured");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start with deploy-on-admission");
    try {
      assertEquals("registry.example.com/connectgate:9", image.get(), "expected --job-image given to the launcher");
    } finally {
      running.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void defaultJobImageIsTheChartImage() {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    new CommandLine(serve).parseArgs();
    assertEquals("connectgate:0.1.0", serve.deployJobs.jobImage, "expected the chart's image as the default");
    assertEquals(4, serve.deployJobs.concurrency, "expected 4 Job creations at once by default");
  }

  @Test
  void serveBoundsTheJobCallsAndQueuesWhatTheApiCannotTakeNow(@TempDir Path dir) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> launched = new CopyOnWriteArrayList<>();
    /** The Kubernetes side: the first creation hangs until released, the ConfigMaps are as admitted. */
    class SlowApi implements JobLauncher, ConfigMapCheck {
      @Override
      public JobLaunch launch(DeployJob job, Duration bound) {
        launched.add(job.namespace());
        entered.countDown();
        try {
          release.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new JobLaunch(job.dataKey(), "job", JobLaunch.Result.CREATED, "");
      }

      @Override
      public State check(DeployJob job) {
        return State.CURRENT;
      }
    }
    ServeCommand serve = new ServeCommand(); // the real engine
    serve.deployJobs.launchers = (template, image) -> new SlowApi();
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(),
        "--deploy-jobs", "--connect-url", "http://connect.kafka.svc:8083", "--deploy-jobs-concurrency", "1");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start");
    try {
      HttpClient http = HttpClient.newBuilder().sslContext(ServeCommandTest.trusting(dir.resolve("certs/ca.crt"))).build();
      CompletableFuture<HttpResponse<String>> first = http.sendAsync(validate(running, "first"),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(entered.await(20, TimeUnit.SECONDS), "expected the first review's Job creation to start");

      HttpResponse<String> second = http.send(validate(running, "second"), HttpResponse.BodyHandlers.ofString());
      assertTrue(second.body().contains("deploy Job queued: API busy, 1 Job calls waiting"),
          "expected --deploy-jobs-concurrency 1 to queue the second Job at once: " + second.body());

      release.countDown();
      assertTrue(first.get(20, TimeUnit.SECONDS).body().contains("\"allowed\":true"), "expected the first admitted");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!launched.contains("second") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of("first", "second"), launched, "expected the queued Job created in the background");
      String metrics = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + running.port() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("connectgate_deploy_jobs_deferred_total{outcome=\"created\"} 1.0"),
          "expected the queued Job counted as created: " + metrics);
    } finally {
      release.countDown();
      running.stop(Duration.ofSeconds(1));
    }
  }

  /** The API server's CREATE review of the example ConfigMap, annotated for deploying, in namespace {@code ns}. */
  private static HttpRequest validate(ServeCommand.Running running, String ns) throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode review;
    try (InputStream in = ServeDeployJobsTest.class.getResourceAsStream("/admission-reviews/create-validate.json")) {
      review = (ObjectNode) json.readTree(in);
    }
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("namespace", ns);
    ObjectNode metadata = (ObjectNode) request.get("object").get("metadata");
    metadata.put("namespace", ns);
    ((ObjectNode) metadata.get("annotations")).put("connectgate.io/deploy", "true");
    return HttpRequest.newBuilder(URI.create("https://localhost:" + running.port() + "/validate?timeout=10s"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(review))).build();
  }
}
