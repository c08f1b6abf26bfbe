package io.connectgate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link DeployCluster} that records every write the reconciler makes. */
final class FakeDeployCluster implements DeployCluster {

  final Map<String, ConfigMapContent> stored = new LinkedHashMap<>();
  final Map<String, String> statuses = new LinkedHashMap<>();
  final Map<String, String> versions = new LinkedHashMap<>();
  final Map<String, OwnedJob> jobs = new LinkedHashMap<>();
  final Map<String, String> terminationMessages = new LinkedHashMap<>();
  final List<JobRequest> created = new ArrayList<>();
  final List<String> deleted = new ArrayList<>();
  final List<DeployEvent> events = new ArrayList<>();
  final List<String> statusWrites = new ArrayList<>();
  /** Longer status texts are refused (422), as when a ConfigMap's annotations reach their limit. */
  int statusLimit = Integer.MAX_VALUE;
  int refusedStatusWrites;
  int reads;
  int liveLists;
  private final EntryHashes hashes;

  FakeDeployCluster(DeploySettings settings) {
    this.hashes = new EntryHashes(settings);
  }

  void store(String namespace, String name, String uid, Map<String, String> annotations, Map<String, String> data) {
    String key = namespace + "/" + name;
    Map<String, String> all = new LinkedHashMap<>(annotations);
    if (statuses.containsKey(key)) all.put(DeployKeys.STATUS_ANNOTATION, statuses.get(key));
    stored.put(key, new ConfigMapContent(namespace, name, uid, Map.of(DeployKeys.DEPLOY_LABEL, "true"), all, data));
    versions.merge(key, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
  }

  void finish(String namespace, String jobName, OwnedJob.State state) {
    OwnedJob j = jobs.get(namespace + "/" + jobName);
    jobs.put(namespace + "/" + jobName, new OwnedJob(j.namespace(), j.name(), j.configMapUid(), j.dataKey(), j.hash(), state));
  }

  @Override
  public Optional<StoredConfigMap> cached(String namespace, String name) {
    ConfigMapContent c = stored.get(namespace + "/" + name);
    if (c == null) return Optional.empty();
    String url = c.annotations().get(DeployKeys.CONNECT_URL_ANNOTATION);
    return Optional.of(new StoredConfigMap(namespace, name, c.uid(), versions.get(namespace + "/" + name), url,
        statuses.get(namespace + "/" + name), hashes.of(c.data(), url)));
  }

  @Override
  public List<OwnedJob> cachedJobs(String namespace, String configMapName, String uid) {
    return jobs.values().stream().filter(j -> j.namespace().equals(namespace) && j.configMapUid().equals(uid)).toList();
  }

  @Override
  public List<OwnedJob> liveJobs(String namespace, String configMapName, String uid) {
    liveLists++;
    return cachedJobs(namespace, configMapName, uid);
  }

  @Override
  public Optional<ConfigMapContent> read(String namespace, String name) {
    reads++;
    return Optional.ofNullable(stored.get(namespace + "/" + name));
  }

  @Override
  public void createJob(JobRequest r) {
    created.add(r);
    jobs.putIfAbsent(r.namespace() + "/" + r.jobName(), new OwnedJob(r.namespace(), r.jobName(), r.configMapUid(),
        r.dataKey(), r.hash(), OwnedJob.State.ACTIVE));
  }

  @Override
  public void deleteJob(String namespace, String name) {
    deleted.add(name);
    jobs.remove(namespace + "/" + name);
  }

  @Override
  public String terminationMessage(String namespace, String jobName) {
    return terminationMessages.getOrDefault(jobName, "");
  }

  @Override
  public boolean writeStatus(String namespace, String name, String resourceVersion, String status) {
    if (status.length() > statusLimit) {
      refusedStatusWrites++;
      return false; // as the API server's 422 for annotations over their limit
    }
    statusWrites.add(status);
    statuses.put(namespace + "/" + name, status);
    versions.merge(namespace + "/" + name, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
    return true;
  }

  @Override
  public void event(DeployEvent event) {
    events.add(event);
  }

  List<String> reasons() {
    return events.stream().map(DeployEvent::reason).toList();
  }
}
