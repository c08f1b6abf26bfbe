package io.connectgate.kube;

import io.connectgate.deploy.CleanupKeys;
import io.connectgate.deploy.CleanupState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the reduced ConfigMap store keeps for connector cleanup, and its view. */
final class CleanupView {

  private CleanupView() {}

  /** Copies the opt-in label, connectgate's finalizer (only it) and deletionTimestamp. */
  static void keep(ConfigMap full, ConfigMap reduced) {
    ObjectMeta meta = full.getMetadata();
    ObjectMeta into = reduced.getMetadata();
    String optIn = meta.getLabels() == null ? null : meta.getLabels().get(CleanupKeys.DELETE_LABEL);
    if (optIn != null) {
      Map<String, String> labels = new LinkedHashMap<>(into.getLabels() == null ? Map.of() : into.getLabels());
      labels.put(CleanupKeys.DELETE_LABEL, optIn);
      into.setLabels(labels);
    }
    if (meta.getFinalizers() != null && meta.getFinalizers().contains(CleanupKeys.FINALIZER)) {
      into.setFinalizers(List.of(CleanupKeys.FINALIZER));
    }
    into.setDeletionTimestamp(meta.getDeletionTimestamp());
  }

  static CleanupState state(ConfigMap reduced) {
    ObjectMeta meta = reduced.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return new CleanupState("true".equals(labels.get(CleanupKeys.DELETE_LABEL)),
        meta.getFinalizers() != null && meta.getFinalizers().contains(CleanupKeys.FINALIZER),
        meta.getDeletionTimestamp() != null && !meta.getDeletionTimestamp().isEmpty(),
        annotations.get(CleanupKeys.CLEANUP_STATUS_ANNOTATION));
  }
}
