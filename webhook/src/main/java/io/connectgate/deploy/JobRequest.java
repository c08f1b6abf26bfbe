package io.connectgate.deploy;

/**
 * One Job to create: entry {@code dataKey} of the stored ConfigMap {@code namespace/configMapName}
 * (uid {@code configMapUid}, its owner) with content hash {@code hash}, pushed to
 * {@code connectUrl} (normalised and allowed). The Job reads the entry from the ConfigMap
 * itself; no content travels in the request.
 */
public record JobRequest(String namespace, String configMapName, String configMapUid, String dataKey,
    String hash, String connectUrl) {

  public String jobName() {
    return JobNaming.name(configMapName, hash);
  }
}
