package io.connectgate.deploy;

import static io.connectgate.deploy.ControllerFixture.KEY;
import static io.connectgate.deploy.ControllerFixture.assertNoChange;
import static io.connectgate.deploy.ControllerFixture.await;
import static io.connectgate.deploy.ControllerFixture.connector;
import static io.connectgate.deploy.ControllerFixture.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.e2e.ControlPlane;
import io.connectgate.e2e.ControlPlaneTest;
import io.connectgate.kube.DeployController;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The deploy controller against the real kube-apiserver of the e2e tier, with the chart's
 * cluster-wide RBAC applied and acting as its ServiceAccount: Jobs from what is stored, status
 * from what the Jobs' pods report, nothing written while nothing changes.
 */
@ControlPlaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployControllerEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration RESYNC = Duration.ofSeconds(2);

  private final ControllerFixture fx;

  DeployControllerEndToEndTest(ControlPlane plane) {
    this.fx = new ControllerFixture(plane);
  }

  @BeforeAll
  void rbac() {
    fx.applyChartRbac(Map.of());
  }

  private static Predicate<List<Job>> jobsFor(List<String> hashes) {
    return jobs -> jobs.stream().map(j -> j.getMetadata().getLabels().get("connectgate.io/content-hash")).sorted()
        .toList().equals(hashes.stream().sorted().toList());
  }

  private List<String> names(String ns) {
    return fx.jobs(ns).stream().map(j -> j.getMetadata().getName()).sorted().toList();
  }

  private List<Event> events(String ns, String reason) {
    return fx.admin.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  @Test
  void configMapsStoredWhileNoControllerRunsAreDeployedAndTheOutcomeRecordedOnce() {
    String ns = fx.namespace("stored-before");
    String good = connector("good", 1);
    String failing = connector("failing", 2);
    fx.store(ns, "good", good);
    fx.store(ns, "failing", failing);
    // Refused by the engine: the webhook never saw it (security.protocol is not a protocol).
    fx.store(ns, "broken", good.replace("\"tasks.max\"", "\"src.kafka.security.protocol\":\"PLAINTEXTS\",\"tasks.max\""));
    try (DeployController controller = fx.controller("stored-before", RESYNC)) {
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(good), hash(failing))), WAIT,
          () -> "expected one Job per stored labelled ConfigMap, none for the refused one: " + names(ns));

      Job goodJob = fx.admin.batch().v1().jobs().inNamespace(ns).withName("good-deploy-" + hash(good)).get();
      assertEquals("good", goodJob.getMetadata().getOwnerReferences().get(0).getName(), "expected the ConfigMap as owner");
      assertEquals(KEY, goodJob.getMetadata().getAnnotations().get("connectgate.io/data-key"), "expected the entry named");
      // The refused ConfigMap is reconciled by another worker of the queue: wait for its Event.
      await(fx.admin.v1().events().inNamespace(ns), e -> e.stream().anyMatch(x -> DeployEvent.REJECTED
          .equals(x.getReason())), WAIT, () -> "expected a Warning for the refused entry");
      assertEquals(1, events(ns, DeployEvent.REJECTED).size(), "expected one Warning for the refused entry");
      assertTrue(events(ns, DeployEvent.REJECTED).get(0).getMessage().contains("security.protocol"),
          "expected the engine's finding in the Event: " + events(ns, DeployEvent.REJECTED).get(0).getMessage());

      fx.finish(ns, "good-deploy-" + hash(good), true, "");
      fx.finish(ns, "failing-deploy-" + hash(failing), false,
          "deploy: Connect refused the connector (HTTP 400): Connector configuration is invalid");
      await(fx.admin.configMaps().inNamespace(ns), cms -> cms.stream().filter(c -> !c.getMetadata().getName()
          .equals("broken")).allMatch(c -> annotation(c) != null && !DeployStatus.parse(annotation(c)).entries().isEmpty()),
          WAIT, () -> "expected the status annotation on both deployed ConfigMaps");
      ConfigMap goodCm = fx.admin.configMaps().inNamespace(ns).withName("good").get();
      assertEquals(new DeployStatus.Entry(hash(good), DeployStatus.Outcome.DEPLOYED, "good-deploy-" + hash(good),
          goodCm.getMetadata().getUid()), DeployStatus.parse(annotation(goodCm)).get(KEY),
          "expected deployed with the content hash, on this ConfigMap's uid");
      ConfigMap failingCm = fx.admin.configMaps().inNamespace(ns).withName("failing").get();
      assertEquals(DeployStatus.Outcome.FAILED, DeployStatus.parse(annotation(failingCm)).get(KEY).outcome(),
          "expected failed");
      await(fx.admin.v1().events().inNamespace(ns), e -> e.stream().anyMatch(x -> DeployEvent.DEPLOY_FAILED
          .equals(x.getReason())) && e.stream().anyMatch(x -> DeployEvent.DEPLOYED.equals(x.getReason())), WAIT,
          () -> "expected ConnectorDeployed and DeployFailed Events");
      Event failed = events(ns, DeployEvent.DEPLOY_FAILED).get(0);
      assertEquals("Warning", failed.getType(), "expected a Warning");
      assertEquals("failing", failed.getInvolvedObject().getName(), "expected the Event on the ConfigMap");
      assertTrue(failed.getMessage().contains("Connector configuration is invalid"),
          "expected Connect's error from the termination message: " + failed.getMessage());

      // Stable: across several resyncs no ConfigMap is written and no Event added; the TTL
      // removing a finished Job does not bring it back.
      fx.admin.batch().v1().jobs().inNamespace(ns).withName("good-deploy-" + hash(good)).delete();
      Map<String, String> versions = Map.of("good", goodCm.getMetadata().getResourceVersion(),
          "failing", failingCm.getMetadata().getResourceVersion());
      int eventCount = fx.admin.v1().events().inNamespace(ns).list().getItems().size();
      assertNoChange(fx.admin.configMaps().inNamespace(ns), cms -> cms.stream().anyMatch(c ->
          versions.containsKey(c.getMetadata().getName())
              && !versions.get(c.getMetadata().getName()).equals(c.getMetadata().getResourceVersion())),
          RESYNC.multipliedBy(4), () -> "expected no write to a stable ConfigMap across resyncs");
      assertEquals(List.of("failing-deploy-" + hash(failing)), names(ns),
          "expected the finished Job removed by its TTL not created again");
      assertEquals(eventCount, fx.admin.v1().events().inNamespace(ns).list().getItems().size(),
          "expected no new Event across resyncs");
      // What connectgate_deploy_events_total counts: each Event once, as it was created.
      List<String> stored = fx.admin.v1().events().inNamespace(ns).list().getItems().stream()
          .map(Event::getReason).sorted().toList();
      List<String> counted;
      synchronized (fx.observed) {
        counted = fx.observed.stream().filter(e -> e.namespace().equals(ns)).map(DeployEvent::reason).sorted().toList();
      }
      assertEquals(stored, counted, "expected every stored Event observed once (the metrics' count)");
    }
  }

  private static String annotation(ConfigMap c) {
    return c.getMetadata().getAnnotations() == null ? null
        : c.getMetadata().getAnnotations().get(DeployKeys.STATUS_ANNOTATION);
  }

  @Test
  void aStatusRestoredWithABackupIsNotTakenForDoneButOneFromAnEarlierVersionIs() {
    String ns = fx.namespace("restored");
    String restored = connector("restored", 1);
    String upgraded = connector("upgraded", 1);
    // As a backup restored into a new cluster carries it: "deployed", on the original object.
    fx.store(ns, "restored", restored, Map.of(DeployKeys.STATUS_ANNOTATION, new DeployStatus(Map.of(KEY,
        new DeployStatus.Entry(hash(restored), DeployStatus.Outcome.DEPLOYED, "restored-deploy-" + hash(restored),
            "7c4a1f2e-0000-4000-8000-000000000001"))).render()));
    // As a controller before uids were recorded wrote it.
    fx.store(ns, "upgraded", upgraded, Map.of(DeployKeys.STATUS_ANNOTATION, new DeployStatus(Map.of(KEY,
        new DeployStatus.Entry(hash(upgraded), DeployStatus.Outcome.DEPLOYED, "upgraded-deploy-" + hash(upgraded))))
        .render()));
    try (DeployController controller = fx.controller("restored", RESYNC)) {
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(restored))), WAIT,
          () -> "expected the restored ConfigMap deployed: " + names(ns));
      assertNoChange(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(restored))).negate(),
          RESYNC.multipliedBy(2), () -> "expected no Job for the status an earlier version wrote: " + names(ns));
    }
  }

  @Test
  void aStatusTheApiServerRefusesAsTooLargeIsOneWarning() {
    String ns = fx.namespace("full-annotations");
    String content = connector("full", 1);
    // The API server allows 256 KiB of annotations (keys and values) in all: leave no room for the status.
    String key = "example.com/notes";
    fx.store(ns, "full", content, Map.of(key, "x".repeat(256 * 1024 - key.length() - 16)));
    try (DeployController controller = fx.controller("full-annotations", RESYNC)) {
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(content))), WAIT,
          () -> "expected the entry's Job: " + names(ns));
      fx.finish(ns, "full-deploy-" + hash(content), true, "");
      await(fx.admin.v1().events().inNamespace(ns), e -> e.stream().anyMatch(x -> DeployEvent.STATUS_NOT_RECORDED
          .equals(x.getReason())), WAIT, () -> "expected a Warning that the status could not be recorded");
      Event warning = events(ns, DeployEvent.STATUS_NOT_RECORDED).get(0);
      assertEquals("Warning", warning.getType(), "expected a Warning");
      assertTrue(warning.getMessage().contains("size limit"), warning.getMessage());
      assertEquals(null, annotation(fx.admin.configMaps().inNamespace(ns).withName("full").get()),
          "expected no status: the API server refused it");
    }
  }

  @Test
  void fiveQuickUpdatesEndWithOneJobForTheLastContent() {
    String ns = fx.namespace("quick-updates");
    try (DeployController controller = fx.controller("quick-updates", RESYNC)) {
      await(fx.admin.leases().inNamespace(ControllerFixture.RELEASE_NAMESPACE)
          .withName(ControllerFixture.LEASE), l -> !l.isEmpty() && controller.isLeader(), WAIT,
          () -> "expected this controller to lead");
      fx.store(ns, "cm", connector("cm", 1));
      // The first content's Job exists (active: nothing runs it here), so the updates must supersede it.
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(connector("cm", 1)))), WAIT,
          () -> "expected the first content's Job");
      for (int tasks = 2; tasks <= 6; tasks++) {
        String content = connector("cm", tasks);
        fx.admin.configMaps().inNamespace(ns).withName("cm").edit(c -> {
          c.getData().put(KEY, content);
          return c;
        });
      }
      String last = hash(connector("cm", 6));
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(last)), WAIT,
          () -> "expected exactly one Job, for the last content: " + names(ns));
      assertNoChange(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(last)).negate(),
          RESYNC.multipliedBy(2), () -> "expected the last content's Job to stay the only one");
      await(fx.admin.v1().events().inNamespace(ns), e -> e.stream().anyMatch(x -> DeployEvent.SUPERSEDED.equals(
          x.getReason()) && x.getMessage().contains("cm-deploy-" + hash(connector("cm", 1)))), WAIT,
          () -> "expected a DeployJobSuperseded Event for the first content's Job");
    }
  }

  @Test
  void aConfigMapOfThousandsOfEntriesGetsNoJobAndOneWarning() {
    String ns = fx.namespace("many-entries");
    Map<String, String> data = new java.util.TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      data.put(String.format("c%04d.json", i), connector("c" + i, 1));
    }
    fx.admin.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("many").withNamespace(ns).addToLabels(DeployKeys.DEPLOY_LABEL, "true")
        .endMetadata().withData(data).build()).create();
    String single = connector("single", 1);
    fx.store(ns, "single", single);
    try (DeployController controller = fx.controller("many-entries", RESYNC)) {
      await(fx.admin.v1().events().inNamespace(ns), e -> e.stream().anyMatch(x -> DeployEvent.REJECTED
          .equals(x.getReason())), WAIT, () -> "expected a Warning for the ConfigMap past the limit");
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(single))), WAIT,
          () -> "expected the ordinary ConfigMap deployed beside it: " + names(ns));
      assertNoChange(fx.admin.v1().events().inNamespace(ns), e -> events(ns, DeployEvent.REJECTED).size() != 1,
          RESYNC.multipliedBy(2), () -> "expected one Warning across resyncs, not one per entry or pass");
      assertEquals("not deployed: the ConfigMap holds more than 64 connector entries (limit: connector documents"
          + " per ConfigMap)", events(ns, DeployEvent.REJECTED).get(0).getMessage(),
          "expected the limit named");
      assertEquals(List.of("single-deploy-" + hash(single)), names(ns), "expected no Job for the 2,000 entries");
      assertEquals(null, annotation(fx.admin.configMaps().inNamespace(ns).withName("many").get()),
          "expected no status annotation growing with the entries");
    }
  }

  @Test
  void kubeSystemAndTheReleaseNamespaceAreRefusedEvenWithAClusterWideRole() {
    String content = connector("sys", 1);
    fx.store("kube-system", "sys-" + System.nanoTime(), content);
    fx.store(ControllerFixture.RELEASE_NAMESPACE, "own-" + System.nanoTime(), content);
    String ns = fx.namespace("allowed");
    fx.store(ns, "cm", content);
    try (DeployController controller = fx.controller("refusals", RESYNC)) {
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(content))), WAIT,
          () -> "expected the ordinary namespace deployed");
      assertNoChange(fx.admin.batch().v1().jobs().inAnyNamespace(), jobs -> jobs.stream().anyMatch(j ->
          j.getMetadata().getNamespace().equals("kube-system")
              || j.getMetadata().getNamespace().equals(ControllerFixture.RELEASE_NAMESPACE)),
          RESYNC.multipliedBy(2), () -> "expected no Job in kube-system or the release namespace");
    }
  }

  @Test
  void twoReplicasElectOneLeaderAndTheOtherTakesOverWhenItStops() {
    String ns = fx.namespace("two-replicas");
    DeployController a = fx.controller("replica-a", RESYNC);
    DeployController b = fx.controller("replica-b", RESYNC);
    try {
      var lease = fx.admin.leases().inNamespace(ControllerFixture.RELEASE_NAMESPACE).withName(ControllerFixture.LEASE);
      await(lease, l -> a.isLeader() || b.isLeader(), WAIT, () -> "expected one replica to lead");
      assertTrue(a.isLeader() ^ b.isLeader(), "expected exactly one leader, not both");
      String content = connector("cm", 1);
      fx.store(ns, "cm", content);
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(content))), WAIT,
          () -> "expected the leader to deploy");
      assertTrue(a.isLeader() ^ b.isLeader(), "expected still exactly one leader");

      DeployController leader = a.isLeader() ? a : b;
      DeployController follower = leader == a ? b : a;
      long stopped = System.nanoTime();
      leader.close(); // releases the Lease
      await(lease, l -> follower.isLeader(), WAIT, () -> "expected the follower to take over");
      Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
      assertTrue(takeover.compareTo(Duration.ofSeconds(6)) < 0,
          "expected a released Lease taken over within the lease duration (6 s), took " + takeover);
      String next = connector("cm", 2);
      fx.admin.configMaps().inNamespace(ns).withName("cm").edit(c -> {
        c.getData().put(KEY, next);
        return c;
      });
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobsFor(List.of(hash(next))), WAIT,
          () -> "expected the new leader to supersede the Job: " + names(ns));
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void withNamespacedRolesTheControllerWorksInItsNamespacesOnly() {
    String watched = fx.namespace("scoped");
    String other = fx.namespace("unscoped");
    // Another release (own names, own ServiceAccount) so the cluster-wide grants do not apply.
    fx.applyChartRbac(Map.of("fullnameOverride", "connectgate-scoped", "deployJobs.namespaces[0]", watched));
    String content = connector("cm", 1);
    fx.store(watched, "cm", content);
    fx.store(other, "cm", content);
    try (DeployController controller = fx.controller("scoped", RESYNC, List.of(watched), "connectgate-scoped",
        "connectgate-scoped-deploy-controller")) {
      await(fx.admin.batch().v1().jobs().inNamespace(watched), jobsFor(List.of(hash(content))), WAIT,
          () -> "expected the Job in the watched namespace");
      fx.finish(watched, "cm-deploy-" + hash(content), true, "");
      await(fx.admin.configMaps().inNamespace(watched).withName("cm"),
          cms -> !cms.isEmpty() && annotation(cms.get(0)) != null, WAIT,
          () -> "expected the status written with the namespaced Role (patch configmaps)");
      assertNoChange(fx.admin.batch().v1().jobs().inNamespace(other), jobs -> !jobs.isEmpty(), RESYNC.multipliedBy(2),
          () -> "expected nothing in a namespace the controller does not watch");
    }
  }
}
