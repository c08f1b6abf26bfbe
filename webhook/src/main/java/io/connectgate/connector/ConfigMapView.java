package io.connectgate.connector;

import java.util.Map;

/**
 * The parts of a ConfigMap the engine looks at. Maps keep the order of the source object.
 * Built from a Jackson tree by {@code ConfigMapViews} (CLI and admission alike). In admission,
 * past {@code validation.Limits.MAX_ENTRIES} entries the rest are not kept
 * ({@link StreamedData}): {@code droppedEntries} counts them and {@code droppedConnector}
 * says whether one holds a connector document ({@link ConnectorDetection}).
 */
public record ConfigMapView(
    Origin origin,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> data,
    int droppedEntries,
    boolean droppedConnector) {

  /** A view of every entry (nothing dropped). */
  public ConfigMapView(Origin origin, Map<String, String> labels, Map<String, String> annotations,
      Map<String, String> data) {
    this(origin, labels, annotations, data, 0, false);
  }

  /** Every data entry of the ConfigMap, including those a streaming reader dropped. */
  public int entries() {
    return data.size() + droppedEntries;
  }

  public static final String CONNECTOR_LABEL = "connectgate.io/connector";
  /**
   * Chooses among a schema's targeted derivations, e.g. where Replicator's monitoring
   * interceptors send their data: {@code source} (the default) or {@code destination}.
   */
  public static final String MONITORING_TARGET_ANNOTATION = "connectgate.io/monitoring-target";

  /** The value of {@link #MONITORING_TARGET_ANNOTATION} (trimmed), or null. */
  public String monitoringTarget() {
    String value = annotations.get(MONITORING_TARGET_ANNOTATION);
    return value == null ? null : value.trim();
  }

  public ConfigMapView {
    labels = labels == null ? Map.of() : labels;
    annotations = annotations == null ? Map.of() : annotations;
    data = data == null ? Map.of() : data;
  }

  /** The label {@code connectgate.io/connector} with any value but "false". */
  public boolean labelledAsConnector() {
    String value = labels.get(CONNECTOR_LABEL);
    return value != null && !"false".equals(value);
  }
}
