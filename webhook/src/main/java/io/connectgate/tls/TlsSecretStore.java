package io.connectgate.tls;

import java.util.Map;
import java.util.Optional;

/**
 * Where self-managed TLS keeps its Secret (implemented over the Kubernetes API in
 * {@code io.connectgate.kube}). Values are PEM text; blocking calls.
 */
public interface TlsSecretStore {

  /** The Secret's data and resourceVersion. */
  record Stored(Map<String, String> data, String resourceVersion) {
    @Override
    public String toString() {
      return "Stored[resourceVersion=" + resourceVersion + ", keys=" + data.keySet() + "]";
    }
  }

  Optional<Stored> read();

  /** @return false when it already exists (another replica was first) */
  boolean create(Map<String, String> data);

  /** @return false on a conflict: someone else wrote since {@code resourceVersion} */
  boolean update(Map<String, String> data, String resourceVersion);

  /** namespace/name, for log lines. */
  String describe();
}
