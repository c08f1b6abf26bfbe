package io.connectgate.deploy;

import java.util.List;
import java.util.Optional;

/** Forwards every call; tests override the one they change. */
class DelegatingCluster implements DeployCluster {
  private final DeployCluster d;

  DelegatingCluster(DeployCluster d) {
    this.d = d;
  }

  public Optional<StoredConfigMap> cached(String n, String m) { return d.cached(n, m); }
  public List<OwnedJob> cachedJobs(String n, String m, String u) { return d.cachedJobs(n, m, u); }
  public List<OwnedJob> liveJobs(String n, String m, String u) { return d.liveJobs(n, m, u); }
  public Optional<ConfigMapContent> read(String n, String m) { return d.read(n, m); }
  public void createJob(JobRequest r) { d.createJob(r); }
  public void deleteJob(String n, String m) { d.deleteJob(n, m); }
  public String terminationMessage(String n, String j) { return d.terminationMessage(n, j); }
  public boolean writeStatus(String n, String m, String v, String s) { return d.writeStatus(n, m, v, s); }
  public void event(DeployEvent e) { d.event(e); }
}
