package io.connectgate.validation;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;

/**
 * Inspects ConfigMaps and bare connector files. {@link ConnectorEngine} judges connectors by
 * their schemas alone; {@code policy.PolicyInspector} adds the cluster-wide policy on top.
 */
public interface Inspector {

  Inspection inspect(ConfigMapView view);

  Inspection inspectConnectorText(String text, Origin origin);
}
