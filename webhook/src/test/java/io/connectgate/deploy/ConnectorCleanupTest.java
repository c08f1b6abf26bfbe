package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConnectUrlAllowList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finalizer, delete Jobs, retries with backoff and the attempt limit, against in-memory fakes. */
class ConnectorCleanupTest {

  private static final String NS = "team-a";
  private static final String URL = "http://connect.kafka.svc:8083";
  private static final String V1 = "{\"name\":\"orders-sink\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"1\"}}";

  private final DeploySettings settings = new DeploySettings(URL,
      ConnectUrlAllowList.compile(List.of()), Set.of("kube-system"));
  private final FakeDeployCluster cluster = new FakeDeployCluster(settings);
  private final FakeCleanupCluster cleanup = new FakeCleanupCluster(cluster);
  private Instant now = Instant.parse("2026-12-07T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
  private final DeployReconciler reconciler = new DeployReconciler(cluster, cm -> Map.of(), settings,
      new ConnectorCleanup(cluster, cleanup, settings, clock));

  private String deployJob() {
    return "cm-deploy-" + EntryHash.of("c.json", V1, URL);
  }

  /** Stores the ConfigMap and lets its deploy Job end with {@code state}. */
  private void deployed(OwnedJob.State state) {
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, deployJob(), state);
    reconciler.reconcile(NS, "cm");
  }

