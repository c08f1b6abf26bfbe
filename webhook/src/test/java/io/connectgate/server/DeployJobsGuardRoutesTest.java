package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.DeployOnAdmission;
import io.connectgate.admission.JobCallGuard;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.kube.DeployJobs;
import io.connectgate.kube.JobTemplate;
import io.connectgate.policy.Policy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link JobCallGuard} as {@code serve --deploy-jobs} wires it, through the real HTTPS /validate
 * route and the real engine, against Fabric8's CRUD mock API server made slow or failing: a
 * burst of annotated ConfigMaps waits on the API with at most two calls and the rest are
 * admitted at once; an unavailable API pauses creation and the first call after the pause
 * resumes it. A fresh server and guard per test, so no failure count carries over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployJobsGuardRoutesTest {

  static final Duration BOUND = Duration.ofSeconds(1);
  static final Duration PAUSE = Duration.ofSeconds(3);
  static final int MAX_IN_FLIGHT = 2;

  final ConfigMapReviewer reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);
  final AtomicInteger namespaces = new AtomicInteger();
  JobApiFaults api;
  KubernetesMockServer kube;
  KubernetesClient client;
  JobCallGuard guard;
  TestWebhook webhook;
  HttpClient http;

  @BeforeAll
  void startApi() {
    api = new JobApiFaults();
    kube = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
    kube.init(InetAddress.getLoopbackAddress(), 0);
    client = kube.createClient();
  }

  @BeforeEach
  void startWebhook(@TempDir Path certDir) throws Exception {
    guard = new JobCallGuard(DeployJobs.connect(client.getConfiguration(), JobTemplate.builtIn(), "connectgate:test",
        BOUND), new JobCallGuard.Limits(MAX_IN_FLIGHT, 3, PAUSE));
    webhook = TestWebhook.start(certDir, reviewer, DeployOnAdmission.enabled(new DeployOnAdmission.Settings(
        "http://connect.kafka.svc:8083", ConnectUrlAllowList.none(), BOUND), guard));
    http = webhook.client(HttpClient.Version.HTTP_2);
    api.createRequests.set(0);
  }

  @AfterEach
  void stopWebhook() throws Exception {
    api.failCreates = false;
    api.delayCreates = Duration.ZERO;
    try {
      webhook.close();
    } finally {
      guard.close();
    }
  }

  @AfterAll
  void stopApi() {
    client.close();
    kube.destroy();
  }

  @Test
  void aBurstAgainstAHungApiWaitsOnTwoCallsAndAdmitsTheRestAtOnce() throws Exception {
    api.delayCreates = Duration.ofSeconds(10); // never answers within the bound
    int burst = 10;
    double skippedBefore = deployMetric("skipped");
    ExecutorService senders = Executors.newFixedThreadPool(burst);
    List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < burst; i++) {
        ObjectNode review = annotatedReview();
        answers.add(CompletableFuture.supplyAsync(() -> validate(review), senders));
      }
      int waited = 0;
      int skipped = 0;
      for (CompletableFuture<JsonNode> answer : answers) {
        JsonNode response = answer.get(30, TimeUnit.SECONDS);
        assertTrue(response.path("allowed").asBoolean(false), "expected every ConfigMap admitted: " + response);
        String warnings = response.path("warnings").toString();
        if (warnings.contains("data[replicator-connector.json]: no deploy Job: Kubernetes API busy, "
            + MAX_IN_FLIGHT + " Job calls waiting; re-apply to retry")) {
          skipped++;
        } else if (warnings.contains("no API answer in " + BOUND.toMillis() + " ms")) {
          waited++;
        } else {
          throw new AssertionError("expected a skipped or timed-out Job warning: " + response);
        }
      }
      assertEquals(MAX_IN_FLIGHT, api.createRequests.get(), "expected only " + MAX_IN_FLIGHT + " calls to reach the API");
      assertEquals(MAX_IN_FLIGHT, waited, "expected " + MAX_IN_FLIGHT + " reviews to wait for the API's timeout");
      assertEquals(burst - MAX_IN_FLIGHT, skipped, "expected the rest admitted without waiting");
      assertEquals(skippedBefore + skipped, deployMetric("skipped"), "expected connectgate_deploy_jobs_total{skipped}");
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void anUnavailableApiPausesCreationAndTheFirstCallAfterThePauseResumesIt() throws Exception {
    api.failCreates = true; // HTTP 500
    for (int i = 0; i < 3; i++) {
      JsonNode response = validate(annotatedReview());
      assertTrue(response.path("warnings").toString().contains("API HTTP 500"),
          "expected failure " + i + " to come from the API: " + response);
    }
    JsonNode paused = validate(annotatedReview());
    assertTrue(paused.path("allowed").asBoolean(false), "expected the ConfigMap admitted while paused: " + paused);
    assertTrue(paused.path("warnings").toString().contains("data[replicator-connector.json]: no deploy Job: Job creation paused after 3 API failures in a row;"),
        "expected the pause named in the warning: " + paused);
    assertEquals(3, api.createRequests.get(), "expected no API call while creation is paused");

    api.failCreates = false;
    Thread.sleep(PAUSE.toMillis() + 200);
    ObjectNode review = annotatedReview();
    JsonNode resumed = validate(review);
    assertTrue(resumed.path("warnings").isMissingNode(), "expected a Job created without warning: " + resumed);
    String namespace = review.get("request").get("namespace").asString();
    assertEquals(1, client.batch().v1().jobs().inNamespace(namespace).list().getItems().size(),
        "expected the Job created once the pause ended");
    assertEquals(4, api.createRequests.get(), "expected one call after the pause");
  }

  ObjectNode annotatedReview() throws Exception {
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture("create-validate.json"));
    String namespace = "guard-" + namespaces.incrementAndGet();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("namespace", namespace);
    ObjectNode metadata = (ObjectNode) request.get("object").get("metadata");
    metadata.put("namespace", namespace);
    ((ObjectNode) metadata.get("annotations")).put(DeployOnAdmission.DEPLOY_ANNOTATION, "true");
    return review;
  }

  JsonNode validate(ObjectNode review) {
    try {
      HttpResponse<String> response = webhook.post(http, "/validate?timeout=5s", "application/json",
          TestWebhook.JSON.writeValueAsBytes(review));
      assertEquals(200, response.statusCode(), "expected HTTP 200 for a review, got " + response.body());
      return TestWebhook.json(response.body()).get("response");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  double deployMetric(String outcome) throws Exception {
    String text = webhook.get(http, "/metrics").body();
    Matcher m = Pattern.compile("(?m)^connectgate_deploy_jobs_total\\{outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
        .matcher(text);
    assertTrue(m.find(), "expected connectgate_deploy_jobs_total{outcome=\"" + outcome + "\"} in /metrics");
    return Double.parseDouble(m.group(1));
  }
}
