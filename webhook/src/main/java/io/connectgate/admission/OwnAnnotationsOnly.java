package io.connectgate.admission;

import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * An UPDATE that changes nothing but the annotations connectgate's deploy controller writes
 * ({@value #STATUS_ANNOTATION}) is allowed untouched: otherwise a policy made stricter after a
 * ConfigMap was stored would block the controller from recording its status. Everything else
 * in the object (data, labels, other annotations, owners) must be exactly as stored; what the
 * API server itself maintains (resourceVersion, generation, managedFields) is ignored.
 */
final class OwnAnnotationsOnly {

  static final String STATUS_ANNOTATION = "connectgate.io/deploy-status";
  private static final Set<String> OWN = Set.of(STATUS_ANNOTATION);

  private OwnAnnotationsOnly() {}

  static boolean applies(AdmissionRequest request) {
    if (!"UPDATE".equals(request.operation()) || !(request.object() instanceof ObjectNode object)
        || !(request.oldObject() instanceof ObjectNode old)) {
      return false;
    }
    // Field by field, without copying: the object may be the API server's largest.
    return sameExcept(object, old, Set.of("metadata"))
        && object.get("metadata") instanceof ObjectNode meta && old.get("metadata") instanceof ObjectNode oldMeta
        && sameExcept(meta, oldMeta, UNCOMPARED_METADATA)
        && sameExcept(annotations(meta), annotations(oldMeta), OWN);
  }

  private static final Set<String> UNCOMPARED_METADATA =
      Set.of("resourceVersion", "generation", "managedFields", "annotations");

  private static ObjectNode annotations(ObjectNode meta) {
    return meta.get("annotations") instanceof ObjectNode a ? a : EMPTY;
  }

  private static final ObjectNode EMPTY = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

  /** Whether both have the same fields with equal values, {@code skipped} fields aside. */
  private static boolean sameExcept(ObjectNode a, ObjectNode b, Set<String> skipped) {
    for (String name : a.propertyNames()) {
      if (!skipped.contains(name) && !a.get(name).equals(b.get(name))) return false;
    }
    for (String name : b.propertyNames()) {
      if (!skipped.contains(name) && !a.has(name)) return false;
    }
    return true;
  }
}
