package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.DeployOnAdmission;
import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.admission.DeployJob;
import io.connectgate.kube.DeployJobs;
import io.connectgate.kube.JobNames;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.connectgate.kube.JobTemplate;
import io.connectgate.policy.Policy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deploy-on-admission through the real HTTPS /validate route and the real engine, with the
 * API server's own review fixtures, against Fabric8's mock API server in CRUD mode. Each test uses a
 * namespace of its own, so Jobs of one test never count in another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployOnAdmissionRoutesTest {

  static final String DEFAULT_URL = "http://connect.kafka.svc:8083";
  static final String CONFIGMAP_UID = "0b92502d-9754-4491-be2a-5d626a800b5d";
  static final Duration BOUND = Duration.ofSeconds(1);

  /** The real engine with the built-in policy, as serve runs it. */
  final ConfigMapReviewer reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);
  final AtomicInteger namespaces = new AtomicInteger();
  JobApiFaults.Running kube;
  JobApiFaults api;
  KubernetesClient client;
  DeployJobs jobs;
  TestWebhook webhook;
  HttpClient http;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    kube = JobApiFaults.start();
    api = kube.api();
    client = kube.client();
    // The production client settings (no retries, short timeouts) against the mock.
    jobs = DeployJobs.connect(client.getConfiguration(), JobTemplate.builtIn(), "connectgate:test", BOUND);
    DeployOnAdmission deployments = DeployOnAdmission.enabled(new DeployOnAdmission.Settings(DEFAULT_URL,
        ConnectUrlAllowList.compile(List.of("http://connect-*.kafka.svc:8083")), BOUND), jobs);
    webhook = TestWebhook.start(certDir, reviewer, deployments);
    http = webhook.client(HttpClient.Version.HTTP_2);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (webhook != null) {
        webhook.close();
      }
    } finally {
      jobs.close();
      kube.close();
    }
  }

  @AfterEach
  void healthy() {
    api.failCreates = false;
    api.delayCreates = Duration.ZERO;
  }

  /** A fixture moved to a fresh namespace, annotated connectgate.io/deploy: "true". */
  ObjectNode review(String fixture) throws Exception {
    ObjectNode review = (ObjectNode) TestWebhook.JSON.readTree(TestWebhook.fixture(fixture));
    String namespace = "deploy-" + namespaces.incrementAndGet();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("namespace", namespace);
    ObjectNode metadata = (ObjectNode) request.get("object").get("metadata");
    metadata.put("namespace", namespace);
    annotations(review).put(DeployOnAdmission.DEPLOY_ANNOTATION, "true");
    return review;
  }

  static ObjectNode annotations(ObjectNode review) {
    return (ObjectNode) review.get("request").get("object").get("metadata").get("annotations");
  }

  static String namespace(ObjectNode review) {
    return review.get("request").get("namespace").asString();
  }

  static ObjectNode sameNamespace(ObjectNode review, ObjectNode as) {
    String namespace = namespace(as);
    ((ObjectNode) review.get("request")).put("namespace", namespace);
    ((ObjectNode) review.get("request").get("object").get("metadata")).put("namespace", namespace);
    return review;
  }

  JsonNode validate(ObjectNode review) throws Exception {
    HttpResponse<String> response = webhook.post(http, "/validate?timeout=5s", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review));
    assertEquals(200, response.statusCode(), "expected HTTP 200 for a review, got " + response.body());
    return TestWebhook.json(response.body()).get("response");
  }

  List<Job> jobsIn(String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
  }

  double deployMetric(String outcome) throws Exception {
    return webhook.deployJobs(http, outcome);
  }


  @Test
  void admittedConfigMapGetsAnOwnedRestrictedJob() throws Exception {
    ObjectNode review = review("create-validate.json");
    double created = deployMetric("created");

    JsonNode response = validate(review);

    assertTrue(response.path("allowed").asBoolean(false), "expected the ConfigMap allowed: " + response);
    assertFalse(response.has("warnings"), "expected no warning when the Job is created: " + response);
    List<Job> created1 = jobsIn(namespace(review));
    assertEquals(1, created1.size(), "expected one Job in the ConfigMap's namespace");
    Job job = created1.get(0);
    String name = job.getMetadata().getName();
    assertTrue(name.matches("replicator-connector-deploy-[0-9a-f]{10}"), "expected <configmap>-deploy-<hash>, got " + name);
    assertTrue(name.length() <= 52, "expected a name leaving room for the pod suffix: " + name);

    assertEquals(1, job.getMetadata().getOwnerReferences().size(), "expected one ownerReference");
    OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
    assertEquals("v1", owner.getApiVersion(), "expected owner apiVersion v1");
    assertEquals("ConfigMap", owner.getKind(), "expected owner kind ConfigMap");
    assertEquals("replicator-connector", owner.getName(), "expected the ConfigMap as owner");
    assertEquals(CONFIGMAP_UID, owner.getUid(), "expected the uid the validating webhook saw on CREATE");
    assertEquals(Boolean.FALSE, owner.getController(), "expected controller false");
    assertEquals(Boolean.FALSE, owner.getBlockOwnerDeletion(), "expected blockOwnerDeletion false (no finalizer rights)");
    assertEquals("connectgate", job.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), "expected managed-by label");
    assertEquals("replicator-connector", job.getMetadata().getLabels().get("connectgate.io/configmap"), "expected configmap label");

    assertEquals(3, job.getSpec().getBackoffLimit(), "expected backoffLimit 3");
    assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished(), "expected ttlSecondsAfterFinished 3600");
    assertEquals(900L, job.getSpec().getActiveDeadlineSeconds(), "expected activeDeadlineSeconds 900");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy(), "expected restartPolicy Never");
    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "expected no service account token");
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "expected runAsNonRoot on the pod");
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), "expected RuntimeDefault seccomp");
    assertEquals("replicator-connector", pod.getVolumes().stream().filter(v -> v.getConfigMap() != null)
        .findFirst().orElseThrow().getConfigMap().getName(), "expected the ConfigMap mounted as a volume");

    Container deploy = pod.getContainers().get(0);
    assertEquals("connectgate:test", deploy.getImage(), "expected --job-image");
    assertEquals(List.of("deploy", "--connect-url", DEFAULT_URL, "--timeout", "300s",
        "/etc/connectgate/connector/replicator-connector.json"), deploy.getArgs(), "expected the deploy command");
    var mount = deploy.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/etc/connectgate/connector"))
        .findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, mount.getReadOnly(), "expected the ConfigMap mounted read-only");
    var security = deploy.getSecurityContext();
    assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), "expected a read-only root filesystem");
    assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), "expected no privilege escalation");
    assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), "expected every capability dropped");
    assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), "expected RuntimeDefault seccomp");
    assertTrue(deploy.getResources().getLimits().containsKey("memory")
        && deploy.getResources().getLimits().containsKey("cpu"), "expected cpu and memory limits");
    assertEquals(created + 1, deployMetric("created"), "expected connectgate_deploy_jobs_total{outcome=created} +1");
  }

  @Test
  void sameContentTwiceMakesOneJobAndChangedContentASecond() throws Exception {
    ObjectNode create = review("create-validate.json");
    double existing = deployMetric("existing");

    assertTrue(validate(create).path("allowed").asBoolean(false), "expected the first CREATE allowed");
    JsonNode again = validate(create);
    assertTrue(again.path("allowed").asBoolean(false), "expected the same content allowed again");
    assertFalse(again.has("warnings"), "expected no warning for content deployed already: " + again);
    assertEquals(1, jobsIn(namespace(create)).size(), "expected the same content to start no second Job");
    assertEquals(existing + 1, deployMetric("existing"), "expected the 409 counted as existing");

    ObjectNode update = sameNamespace(review("update-validate.json"), create); // tasks.max 1 -> 2
    assertTrue(validate(update).path("allowed").asBoolean(false), "expected the UPDATE allowed");
    List<Job> both = jobsIn(namespace(create));
    assertEquals(2, both.size(), "expected changed content to start a second Job");
    assertNotEquals(both.get(0).getMetadata().getName(), both.get(1).getMetadata().getName(),
        "expected different names for different content");
  }

  @Test
  void deniedConfigMapDeploysNothing() throws Exception {
    ObjectNode review = review("create-validate.json");
    data(review).put("replicator-connector.json", "{\"name\": \"replicator\", \"config\": {");
    int before = api.createRequests.get();

    JsonNode response = validate(review);

    assertFalse(response.path("allowed").asBoolean(true), "expected the engine to deny broken JSON: " + response);
    assertEquals(before, api.createRequests.get(), "expected no Job for a denied ConfigMap");
  }

  @Test
  void eachConnectorEntryGetsItsOwnJob() throws Exception {
    ObjectNode review = review("create-validate.json");
    String connector = data(review).get("replicator-connector.json").asString();
    data(review).put("second-connector.json", connector.replace("\"replicator\"", "\"replicator-2\""));
    data(review).put("notes.txt", "not a connector");

    assertTrue(validate(review).path("allowed").asBoolean(false), "expected two connectors allowed");

    List<Job> created = jobsIn(namespace(review));
    assertEquals(2, created.size(), "expected one Job per connector entry, none for notes.txt");
    assertEquals(List.of("/etc/connectgate/connector/replicator-connector.json",
            "/etc/connectgate/connector/second-connector.json"),
        created.stream().map(j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(5))
            .sorted().toList(), "expected each Job to deploy its own entry");
  }

  static ObjectNode data(ObjectNode review) {
    return (ObjectNode) review.get("request").get("object").get("data");
  }

  @Test
  void anEarlierFailedJobForTheSameContentIsReported() throws Exception {
    ObjectNode review = review("create-validate.json");
    String ns = namespace(review);
    String name = JobNames.name(new DeployJob(ns, "replicator-connector", CONFIGMAP_UID, "replicator-connector.json",
        data(review).get("replicator-connector.json").asString(), DEFAULT_URL));
    client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewStatus().addNewCondition().withType("Failed").withStatus("True").endCondition().endStatus()
        .build()).create();

    JsonNode response = validate(review);

    assertTrue(response.path("allowed").asBoolean(false), "expected the ConfigMap allowed");
    assertTrue(response.path("warnings").toString().contains("Job " + name + " (same content) failed earlier; delete it to retry"),
        "expected a warning that the earlier Job failed: " + response);
  }

  @Test
  void dryRunCreatesNothing() throws Exception {
    ObjectNode review = review("create-validate.json");
    ((ObjectNode) review.get("request")).put("dryRun", true);
    int before = api.createRequests.get();

    assertTrue(validate(review).path("allowed").asBoolean(false), "expected a dry run decided like a real one");
    assertEquals(before, api.createRequests.get(), "expected no Job creation for a dry run");
    assertEquals(0, jobsIn(namespace(review)).size(), "expected no Job for a dry run");
  }

  @Test
  void withoutTheAnnotationNothingIsDeployed() throws Exception {
    ObjectNode review = review("create-validate.json");
    annotations(review).remove(DeployOnAdmission.DEPLOY_ANNOTATION);
    ObjectNode other = review("create-validate.json");
    annotations(other).put(DeployOnAdmission.DEPLOY_ANNOTATION, "false");

    assertTrue(validate(review).path("allowed").asBoolean(false), "expected the ConfigMap allowed");
    assertTrue(validate(other).path("allowed").asBoolean(false), "expected the ConfigMap allowed");
    assertEquals(0, jobsIn(namespace(review)).size(), "expected no Job without connectgate.io/deploy");
    assertEquals(0, jobsIn(namespace(other)).size(), "expected no Job with connectgate.io/deploy: false");
  }

  @Test
  void mutateNeverDeploys() throws Exception {
    ObjectNode review = review("create-mutate.json");
    HttpResponse<String> response = webhook.post(http, "/mutate?timeout=5s", "application/json",
        TestWebhook.JSON.writeValueAsBytes(review));
    assertTrue(TestWebhook.json(response.body()).path("response").path("allowed").asBoolean(false),
        "expected /mutate to allow");
    assertEquals(0, jobsIn(namespace(review)).size(), "expected no Job from the mutating phase");
  }

  @Test
  void disallowedConnectUrlIsDeniedAndDeploysNothing() throws Exception {
    for (String url : List.of("http://evil.example.com:8083", "http://connect-x.kafka.svc:8083@evil.example.com",
        "http://connect-x.evil.example.com/.kafka.svc:8083", "file:///etc/passwd")) {
      ObjectNode review = review("create-validate.json");
      annotations(review).put(DeployOnAdmission.CONNECT_URL_ANNOTATION, url);

      JsonNode response = validate(review);

      assertFalse(response.path("allowed").asBoolean(true), "expected " + url + " denied: " + response);
      assertEquals(403, response.path("status").path("code").asInt(), "expected a policy denial (403) for " + url);
      assertTrue(response.path("status").path("message").asString().contains("connectgate.io/connect-url"),
          "expected the message to name the annotation: " + response);
      assertEquals(0, jobsIn(namespace(review)).size(), "expected no Job aimed at " + url);
    }
    ObjectNode dryRun = review("create-validate.json");
    annotations(dryRun).put(DeployOnAdmission.CONNECT_URL_ANNOTATION, "http://evil.example.com:8083");
    ((ObjectNode) dryRun.get("request")).put("dryRun", true);
    assertFalse(validate(dryRun).path("allowed").asBoolean(true), "expected a dry run denied like a real one");
  }

  @Test
  void allowedConnectUrlIsUsed() throws Exception {
    ObjectNode review = review("create-validate.json");
    annotations(review).put(DeployOnAdmission.CONNECT_URL_ANNOTATION, "http://Connect-EU.kafka.svc:8083/");

    JsonNode response = validate(review);

    assertTrue(response.path("allowed").asBoolean(false), "expected an allowed URL accepted: " + response);
    List<Job> created = jobsIn(namespace(review));
    assertEquals(1, created.size(), "expected one Job");
    assertEquals("http://connect-eu.kafka.svc:8083",
        created.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(2),
        "expected the Job aimed at the annotation's (normalised) URL");
  }

  @Test
  void apiFailureAdmitsWithAWarningAndIsCounted() throws Exception {
    api.failCreates = true;
    ObjectNode review = review("create-validate.json");
    double failed = deployMetric("failed");

    JsonNode response = validate(review);

    assertTrue(response.path("allowed").asBoolean(false), "expected the ConfigMap admitted despite the API failure");
    String warnings = response.path("warnings").toString();
    assertTrue(warnings.contains("data[replicator-connector.json]: no deploy Job: API HTTP 500"),
        "expected a warning naming the failure: " + response);
    assertFalse(warnings.contains("etcd is on fire"), "expected the API server's message kept out of the warning");
    assertEquals(failed + 1, deployMetric("failed"), "expected connectgate_deploy_jobs_total{outcome=failed} +1");
  }

  @Test
  void slowApiServerCostsAtMostTheBoundAndNeverTheEventLoop() throws Exception {
    api.delayCreates = Duration.ofSeconds(4);
    ObjectNode review = review("create-validate.json");
    double failed = deployMetric("failed");

    long started = System.nanoTime();
    CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return validate(review);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300); // the review is now waiting for the API server
    long healthStarted = System.nanoTime();
    assertEquals(200, webhook.get(http, "/healthz").statusCode(), "expected /healthz to answer meanwhile");
    long healthMillis = (System.nanoTime() - healthStarted) / 1_000_000;
    assertTrue(healthMillis < 500, "expected /healthz answered at once while a Job creation hangs, took " + healthMillis + " ms");
    JsonNode response = answer.get(10, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(response.path("allowed").asBoolean(false), "expected the ConfigMap admitted: " + response);
    assertTrue(response.path("warnings").toString().contains("no API answer in " + BOUND.toMillis() + " ms"),
        "expected a warning that the API server did not answer in time: " + response);
    assertTrue(millis < BOUND.toMillis() + 1500, "expected the answer within the bound (+ slack), took " + millis + " ms");
    assertEquals(failed + 1, deployMetric("failed"), "expected the timeout counted as failed");
  }

  @Test
  void withDeployingOffAnAnnotatedConfigMapGetsAWarning(@TempDir Path certDir) throws Exception {
    ObjectNode review = review("create-validate.json");
    int before = api.createRequests.get();
    try (TestWebhook off = TestWebhook.start(certDir, reviewer, DeployOnAdmission.disabled())) {
      HttpResponse<String> response = off.post(off.client(HttpClient.Version.HTTP_1_1), "/validate?timeout=5s",
          "application/json", TestWebhook.JSON.writeValueAsBytes(review));
      JsonNode answer = TestWebhook.json(response.body()).get("response");
      assertTrue(answer.path("allowed").asBoolean(false), "expected the ConfigMap allowed");
      assertTrue(answer.path("warnings").toString().contains("--deploy-jobs is off"),
          "expected a warning that nothing is deployed: " + answer);
    }
    assertEquals(before, api.createRequests.get(), "expected no Job creation with deploying off");
  }
}
