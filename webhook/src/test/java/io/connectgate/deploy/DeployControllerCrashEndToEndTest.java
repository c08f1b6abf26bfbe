package io.connectgate.deploy;

import static io.connectgate.deploy.ControllerFixture.await;
import static io.connectgate.deploy.ControllerFixture.connector;
import static io.connectgate.deploy.ControllerFixture.hash;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.e2e.ControlPlane;
import io.connectgate.e2e.ControlPlaneTest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and leader election with real processes: two {@code serve --deploy-jobs}
 * replicas (child JVMs acting as the chart's ServiceAccount), the leader SIGKILLed in the
 * middle of a burst of ConfigMaps, the follower taking over, the killed one restarted; in the
 * end every ConfigMap has exactly one Job, for its content.
 */
@ControlPlaneTest
class DeployControllerCrashEndToEndTest {

  private static final int BURST = 24;
  private static final Duration LEASE = Duration.ofSeconds(6);
  private static final Duration RETRY = Duration.ofSeconds(1);
  // Fabric8 waits retryPeriod plus up to 1.2 times it (jitter) between tries; a second for a
  // busy 2-core machine to schedule the follower and for the test's watch to see the Lease.
  private static final Duration TAKEOVER_BOUND = LEASE.plus(RETRY.multipliedBy(22).dividedBy(10)).plusSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final ControllerFixture fx;

  DeployControllerCrashEndToEndTest(ControlPlane plane) {
    this.fx = new ControllerFixture(plane);
  }

  private ConnectgateChild replica(Path dir, String name) {
    Map<String, String> env = new HashMap<>(fx.plane.impersonationEnvironment(ControllerFixture.RELEASE_NAMESPACE,
        ControllerFixture.SERVICE_ACCOUNT));
    env.put("KUBECONFIG", fx.plane.kubeconfig().toString());
    return ConnectgateChild.start(dir, name, env, List.of("--deploy-jobs", "--connect-url", ControllerFixture.CONNECT_URL,
        "--lease-namespace", ControllerFixture.RELEASE_NAMESPACE, "--lease-duration", LEASE.toSeconds() + "s",
        "--lease-renew-deadline", "4s", "--lease-retry-period", RETRY.toSeconds() + "s", "--deploy-resync", "5s",
        "--shutdown-grace", "5s"));
  }

  private Lease lease() {
    return fx.admin.leases().inNamespace(ControllerFixture.RELEASE_NAMESPACE).withName(ControllerFixture.LEASE).get();
  }

  private static String holder(Lease lease) {
    return lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? ""
        : lease.getSpec().getHolderIdentity();
  }

  @Test
  void aLeaderKilledInABurstIsReplacedAndEveryConfigMapEndsWithExactlyOneJob(@TempDir Path dir) throws Exception {
    fx.applyChartRbac(Map.of());
    String ns = fx.namespace("burst");
    Map<String, ConnectgateChild> replicas = new HashMap<>();
    try {
      replicas.put("replica-a", replica(dir, "replica-a"));
      replicas.put("replica-b", replica(dir, "replica-b"));
      await(fx.admin.leases().inNamespace(ControllerFixture.RELEASE_NAMESPACE).withName(ControllerFixture.LEASE),
          l -> !l.isEmpty() && (holder(l.get(0)).startsWith("replica-a_") || holder(l.get(0)).startsWith("replica-b_")),
          WAIT, () -> "expected a replica to take the Lease; logs:\n" + replicas.get("replica-a").logTail());

      // Admission does not depend on leadership: both replicas answer a review.
      byte[] review;
      try (var in = getClass().getResourceAsStream("/admission-reviews/create-validate.json")) {
        review = in.readAllBytes();
      }
      for (String name : List.of("replica-a", "replica-b")) {
        String answer = replicas.get(name).validate(review, WAIT);
        assertTrue(answer.startsWith("200 ") && answer.contains("\"allowed\""),
            "expected " + name + " to answer /validate with an AdmissionReview: " + answer);
      }

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        String content = connector("c" + i, 1 + i % 3);
        fx.store(ns, "c" + i, content);
        expected.add(hash(content));
      }
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobs -> jobs.size() >= 3, WAIT,
          () -> "expected the leader to start creating Jobs");
      Lease before = lease();
      String leader = holder(before).substring(0, holder(before).indexOf('_'));
      String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";
      replicas.get(leader).kill();
      Instant lastRenewal = before.getSpec().getRenewTime().toInstant();

      await(fx.admin.leases().inNamespace(ControllerFixture.RELEASE_NAMESPACE).withName(ControllerFixture.LEASE),
          l -> !l.isEmpty() && holder(l.get(0)).startsWith(follower + "_"), WAIT,
          () -> "expected " + follower + " to take over; its log:\n" + replicas.get(follower).logTail());
      Duration takeover = Duration.between(lastRenewal, Instant.now());
      System.out.printf("[deploy-controller-e2e] takeover %d ms after the killed leader's last renewal%n",
          takeover.toMillis());
      assertTrue(takeover.compareTo(TAKEOVER_BOUND) <= 0, "expected the follower to take over within " + TAKEOVER_BOUND
          + " of the leader's last renewal (lease duration + retry period with Fabric8's jitter), took " + takeover);

      replicas.put(leader, replica(dir, leader)); // the restart
      await(fx.admin.batch().v1().jobs().inNamespace(ns), jobs -> jobs.stream()
              .map(j -> j.getMetadata().getLabels().get("connectgate.io/content-hash")).sorted().toList()
              .equals(expected.stream().sorted().toList()), WAIT,
          () -> "expected exactly one Job per ConfigMap, for its content: " + fx.jobs(ns).size() + " Jobs; log:\n"
              + replicas.get(follower).logTail());
    } finally {
      replicas.values().forEach(ConnectgateChild::close);
    }
  }
}
