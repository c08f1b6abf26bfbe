package io.connectgate.admission;

/**
 * One deploy Job to create: the connector in data entry {@code dataKey} of ConfigMap
 * {@code namespace/configMapName} (uid {@code configMapUid}, its owner), pushed to
 * {@code connectUrl} (already normalised and allowed).
 *
 * @param content the entry's text as admitted (after mutation); it decides the Job's name
 */
public record DeployJob(
    String namespace,
    String configMapName,
    String configMapUid,
    String dataKey,
    String content,
    String connectUrl) {

  @Override
  public String toString() {
    // Never the content: connector JSON may hold credentials.
    return "DeployJob[" + namespace + "/" + configMapName + " data[" + dataKey + "] -> " + connectUrl + "]";
  }
}
