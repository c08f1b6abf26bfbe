package io.connectgate.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's engine and policy run on a stored ConfigMap, for what was stored while the
 * webhook was down, before it was installed, or under another policy.
 */
@FunctionalInterface
public interface ConnectorCheck {

  /** Error messages per data key (every key with at least one error); empty when clean. */
  Map<String, List<String>> errors(ConfigMapContent configMap);

  /**
   * The ConfigMap ({@code namespace/name}) other than the given one that owns {@code connector}
   * at the normalised {@code connectUrl} (one owner per connector, docs/deploy.md); empty when
   * it is this one's, nobody's, or ownership is not checked. Connector cleanup deletes nothing
   * another ConfigMap owns.
   */
  default Optional<String> otherOwner(String namespace, String name, String connectUrl, String connector) {
    return Optional.empty();
  }
}
