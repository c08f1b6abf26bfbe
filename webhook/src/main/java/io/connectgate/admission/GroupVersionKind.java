package io.connectgate.admission;

/** {@code request.kind} of a review: the kind of the object under admission. */
public record GroupVersionKind(String group, String version, String kind) {

  /** Only core/v1 ConfigMaps are inspected; everything else passes untouched. */
  public boolean isCoreConfigMap() {
    return (group == null || group.isEmpty()) && "v1".equals(version) && "ConfigMap".equals(kind);
  }

  @Override
  public String toString() {
    return (group == null || group.isEmpty() ? "" : group + "/") + version + "/" + kind;
  }
}
