package io.connectgate.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory {@link CleanupCluster}: one ConfigMap's cleanup state, every write recorded. */
final class FakeCleanupCluster implements CleanupCluster {

  private final FakeDeployCluster deploy;
  boolean optedIn = true;
  boolean hasFinalizer;
  boolean deleting;
  String cleanupStatus;
  final List<DeleteJobRequest> created = new ArrayList<>();
  final List<Duration> requeues = new ArrayList<>();
  int finalizerAdds;
  int releases;

  FakeCleanupCluster(FakeDeployCluster deploy) {
    this.deploy = deploy;
  }

  @Override
  public Optional<CleanupState> state(String namespace, String name) {
    return Optional.of(new CleanupState(optedIn, hasFinalizer, deleting, cleanupStatus));
  }

  @Override
  public void addFinalizer(String namespace, String name, String uid) {
    finalizerAdds++;
    hasFinalizer = true;
  }

  @Override
  public void writeCleanup(String namespace, String name, String uid, String status, boolean release) {
    cleanupStatus = status;
    if (release) {
      releases++;
      hasFinalizer = false;
    }
  }

  @Override
  public void createDeleteJob(DeleteJobRequest r) {
    created.add(r);
    deploy.jobs.putIfAbsent(r.namespace() + "/" + r.jobName(), new OwnedJob(r.namespace(), r.jobName(),
        r.configMapUid(), r.dataKey(), r.hash(), OwnedJob.State.ACTIVE));
  }

  /** The live ConfigMap's deploy label (the fake's cache lookup is {@link FakeDeployCluster}'s). */
  boolean deployLabelled = true;
  int unmanagedChecks;

  @Override
  public boolean releaseUnmanaged(String namespace, String name) {
    unmanagedChecks++;
    if (!hasFinalizer || deployLabelled) return false;
    hasFinalizer = false;
    return true;
  }

  @Override
  public void requeueAfter(String namespace, String name, Duration delay) {
    requeues.add(delay);
  }
}