  @Test
  void anOptedInConfigMapGetsTheFinalizerOnceAndAnOtherOneNone() {
    deployed(OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertTrue(cleanup.hasFinalizer, "expected the finalizer on the opted-in ConfigMap");
    assertEquals(1, cleanup.finalizerAdds, "expected one add, not one per pass");

    FakeDeployCluster other = new FakeDeployCluster(settings);
    FakeCleanupCluster notOptedIn = new FakeCleanupCluster(other);
    notOptedIn.optedIn = false;
    DeployReconciler r = new DeployReconciler(other, cm -> Map.of(), settings,
        new ConnectorCleanup(other, notOptedIn, settings, clock));
    other.store(NS, "cm", "uid-2", Map.of(), Map.of("c.json", V1));
    r.reconcile(NS, "cm");
    assertEquals(0, notOptedIn.finalizerAdds, "expected no finalizer without the label");
    assertEquals(1, other.created.size(), "expected the deploy to go on as before");
  }

  @Test
  void deletingTheConfigMapDeletesTheConnectorThenReleasesTheFinalizer() {
    deployed(OwnedJob.State.SUCCEEDED);
    cleanup.deleting = true;
    reconciler.reconcile(NS, "cm");

    assertEquals(1, cleanup.created.size(), "expected one delete Job: " + cleanup.created);
    DeleteJobRequest r = cleanup.created.get(0);
    assertEquals("orders-sink", r.connector(), "expected the connector's name from the entry");
    assertEquals(URL, r.connectUrl());
    assertEquals(1, r.attempt());
    assertTrue(r.jobName().startsWith("cm-delete-"), r.jobName());
    assertTrue(cleanup.hasFinalizer, "expected the finalizer kept while the Job runs");
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cleanup.created.size(), "expected no second Job while the first runs");

    cluster.finish(NS, r.jobName(), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertFalse(cleanup.hasFinalizer, "expected the finalizer released once the connector is deleted");
    assertTrue(cleanup.cleanupStatus.contains("\"state\":\"deleted\""), cleanup.cleanupStatus);
    assertTrue(cluster.reasons().contains(ConnectorCleanup.DELETED), "expected a ConnectorDeleted Event");
    assertEquals(1, cluster.created.size(), "expected no deploy Job once deleting");
  }

  @Test
  void aFailingDeleteIsRetriedWithBackoffAndAfterTheLimitTheConnectorIsLeftAndTheFinalizerReleased() {
    deployed(OwnedJob.State.SUCCEEDED);
    cleanup.deleting = true;
    cluster.terminationMessages.put("any", "");
    for (int attempt = 1; attempt <= CleanupKeys.MAX_ATTEMPTS; attempt++) {
      reconciler.reconcile(NS, "cm");
      assertEquals(attempt, cleanup.created.size(), "expected attempt " + attempt + "'s Job");
      DeleteJobRequest r = cleanup.created.get(attempt - 1);
      assertEquals(attempt, r.attempt());
      cluster.terminationMessages.put(r.jobName(), "deploy: Kafka Connect unreachable");
      cluster.finish(NS, r.jobName(), OwnedJob.State.FAILED);
      reconciler.reconcile(NS, "cm");
      if (attempt < CleanupKeys.MAX_ATTEMPTS) {
        assertTrue(cleanup.hasFinalizer, "expected the finalizer kept after failure " + attempt);
        assertEquals(CleanupKeys.backoff(attempt).plusSeconds(1), cleanup.requeues.get(cleanup.requeues.size() - 1),
            "expected a look again after the backoff");
        reconciler.reconcile(NS, "cm");
        assertEquals(attempt, cleanup.created.size(), "expected no new attempt before the backoff ended");
        now = now.plus(CleanupKeys.backoff(attempt)).plus(Duration.ofSeconds(1));
      }
    }
    assertFalse(cleanup.hasFinalizer, "expected the finalizer released after the last attempt");
    assertTrue(cleanup.cleanupStatus.contains("\"state\":\"abandoned\""), cleanup.cleanupStatus);
    DeployEvent left = cluster.events.get(cluster.events.size() - 1);
    assertEquals(ConnectorCleanup.LEFT_IN_CONNECT, left.reason());
    assertEquals(DeployEvent.Type.Warning, left.type());
    assertTrue(left.message().contains("left in Kafka Connect") && left.message().contains("unreachable"),
        left.message());
    assertEquals(CleanupKeys.MAX_ATTEMPTS - 1,
        cluster.reasons().stream().filter(ConnectorCleanup.DELETE_FAILED::equals).count(),
        "expected a Warning per failed attempt before the last");
  }

  @Test
  void aRejectedEntryWasNeverSentSoNothingIsDeleted() {
    FakeDeployCluster c = new FakeDeployCluster(settings);
    FakeCleanupCluster cl = new FakeCleanupCluster(c);
    DeployReconciler r = new DeployReconciler(c, cm -> Map.of("c.json", List.of("policy says no")), settings,
        new ConnectorCleanup(c, cl, settings, clock));
    c.store(NS, "cm", "uid-3", Map.of(), Map.of("c.json", V1));
    r.reconcile(NS, "cm");
    assertEquals(0, c.created.size(), "rejected: no deploy Job");
    cl.deleting = true;
    r.reconcile(NS, "cm");
    assertEquals(List.of(), cl.created, "expected no delete of a connector never deployed (maybe someone else's)");
    assertFalse(cl.hasFinalizer, "expected the finalizer released at once");
  }

  @Test
  void backoffDoublesUpToFiveMinutes() {
    assertEquals(Duration.ofSeconds(30), CleanupKeys.backoff(1));
    assertEquals(Duration.ofSeconds(60), CleanupKeys.backoff(2));
    assertEquals(Duration.ofSeconds(240), CleanupKeys.backoff(4));
    assertEquals(Duration.ofSeconds(300), CleanupKeys.backoff(5));
  }

  @Test
  void removingAnEntryDeletesItsConnectorAndKeepsTheOthers() {
    String other = "{\"name\":\"payments-sink\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"1\"}}";
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1, "p.json", other));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, deployJob(), OwnedJob.State.SUCCEEDED);
    cluster.finish(NS, "cm-deploy-" + EntryHash.of("p.json", other, URL), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");
    assertTrue(cleanup.cleanupStatus.contains("\"connector\":\"payments-sink\"")
        && cleanup.cleanupStatus.contains("\"state\":\"recorded\""), "expected the deployed connectors recorded: "
        + cleanup.cleanupStatus);
    int reads = cluster.reads;
    reconciler.reconcile(NS, "cm");
    assertEquals(reads, cluster.reads, "expected no GET once recorded");

    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1)); // p.json removed
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cleanup.created.size(), "expected one delete Job for the removed entry: " + cleanup.created);
    DeleteJobRequest r = cleanup.created.get(0);
    assertEquals("payments-sink", r.connector());
    assertEquals("p.json", r.dataKey());
    assertEquals(URL, r.connectUrl());

    cluster.finish(NS, r.jobName(), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertTrue(cluster.reasons().contains(ConnectorCleanup.DELETED), "expected ConnectorDeleted");
    assertFalse(cleanup.cleanupStatus.contains("payments-sink"), "expected the removed entry forgotten: "
        + cleanup.cleanupStatus);
    assertTrue(cleanup.cleanupStatus.contains("orders-sink"), "expected the other entry still recorded");
    assertTrue(cleanup.hasFinalizer, "the ConfigMap lives on with its finalizer");
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cleanup.created.size(), "expected no further delete Job");
  }

  @Test
  void aRemovedEntryWhoseDeleteIsStillRunningIsFinishedWhenTheConfigMapIsDeleted() {
    String other = "{\"name\":\"payments-sink\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"1\"}}";
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1, "p.json", other));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, deployJob(), OwnedJob.State.SUCCEEDED);
    cluster.finish(NS, "cm-deploy-" + EntryHash.of("p.json", other, URL), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    reconciler.reconcile(NS, "cm"); // the delete Job of p.json runs
    cleanup.deleting = true;
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of("payments-sink", "orders-sink"), cleanup.created.stream().map(DeleteJobRequest::connector)
        .toList(), "expected no second Job for p.json and one for c.json");
    for (DeleteJobRequest r : cleanup.created) cluster.finish(NS, r.jobName(), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertFalse(cleanup.hasFinalizer, "expected the finalizer released once both are deleted: " + cleanup.cleanupStatus);
  }

  @Test
  void aConfigMapThatLostTheDeployLabelLosesTheFinalizerToo() {
    deployed(OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    assertTrue(cleanup.hasFinalizer);
    cluster.stored.remove(NS + "/cm"); // out of the controller's cache: the deploy label is gone
    cleanup.deployLabelled = false;
    reconciler.reconcile(NS, "cm");
    assertEquals(1, cleanup.unmanagedChecks, "expected the live ConfigMap looked at once");
    assertFalse(cleanup.hasFinalizer, "expected the finalizer removed: nothing would remove it later");
    assertEquals(0, cleanup.created.size(), "expected its connectors left alone");
  }

  /** One pass over fresh fakes: a tracked ConfigMap whose (tenant-written) cleanup status is {@code status}. */
  private String trackPass(String status) {
    FakeDeployCluster c = new FakeDeployCluster(settings);
    FakeCleanupCluster cl = new FakeCleanupCluster(c);
    cl.hasFinalizer = true;
    cl.cleanupStatus = status;
    c.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    new DeployReconciler(c, cm -> Map.of(), settings, new ConnectorCleanup(c, cl, settings, clock))
        .reconcile(NS, "cm");
    return cl.cleanupStatus;
  }

  @Test
  void aLongCleanupStatusCostsLinearTime() {
    // Done entries of keys not in data are dropped one by one: a status copied per entry was
    // entries x entries (8,000 entries, 240 KB, 7 s per pass).
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 8_000; i++) {
      many.append(i == 0 ? "" : ",").append(String.format("\"k%06d\":{\"state\":\"deleted\"}", i));
    }
    String hostile = many.append('}').toString();
    String benign = "{\"k\":{\"state\":\"deleted\",\"connector\":\"" + "c".repeat(hostile.length()) + "\"}}";
    assertTrue(trackPass(hostile) == null || !trackPass(hostile).contains("k000001"),
        "expected the done entries dropped from the status");
    double ratio = io.connectgate.testing.CostRatio.of(() -> trackPass(hostile), () -> trackPass(benign));
    assertTrue(ratio < 30, "expected linear cost: 8,000 done entries cost " + ratio + " x one entry of the same size");
  }

  /** A tracked ConfigMap's pass, its cleanup status written by the tenant, other ConfigMaps owning {@code owned}. */
  private FakeCleanupCluster forgedPass(String status, Map<String, String> owned, boolean deleting) {
    FakeDeployCluster c = new FakeDeployCluster(settings);
    FakeCleanupCluster cl = new FakeCleanupCluster(c);
    cl.hasFinalizer = true;
    cl.deleting = deleting;
    cl.cleanupStatus = status;
    c.store(NS, "cm", "uid-1", Map.of(), Map.of("c.json", V1));
    ConnectorCheck owners = owners(owned);
    new DeployReconciler(c, owners, settings, new ConnectorCleanup(c, cl, settings, clock, owners))
        .reconcile(NS, "cm");
    forgedEvents = c.events;
    return cl;
  }

  private List<DeployEvent> forgedEvents;

  /** A clean engine check whose owners are {@code owned} ("URL connector" to "namespace/name"). */
  private static ConnectorCheck owners(Map<String, String> owned) {
    return new ConnectorCheck() {
      @Override
      public Map<String, List<String>> errors(ConfigMapContent cm) {
        return Map.of();
      }

      @Override
      public java.util.Optional<String> otherOwner(String namespace, String name, String connectUrl, String connector) {
        return java.util.Optional.ofNullable(owned.get(connectUrl + " " + connector));
      }
    };
  }

  private static String removed(String connector, String url) {
    return "{\"gone.json\":{\"connector\":\"" + connector + "\",\"attempts\":0,\"state\":\"recorded\",\"url\":\""
        + url + "\",\"hash\":\"0123456789\"}}";
  }

  @Test
  void aForgedCleanupEntryCannotSendADeleteJobOutsideTheAllowList() {
    for (boolean deleting : new boolean[] {false, true}) {
      FakeCleanupCluster cl = forgedPass(removed("orders-sink", "http://user:pw@evil.example:8083"), Map.of(), deleting);
      assertEquals(List.of(), cl.created, "expected no delete Job to a URL outside the allow-list");
      DeployEvent left = forgedEvents.stream().filter(e -> e.reason().equals(ConnectorCleanup.LEFT_IN_CONNECT))
          .findFirst().orElseThrow(() -> new AssertionError("expected a Warning: " + forgedEvents));
      assertEquals("data[gone.json]: connector orders-sink is not deleted: its recorded URL is not an allowed Connect"
          + " URL (--connect-url-allow)", left.message(), "expected the reason, without the forged URL");
      assertFalse(cl.cleanupStatus != null && cl.cleanupStatus.contains("evil"), "expected the entry dropped: "
          + cl.cleanupStatus);
    }
  }

  @Test
  void aForgedCleanupEntryCannotDeleteAnotherConfigMapsConnector() {
    Map<String, String> owned = Map.of(URL + " payments-sink", "team-b/payments");
    for (boolean deleting : new boolean[] {false, true}) {
      // The trailing slash is normalised before the owner is looked up.
      FakeCleanupCluster cl = forgedPass(removed("payments-sink", URL + "/"), owned, deleting);
      assertEquals(List.of(), cl.created, "expected no delete Job for team-b's connector");
      assertTrue(forgedEvents.stream().anyMatch(e -> e.message().equals("data[gone.json]: connector payments-sink at "
          + URL + " is not deleted: it belongs to ConfigMap team-b/payments (one owner per connector)")),
          "expected the owner named: " + forgedEvents);
    }
    FakeCleanupCluster free = forgedPass(removed("payments-sink", URL + "/"), Map.of(), false);
    assertEquals(List.of(URL), free.created.stream().map(DeleteJobRequest::connectUrl).toList(),
        "expected a connector nobody else owns deleted, at the normalised URL");
  }

  @Test
  void deletingAConfigMapLeavesTheConnectorItDeclaresButAnotherOwns() {
    deployed(OwnedJob.State.SUCCEEDED);
    ConnectorCheck owners = owners(Map.of(URL + " orders-sink", "team-b/orders"));
    cleanup.deleting = true;
    new DeployReconciler(cluster, owners, settings, new ConnectorCleanup(cluster, cleanup, settings, clock, owners))
        .reconcile(NS, "cm");
    assertEquals(List.of(), cleanup.created, "expected no delete Job for a connector team-b owns");
    assertFalse(cleanup.hasFinalizer, "expected the finalizer released: nothing of this ConfigMap's to delete");
  }

  @Test
  void aForgedCleanupStatusOfThousandsOfEntriesMakesABoundedNumberOfDeleteJobs() {
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 5_000; i++) {
      many.append(i == 0 ? "" : ",").append(String.format("\"k%05d.json\":{\"connector\":\"c%d\",\"attempts\":0,"
          + "\"state\":\"recorded\",\"url\":\"%s\",\"hash\":\"0123456789\"}", i, i, URL));
    }
    FakeCleanupCluster cl = forgedPass(many.append('}').toString(), Map.of(), false);
    assertEquals(CleanupStatus.MAX_ENTRIES, cl.created.size(), "expected the status read up to its limit only");
  }

  @Test
  void aConfigMapPastTheLimitDeletesNothingItsKeptEntriesDoNotShow() {
    String other = "{\"name\":\"payments-sink\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":\"1\"}}";
    cluster.store(NS, "cm", "uid-1", Map.of(), Map.of("z.json", other));
    reconciler.reconcile(NS, "cm");
    cluster.finish(NS, "cm-deploy-" + EntryHash.of("z.json", other, URL), OwnedJob.State.SUCCEEDED);
    reconciler.reconcile(NS, "cm");
    reconciler.reconcile(NS, "cm");
    assertTrue(cleanup.cleanupStatus.contains("payments-sink"), "precondition: recorded " + cleanup.cleanupStatus);
    // 100 entries sorted before z.json: only the first 65 are kept, so z.json looks removed.
    Map<String, String> data = new java.util.TreeMap<>();
    for (int i = 0; i < 100; i++) data.put(String.format("a%03d.json", i), V1.replace("orders-sink", "o" + i));
    data.put("z.json", other);
    cluster.store(NS, "cm", "uid-1", Map.of(), data);
    reconciler.reconcile(NS, "cm");
    assertEquals(List.of(), cleanup.created, "expected no delete Job for an entry that is only not kept");
    assertTrue(cleanup.cleanupStatus.contains("payments-sink"), "expected the record kept: " + cleanup.cleanupStatus);
  }
}
