package io.connectgate.connector;

/**
 * Where a ConfigMap (or bare connector file) came from: a file and document index for the
 * CLI, or "admission" and the request's namespace/name for the webhook.
 */
public record Origin(String file, int document, String namespace, String name) {

  public static Origin admission(String namespace, String name) {
    return new Origin(null, 0, namespace, name);
  }

  /** "namespace/name", or just the name when there is no namespace. */
  public String objectRef() {
    if (name == null) {
      return file == null ? "<unnamed>" : file;
    }
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
