package io.connectgate.validation;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.Origin;

/**
 * Inspects ConfigMaps and bare connector files. {@link ConnectorEngine} judges connectors by
 * their schemas alone; {@code policy.PolicyInspector} adds the cluster-wide policy on top.
 */
public interface Inspector {

  Inspection inspect(ConfigMapView view);

  /**
   * As {@link #inspect(ConfigMapView)}, stopping at {@code deadline}.
   *
   * @throws io.connectgate.connector.DeadlineExceededException once it has passed
   */
  default Inspection inspect(ConfigMapView view, Deadline deadline) {
    deadline.check();
    return inspect(view);
  }

  Inspection inspectConnectorText(String text, Origin origin);
}
