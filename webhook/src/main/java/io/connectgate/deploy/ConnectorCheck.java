package io.connectgate.deploy;

import java.util.List;
import java.util.Map;

/**
 * The webhook's engine and policy run on a stored ConfigMap, for what was stored while the
 * webhook was down, before it was installed, or under another policy.
 */
@FunctionalInterface
public interface ConnectorCheck {

  /** Error messages per data key (every key with at least one error); empty when clean. */
  Map<String, List<String>> errors(ConfigMapContent configMap);
}
