package io.connectgate.deploy;

import java.util.Map;

/**
 * What the controller keeps of one labelled ConfigMap: identity, its own annotations and, per
 * connector entry, only the content hash ({@link EntryHash}). The entries' text is read from
 * the API again only when a Job is to be created, so memory does not grow with ConfigMap size.
 *
 * @param connectUrlAnnotation the {@value DeployKeys#CONNECT_URL_ANNOTATION} annotation, or null
 * @param statusAnnotation the {@value DeployKeys#STATUS_ANNOTATION} annotation, or null
 * @param entryHashes data key to content hash of each connector entry
 */
public record StoredConfigMap(String namespace, String name, String uid, String resourceVersion,
    String connectUrlAnnotation, String statusAnnotation, Map<String, String> entryHashes) {

  public StoredConfigMap {
    entryHashes = Map.copyOf(entryHashes);
  }

  public String ref() {
    return namespace + "/" + name;
  }
}
