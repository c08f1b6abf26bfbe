package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.DeployOnAdmission;
import io.connectgate.admission.DeferredJobs;
import io.connectgate.admission.JobCallGuard;
import io.connectgate.admission.JobLaunchers;
import io.connectgate.admission.Review;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.kube.DeployJobs;
import io.connectgate.kube.JobTemplate;
import io.connectgate.policy.Policy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@link JobCallGuard} and {@link DeferredJobs} as {@code serve --deploy-jobs} wires them
 * ({@link JobLaunchers}), through the real HTTPS /validate route and the real engine, against
 * Fabric8's CRUD mock API server made slow or failing: a burst of annotated ConfigMaps waits on
 * the API with at most two calls, the rest are admitted at once, and every Job is created once
 * the API answers; an unavailable API pauses creation, and a queued Job is created only if its
 * ConfigMap still holds the admitted content. A fresh server, guard and backlog per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployJobsGuardRoutesTest {

  static final Duration BOUND = Duration.ofSeconds(1);
  static final Duration PAUSE = Duration.ofSeconds(3);
  static final Duration SETTLE = Duration.ofSeconds(2);
  static final int MAX_IN_FLIGHT = 2;

  final ConfigMapReviewer reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);
  final AtomicInteger namespaces = new AtomicInteger();
  JobApiFaults.Running kube;
  JobApiFaults api;
  KubernetesClient client;
  JobLaunchers launchers;
  final List<String> deferred = Collections.synchronizedList(new ArrayList<>());
  TestWebhook webhook;
  HttpClient http;

  @BeforeAll
  void startApi() {
    kube = JobApiFaults.start();
    api = kube.api();
    client = kube.client();
  }

  @BeforeEach
  void startWebhook(@TempDir Path certDir) throws Exception {
    // As serve wires it, with a short settle time so a superseded entry is dropped within the test.
    launchers = JobLaunchers.assemble(DeployJobs.connect(client.getConfiguration(), JobTemplate.builtIn(),
            "connectgate:test", BOUND), new JobCallGuard.Limits(MAX_IN_FLIGHT, 3, PAUSE),
        new DeferredJobs.Settings(100, Duration.ofMinutes(1), SETTLE, BOUND, 2), deferred::add);
    webhook = TestWebhook.start(certDir, reviewer, DeployOnAdmission.enabled(new DeployOnAdmission.Settings(
        "http://connect.kafka.svc:8083", ConnectUrlAllowList.none(), BOUND), launchers.launcher()));
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
      launchers.resources().close();
      deferred.clear();
    }
  }

  @AfterAll
  void stopApi() {
    kube.close();
  }

  @Test
  void aBurstAgainstAHungApiWaitsOnTwoCallsQueuesTheRestAndDeploysEveryOneOnceItAnswers() throws Exception {
    api.delayCreates = Duration.ofSeconds(10); // never answers within the bound
    int burst = 10;
    double queuedBefore = deployMetric("queued");
    ExecutorService senders = Executors.newFixedThreadPool(burst);
    List<ObjectNode> reviews = new ArrayList<>();
    List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < burst; i++) {
        ObjectNode review = storedReview();
        reviews.add(review);
        answers.add(CompletableFuture.supplyAsync(() -> validate(review), senders));
      }
      int waited = 0;
      int queuedAtOnce = 0;
      for (CompletableFuture<JsonNode> answer : answers) {
        JsonNode response = answer.get(30, TimeUnit.SECONDS);
        assertTrue(response.path("allowed").asBoolean(false), "expected every ConfigMap admitted: " + response);
        String warnings = response.path("warnings").toString();
        if (warnings.contains("data[replicator-connector.json]: deploy Job queued: API busy, "
            + MAX_IN_FLIGHT + " Job calls waiting; created when the API answers")) {
          queuedAtOnce++;
        } else if (warnings.contains("deploy Job queued: no API answer in " + BOUND.toMillis() + " ms")) {
          waited++;
        } else {
          throw new AssertionError("expected a queued Job warning: " + response);
        }
      }
      assertEquals(MAX_IN_FLIGHT, waited, "expected " + MAX_IN_FLIGHT + " reviews to wait for the API's timeout");
      assertEquals(burst - MAX_IN_FLIGHT, queuedAtOnce, "expected the rest queued without waiting");
      assertEquals(queuedBefore + burst, deployMetric("queued"), "expected connectgate_deploy_jobs_total{queued}");
    } finally {
      senders.shutdownNow();
    }

    api.delayCreates = Duration.ZERO; // the API recovers
    for (ObjectNode review : reviews) {
      awaitJobs(namespace(review), 1);
    }
    awaitDeferred(burst);
    assertTrue(deferred.stream().allMatch(o -> o.equals("created") || o.equals("existing")),
        "expected every queued Job created (or found, when a timed-out call had gone through): " + deferred);
  }

  @Test
  void anUnavailableApiPausesCreationAndQueuedJobsAreCreatedOnlyForConfigMapsStillHoldingTheirContent()
      throws Exception {
    api.failCreates = true; // HTTP 500
    List<ObjectNode> reviews = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ObjectNode review = storedReview();
      reviews.add(review);
      JsonNode response = validate(review);
      assertTrue(response.path("warnings").toString().contains("deploy Job queued: API HTTP 500"),
          "expected failure " + i + " from the API, queued: " + response);
    }
    ObjectNode changedLater = storedReview();
    JsonNode paused = validate(changedLater);
    assertTrue(paused.path("allowed").asBoolean(false), "expected the ConfigMap admitted while paused: " + paused);
    assertTrue(paused.path("warnings").toString().contains(
            "data[replicator-connector.json]: deploy Job queued: paused after 3 API failures in a row;"),
        "expected the pause named in the warning: " + paused);
    int calls = api.createRequests.get();
    Thread.sleep(1000); // within the pause: the backlog's attempts are skipped too
    assertEquals(calls, api.createRequests.get(), "expected no API call while creation is paused");

    // The fourth ConfigMap changes before its queued Job is created: that Job must never come.
    client.configMaps().inNamespace(namespace(changedLater)).withName("replicator-connector")
        .edit(cm -> {
          cm.getData().put("replicator-connector.json", cm.getData().get("replicator-connector.json")
              .replace("\"tasks.max\"", "\"errors.tolerance\": \"none\", \"tasks.max\""));
          return cm;
        });
    api.failCreates = false;

    for (ObjectNode review : reviews) {
      awaitJobs(namespace(review), 1);
    }
    awaitDeferred(4);
    assertEquals(List.of(), jobsIn(namespace(changedLater)), "expected no Job for content the ConfigMap no longer holds");
    assertEquals(List.of("created", "created", "created", "superseded"), deferred.stream().sorted().toList(),
        "expected three queued Jobs created and the changed one superseded");
  }

  @Test
  void aReviewThatUsedUpItsDeadlineQueuesItsJobInsteadOfDroppingIt(@TempDir Path certDir) throws Exception {
    // A review that uses up its deadline leaves no time for the Job call: the API server's
    // ?timeout=1s gives connectgate 500 ms, of which 250 ms are kept to send the answer; the
    // reviewer takes 260 ms (sleep never returns early), so nothing is left for the Job.
    ConfigMapReviewer slow = (object, namespace, name, mutate) -> {
      try {
        Thread.sleep(260);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Review(true, List.of(), null);
    };
    try (TestWebhook slowWebhook = TestWebhook.start(certDir, slow, DeployOnAdmission.enabled(
        new DeployOnAdmission.Settings("http://connect.kafka.svc:8083", ConnectUrlAllowList.none(), BOUND),
        launchers.launcher()))) {
      ObjectNode review = storedReview();
      HttpResponse<String> response = slowWebhook.post(slowWebhook.client(HttpClient.Version.HTTP_2),
          "/validate?timeout=1s", "application/json", TestWebhook.JSON.writeValueAsBytes(review));
      assertEquals(200, response.statusCode(), "expected an answer: " + response.body());
      assertTrue(response.body().contains("deploy Job queued: no time left before the timeout"),
          "expected the Job queued for later: " + response.body());
      assertEquals(0, api.createRequests.get(), "expected no Job call during the admission");
      awaitJobs(namespace(review), 1);
      awaitDeferred(1);
      assertEquals(List.of("created"), deferred, "expected the queued Job created in the background");
    }
  }

  /**
   * An annotated review whose ConfigMap is in the mock API already, with the uid the mock gave
   * it (the mock assigns its own): in a cluster the object is stored right after the answer,
   * and the backlog re-reads it only later.
   */
  ObjectNode storedReview() throws Exception {
    ObjectNode review = annotatedReview();
    ObjectNode metadata = (ObjectNode) review.get("request").get("object").get("metadata");
    ConfigMap configMap = Serialization.unmarshal(review.get("request").get("object").toString(), ConfigMap.class);
    configMap.getMetadata().setResourceVersion(null);
    ConfigMap stored = client.configMaps().inNamespace(namespace(review)).resource(configMap).create();
    metadata.put("uid", stored.getMetadata().getUid());
    return review;
  }

  List<Job> jobsIn(String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
  }

  void awaitJobs(String namespace, int count) throws InterruptedException {
    awaitAtLeast(count, () -> jobsIn(namespace).size());
    assertEquals(count, jobsIn(namespace).size(), "expected " + count + " Job(s) in " + namespace + " in time");
  }

  void awaitDeferred(int count) throws InterruptedException {
    awaitAtLeast(count, deferred::size);
    assertEquals(count, deferred.size(), "expected " + count + " queued Jobs settled in time: " + deferred);
  }

  /** Polls until {@code current} reaches {@code count}, for at most 30 s; the caller asserts. */
  private static void awaitAtLeast(int count, java.util.function.IntSupplier current) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (current.getAsInt() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  static String namespace(ObjectNode review) {
    return review.get("request").get("namespace").asString();
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
    return webhook.deployJobs(http, outcome);
  }

}
