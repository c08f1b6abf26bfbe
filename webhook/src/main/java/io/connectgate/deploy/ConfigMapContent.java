package io.connectgate.deploy;

import java.util.Map;

/**
 * A ConfigMap as the API server stores it, read in full when a Job is about to be created:
 * its entries are checked against the hash the Job will carry, and the engine runs on it.
 */
public record ConfigMapContent(String namespace, String name, String uid, Map<String, String> labels,
    Map<String, String> annotations, Map<String, String> data) {

  public ConfigMapContent {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  @Override
  public String toString() {
    return "ConfigMapContent[" + namespace + "/" + name + ", keys " + data.keySet() + "]"; // never the values
  }
}
