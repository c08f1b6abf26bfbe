package io.connectgate.admission;

import java.util.Optional;

/**
 * The port admission asks who owns a connector (issue #16): a connector, keyed by its Connect
 * URL (normalised) and name, belongs to one labelled ConfigMap. Implemented in {@code kube/}
 * by an informer index that runs on every replica; admission never talks to Kubernetes itself.
 */
public interface ConnectorOwners {

  /** A ConfigMap, by namespace and name. */
  record Owner(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /**
   * The owner of connector {@code connector} at {@code connectUrl}: of every labelled ConfigMap
   * declaring it, the one created first (ties: by namespace/name); empty when none does.
   */
  Optional<Owner> ownerOf(String connectUrl, String connector);
}
