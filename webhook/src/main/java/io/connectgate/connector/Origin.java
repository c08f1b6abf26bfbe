package io.connectgate.connector;

/**
 * Where a ConfigMap (or bare connector file, or connector resource) came from: a file and
 * document index for the CLI, or "admission" and the request's namespace/name for the webhook.
 *
 * @param kind the kind of a connector custom resource where findings must name it because
 *     several kinds are reported together (the audit: a ConfigMap and a KafkaConnector may share
 *     a namespace/name); null for ConfigMaps, connector files, and where the kind goes without
 *     saying (an admission request, a manifest's document)
 */
public record Origin(String file, int document, String namespace, String name, String kind) {

  public Origin(String file, int document, String namespace, String name) {
    this(file, document, namespace, name, null);
  }

  public static Origin admission(String namespace, String name) {
    return new Origin(null, 0, namespace, name);
  }

  /** A connector custom resource read from the cluster (audit), named by kind in findings. */
  public static Origin clusterResource(String kind, String namespace, String name) {
    return new Origin(null, 0, namespace, name, kind);
  }

  /** "namespace/name", or just the name when there is no namespace. */
  public String objectRef() {
    if (name == null) {
      return file == null ? "<unnamed>" : file;
    }
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
