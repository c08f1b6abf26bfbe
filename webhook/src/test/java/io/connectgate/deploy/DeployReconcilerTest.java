package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConnectUrlAllowList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployReconcilerTest {

  private static final String NS = "team-a";
  private static final String URL = "http://connect.kafka.svc:8083";
  private static final String V1 = "{\"name\":\"r\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"1\"}}";
  private static final String V2 = "{\"name\":\"r\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"2\"}}";

  private final DeploySettings settings = new DeploySettings(URL,
      ConnectUrlAllowList.compile(List.of("http://connect-*.kafka.svc:8083")), Set.of("kube-system", "connectgate"));
  private final FakeDeployCluster cluster = new FakeDeployCluster(settings);
  private Map<String, List<String>> engineErrors = Map.of();
  private final DeployReconciler reconciler = new DeployReconciler(cluster, cm -> engineErrors, settings);

  private String hash(String content) {
    return EntryHash.of("c.json", content, URL);
  }

  @Test
  void aStoredEntryGetsOneJobNamedByItsHashAndNoStatusWriteYet() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1, "notes.txt", "hello"));
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");

    assertEquals(1, cluster.created.size(), "expected exactly one Job for one entry: " + cluster.created);
    JobRequest r = cluster.created.get(0);
    assertEquals(new JobRequest(NS, "cm", "uid-1", "c.json", hash(V1), URL), r, "expected the stored entry's Job");
    assertEquals("cm-deploy-" + hash(V1), r.jobName(), "expected the name from the content hash");
    assertEquals(List.of(DeployEvent.JOB_CREATED), cluster.reasons(), "expected one JobCreated Event");
    assertEquals(List.of(), cluster.statusWrites, "expected no status before the Job ends");
  }

  @Test
  void aSucceededJobIsRecordedOnceAndAStableConfigMapIsNeverWrittenAgain() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, "cm-deploy-" + hash(V1), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");

    assertEquals(List.of("{\"c.json\":{\"hash\":\"" + hash(V1) + "\",\"outcome\":\"deployed\",\"job\":\"cm-deploy-"
        + hash(V1) + "\",\"uid\":\"uid-1\"}}"), cluster.statusWrites,
        "expected one status write with the deployed hash and the ConfigMap's uid");
    assertEquals(List.of(DeployEvent.JOB_CREATED, DeployEvent.DEPLOYED), cluster.reasons(), "expected created, deployed");

    int reads = cluster.reads;
    int lists = cluster.liveLists;
    for (int i = 0; i < 3; i++) reconciler.reconcile(NS, "cm"); // resyncs
    assertEquals(1, cluster.statusWrites.size(), "expected no write across resyncs");
    assertEquals(2, cluster.events.size(), "expected no new Event across resyncs");
    assertEquals(reads, cluster.reads, "expected no GET of the ConfigMap across resyncs");
    assertEquals(lists, cluster.liveLists, "expected no live Job list across resyncs");
  }

  @Test
  void aFinishedJobRemovedByItsTtlIsNotCreatedAgain() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, "cm-deploy-" + hash(V1), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    cluster.jobs.clear(); // ttlSecondsAfterFinished
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cluster.created.size(), "expected the status, not the Job, to record completion");
  }

  @Test
  void aStatusCopiedFromAnotherConfigMapIsNotTakenForDone() {
    // `kubectl get -o yaml` applied in another cluster, a restored backup, a ConfigMap deleted
    // and created again: the annotation says "deployed" for this very content, but of another
    // object; the Connect behind this one has never seen it.
    cluster.statuses.put(NS + "/cm", new DeployStatus(Map.of("c.json", new DeployStatus.Entry(hash(V1),
        DeployStatus.Outcome.DEPLOYED, "cm-deploy-" + hash(V1), "uid-of-the-original"))).render());
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");

    assertEquals(1, cluster.created.size(), "expected the copy deployed, not taken for done: " + cluster.created);
    cluster.finish(NS, "cm-deploy-" + hash(V1), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertEquals(DeployStatus.Outcome.DEPLOYED, DeployStatus.parse(cluster.statuses.get(NS + "/cm")).of("uid-1")
        .get("c.json").outcome(), "expected the status rewritten as this ConfigMap's");
    cluster.jobs.clear(); // ttlSecondsAfterFinished
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cluster.created.size(), "expected its own status, once written, to record completion");
  }

  @Test
  void aStatusWrittenBeforeUidsWereRecordedStillCountsAsDone() {
    // Written by a controller that recorded no uid: dropping it would redeploy every connector on upgrade.
    cluster.statuses.put(NS + "/cm", new DeployStatus(Map.of("c.json", new DeployStatus.Entry(hash(V1),
        DeployStatus.Outcome.DEPLOYED, "cm-deploy-" + hash(V1)))).render());
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of(), cluster.created, "expected no Job for content an earlier version recorded as deployed");
    assertEquals(List.of(), cluster.statusWrites, "expected the earlier status left as it is");
  }

  @Test
  void aStatusTheApiServerRefusesIsOneWarningAndNoRetryLoop() {
    // The tenant's own annotations fill the ConfigMap's 256 KiB: the status write gets a 422.
    cluster.statusLimit = 10;
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, "cm-deploy-" + hash(V1), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm"); // must not throw: the work queue would retry it forever

    assertEquals(1, cluster.refusedStatusWrites, "expected the one refused write");
    assertEquals(List.of(DeployEvent.JOB_CREATED, DeployEvent.DEPLOYED, DeployEvent.STATUS_NOT_RECORDED),
        cluster.reasons(), "expected a Warning that the status was not recorded");
    DeployEvent warning = cluster.events.get(2);
    assertEquals(DeployEvent.Type.Warning, warning.type(), "expected a Warning");
    assertTrue(warning.message().contains("annotations would exceed"), warning.message());
    reconciler.reconcile(NS, "cm");
    assertEquals(warning.hash(), cluster.events.get(cluster.events.size() - 1).hash(),
        "expected the same fact named the same (one Event in the API server)");
  }

  @Test
  void aFailedJobReportsConnectsErrorFromTheTerminationMessage() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    String job = "cm-deploy-" + hash(V1);
    cluster.terminationMessages.put(job, "connect refused the config (HTTP 400): Connector class X not found\n");
    cluster.finish(NS, job, OwnedJob.State.FAILED);
    reconciler.reconcile(NS, "cm");

    DeployEvent failed = cluster.events.get(cluster.events.size() - 1);
    assertEquals(DeployEvent.DEPLOY_FAILED, failed.reason(), "expected a DeployFailed Event");
    assertEquals(DeployEvent.Type.Warning, failed.type(), "expected a Warning");
    assertTrue(failed.message().endsWith("Connector class X not found"), "expected Connect's error: " + failed.message());
    assertEquals(DeployStatus.Outcome.FAILED, DeployStatus.parse(cluster.statuses.get(NS + "/cm")).get("c.json").outcome(),
        "expected the status to say failed");
  }

  @Test
  void newerContentDeletesTheActiveJobOfTheOlderOne() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V2));
    reconciler.reconcile(NS, "cm");

    assertEquals(List.of("cm-deploy-" + hash(V1)), cluster.deleted, "expected the older active Job deleted");
    assertEquals(List.of(hash(V1), hash(V2)), cluster.created.stream().map(JobRequest::hash).toList(),
        "expected a Job for the newer content");
    assertEquals(1, cluster.jobs.size(), "expected at most one Job per entry: " + cluster.jobs.keySet());
  }

  @Test
  void aFinishedOlderJobIsLeftToItsTtl() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, "cm-deploy-" + hash(V1), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V2));
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of(), cluster.deleted, "expected a finished Job kept for its logs");
    assertEquals(2, cluster.created.size(), "expected a Job for the new content");
  }

  @Test
  void anEntryTheEngineRefusesGetsAWarningAndNoJobOnce() {
    engineErrors = Map.of("c.json", List.of("data[c.json] /config/tasks.max: must be at most 2"));
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");

    assertEquals(List.of(), cluster.created, "expected no Job for a refused entry");
    assertEquals(List.of(DeployEvent.REJECTED), cluster.reasons(), "expected one ConnectorRejected Event");
    assertEquals(DeployEvent.Type.Warning, cluster.events.get(0).type(), "expected a Warning");
    assertTrue(cluster.events.get(0).message().contains("must be at most 2"), "expected the engine's message");
    assertEquals(DeployStatus.Outcome.REJECTED, DeployStatus.parse(cluster.statuses.get(NS + "/cm")).get("c.json")
        .outcome(), "expected rejected in the status");
  }

  @Test
  void aConnectUrlOutsideTheAllowListIsRefused() {
    cluster.store(NS, "cm", "uid-1", Map.of(DeployKeys.CONNECT_URL_ANNOTATION, "http://evil.example:8083"),
        Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of(), cluster.created, "expected no Job to an address outside the allow-list");
    assertTrue(cluster.events.get(0).message().contains("--connect-url-allow"), "expected the reason: " + cluster.events);
  }

  @Test
  void anAllowedConnectUrlIsWhereTheJobDeploys() {
    cluster.store(NS, "cm", "uid-1", Map.of(DeployKeys.CONNECT_URL_ANNOTATION, "http://connect-b.kafka.svc:8083/"),
        Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    assertEquals("http://connect-b.kafka.svc:8083", cluster.created.get(0).connectUrl(), "expected the normalised URL");
    assertEquals(EntryHash.of("c.json", V1, "http://connect-b.kafka.svc:8083"), cluster.created.get(0).hash(),
        "expected the URL in the hash");
  }

  @Test
  void aCacheBehindTheStoredObjectCreatesNothing() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    var stale = cluster.cached(NS, "cm").orElseThrow();
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V2));
    DeployCluster behind = new DelegatingCluster(cluster) {
      @Override
      public java.util.Optional<StoredConfigMap> cached(String namespace, String name) {
        return java.util.Optional.of(stale);
      }
    };
    new DeployReconciler(behind, cm -> Map.of(), settings).reconcile(NS, "cm");
    assertEquals(List.of(), cluster.created, "expected no Job for content the API no longer stores");
  }

  @Test
  void refusedNamespacesAreNeverDeployedIn() {
    cluster.store("kube-system", "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    cluster.store("connectgate", "cm", "uid-2", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile("kube-system", "cm");
    reconciler.reconcile("connectgate", "cm");
    assertEquals(List.of(), cluster.created, "expected nothing in kube-system or connectgate's own namespace");
  }

  @Test
  void aRemovedEntryLosesItsActiveJobAndItsStatus() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1, "d.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, JobNaming.name("cm", EntryHash.of("d.json", V1, URL)), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertTrue(DeployStatus.parse(cluster.statuses.get(NS + "/cm")).entries().containsKey("d.json"), "precondition");
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("d.json", V1));
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of("cm-deploy-" + hash(V1)), cluster.deleted, "expected c.json's active Job deleted");

    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    assertEquals(Set.of(), DeployStatus.parse(cluster.statuses.get(NS + "/cm")).entries().keySet(),
        "expected d.json's status entry dropped with the entry");
  }

  /** One pass over a fresh cluster holding {@code data}, every entry refused by the engine; its Events. */
  private List<DeployEvent> refusedPass(Map<String, String> data) {
    FakeDeployCluster fresh = new FakeDeployCluster(settings);
    fresh.store(NS, "cm", "uid-1", Map.of(), data);
    new DeployReconciler(fresh, cm -> Map.of(ReviewerCheck.WHOLE, List.of("refused")), settings)
        .reconcile(NS, "cm");
    if (data.size() <= io.connectgate.validation.Limits.MAX_DOCUMENTS) {
      assertEquals(data.size(), DeployStatus.parse(fresh.statuses.get(NS + "/cm")).entries().size(),
          "expected every entry recorded as refused");
    }
    return fresh.events;
  }

  /** {@code n} entries of {@code text} each, and one entry of the same total size. */
  private static List<Map<String, String>> manyAndOne(int n, String text) {
    Map<String, String> many = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      many.put(String.format("c%04d.json", i), text);
    }
    int size = many.size() * (text.length() + 10);
    return List.of(many, Map.of("c.json", V1.replace("\"r\"", "\"" + "r".repeat(size) + "\"")));
  }

  @Test
  void theMostEntriesAConfigMapMayHoldCostLinearTime() {
    // Each entry re-hashed the whole ConfigMap and copied the status: 4,000 entries took 12 s.
    String padded = V1.replace("\"r\"", "\"" + "r".repeat(4_000) + "\"");
    List<Map<String, String>> data = manyAndOne(io.connectgate.validation.Limits.MAX_DOCUMENTS, padded);
    double ratio = io.connectgate.testing.CostRatio.of(() -> refusedPass(data.get(0)), () -> refusedPass(data.get(1)));
    // Measured: 1.1-1.7 hashing once per pass, 12 hashing the ConfigMap once per entry.
    assertTrue(ratio < 5, "expected linear cost: 64 entries cost " + ratio + " x one entry of the same size");
  }

  @Test
  void moreEntriesThanTheEngineAdmitsGetOneWarningAndNoJob() {
    Map<String, String> data = manyAndOne(io.connectgate.validation.Limits.MAX_DOCUMENTS + 1, V1).get(0);
    cluster.store(NS, "cm", "uid-1", Map.of(), data);
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");

    assertEquals(List.of(), cluster.created, "expected no Job for a ConfigMap past the limit");
    assertEquals(List.of(DeployEvent.REJECTED, DeployEvent.REJECTED), cluster.reasons(), "expected one Event per pass");
    assertEquals(cluster.events.get(0), cluster.events.get(1), "expected the same Event (one name) on every pass");
    assertEquals("not deployed: the ConfigMap holds more than 64 connector entries (limit: connector documents per"
        + " ConfigMap)", cluster.events.get(0).message(), "expected the limit named");
    assertEquals(List.of(), cluster.statusWrites, "expected no status growing with the entries");
    assertEquals(0, cluster.reads, "expected the stored ConfigMap not even read");

    data.remove("c0000.json");
    cluster.store(NS, "cm", "uid-1", Map.of(), data);
    reconciler.reconcile(NS, "cm");
    assertEquals(64, cluster.created.size(), "expected every entry deployed once back at the limit");
  }

  @Test
  void contentPastTheLimitStillSupersedesAnActiveJob() {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    Map<String, String> data = manyAndOne(io.connectgate.validation.Limits.MAX_DOCUMENTS, V1).get(0);
    data.put("c.json", V2);
    cluster.store(NS, "cm", "uid-1", Map.of(), data);
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of("cm-deploy-" + hash(V1)), cluster.deleted, "expected the older content's Job deleted");
    assertEquals(1, cluster.created.size(), "expected no Job for content past the limit");
  }

  @Test
  void manyTooManyEntriesCostLinearTime() {
    List<Map<String, String>> data = manyAndOne(3_000, V1);
    assertEquals(1, refusedPass(data.get(0)).size(), "expected one Event for 3,000 entries");
    double ratio = io.connectgate.testing.CostRatio.of(() -> refusedPass(data.get(0)), () -> refusedPass(data.get(1)));
    assertTrue(ratio < 30, "expected linear cost: 3,000 small entries cost " + ratio + " x one entry of the same size");
  }

  @Test
  void manyJobsCostLinearTime() {
    // Each entry scanned every Job of its ConfigMap: entries x Jobs per pass.
    Map<String, String> entries = manyAndOne(io.connectgate.validation.Limits.MAX_DOCUMENTS, V1).get(0);
    Runnable many = recordedPass(entries, 20_000);
    Runnable one = recordedPass(Map.of("c.json", V1), 20_000);
    double ratio = io.connectgate.testing.CostRatio.of(many, one);
    // Measured: 0.7-0.9 indexed, 7 with a scan of the Jobs per entry.
    assertTrue(ratio < 3, "expected linear cost: 64 entries with 20,000 Jobs cost " + ratio + " x one entry");
  }

  /** A pass over {@code data}, every entry already deployed, with {@code jobs} finished older Jobs. */
  private Runnable recordedPass(Map<String, String> data, int jobs) {
    FakeDeployCluster fresh = new FakeDeployCluster(settings);
    Map<String, DeployStatus.Entry> done = new java.util.TreeMap<>();
    data.forEach((k, v) -> done.put(k, new DeployStatus.Entry(EntryHash.of(k, v, URL), DeployStatus.Outcome.DEPLOYED,
        "")));
    fresh.statuses.put(NS + "/cm", new DeployStatus(done).render());
    fresh.store(NS, "cm", "uid-1", Map.of(), data);
    for (int i = 0; i < jobs; i++) {
      String h = String.format("%010x", i);
      fresh.jobs.put(NS + "/" + JobNaming.name("cm", h), new OwnedJob(NS, JobNaming.name("cm", h), "uid-1",
          "old" + i + ".json", h, OwnedJob.State.SUCCEEDED));
    }
    List<OwnedJob> cached = fresh.cachedJobs(NS, "cm", "uid-1");
    StoredConfigMap stored = fresh.cached(NS, "cm").orElseThrow();
    DeployCluster view = new DelegatingCluster(fresh) {
      @Override
      public java.util.Optional<StoredConfigMap> cached(String namespace, String name) {
        return java.util.Optional.of(stored);
      }

      @Override
      public List<OwnedJob> cachedJobs(String namespace, String configMapName, String uid) {
        return cached;
      }
    };
    DeployReconciler reconciler = new DeployReconciler(view, cm -> Map.of(), settings);
    return () -> {
      reconciler.reconcile(NS, "cm");
      assertEquals(0, fresh.created.size() + fresh.statusWrites.size() + fresh.liveLists,
          "expected a pass with nothing to do");
    };
  }
}
