package io.connectgate.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * UPDATEs admission lets through unreviewed, so that a policy made stricter after a ConfigMap
 * was stored can neither block the deploy controller from recording its status nor make the
 * ConfigMap undeletable (issue #16):
 * <ul>
 *   <li>an UPDATE of an object being deleted ({@code metadata.deletionTimestamp} set on the
 *       stored or the new object) that changes only finalizers (anyone's) and connectgate's
 *       annotations: whoever holds a finalizer can always let it go;</li>
 *   <li>an UPDATE that changes nothing but connectgate's finalizer {@value #FINALIZER} and the
 *       annotations the controller writes: data, labels, other annotations, other finalizers
 *       and owners must be exactly as stored.</li>
 * </ul>
 * What the API server itself maintains (resourceVersion, generation, managedFields) is ignored;
 * the comparison is field by field, without copying the object.
 */
final class LifecycleUpdates {

  /** The finalizer the controller puts on opted-in ConfigMaps; mirrors deploy/CleanupKeys. */
  static final String FINALIZER = "connectgate.io/connector-cleanup";
  /** The deploy controller's status annotation; mirrors deploy/DeployKeys. */
  static final String STATUS_ANNOTATION = "connectgate.io/deploy-status";
  static final String CLEANUP_STATUS_ANNOTATION = "connectgate.io/cleanup-status";
  static final Set<String> OWN_ANNOTATIONS =
      Set.of(STATUS_ANNOTATION, CLEANUP_STATUS_ANNOTATION);

  private static final Set<String> UNCOMPARED_METADATA =
      Set.of("resourceVersion", "generation", "managedFields", "annotations", "finalizers");
  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private LifecycleUpdates() {}

  static boolean applies(AdmissionRequest request) {
    if (!"UPDATE".equals(request.operation())) {
      return false;
    }
    boolean deleting = deleting(request.oldObject()) || deleting(request.object());
    if (!(request.object() instanceof ObjectNode object)
        || !(request.oldObject() instanceof ObjectNode old)
        || !(object.get("metadata") instanceof ObjectNode meta)
        || !(old.get("metadata") instanceof ObjectNode oldMeta)) {
      return false;
    }
    return sameExcept(object, old, Set.of("metadata"))
        && sameExcept(meta, oldMeta, UNCOMPARED_METADATA)
        && sameExcept(child(meta, "annotations"), child(oldMeta, "annotations"), OWN_ANNOTATIONS)
        && (deleting || othersOf(meta.get("finalizers")).equals(othersOf(oldMeta.get("finalizers"))));
  }

  private static boolean deleting(JsonNode object) {
    JsonNode ts = object == null ? null : object.path("metadata").get("deletionTimestamp");
    return ts != null && ts.isString() && !ts.stringValue().isEmpty();
  }

  /** The finalizers other than connectgate's, in order. */
  private static List<JsonNode> othersOf(JsonNode finalizers) {
    List<JsonNode> others = new ArrayList<>();
    if (finalizers != null && finalizers.isArray()) {
      for (JsonNode f : finalizers) {
        if (!(f.isString() && FINALIZER.equals(f.stringValue()))) others.add(f);
      }
    } else if (finalizers != null && !finalizers.isNull()) {
      others.add(finalizers); // not a list: never "only ours"
    }
    return others;
  }

  private static ObjectNode child(ObjectNode meta, String name) {
    return meta.get(name) instanceof ObjectNode o ? o : EMPTY;
  }

  private static boolean sameExcept(ObjectNode a, ObjectNode b, Set<String> skipped) {
    for (String name : a.propertyNames()) {
      // Both ways: a streamed data map equals only another with the same digest (StreamedData).
      if (!skipped.contains(name) && !(a.get(name).equals(b.get(name)) && b.get(name) != null
          && b.get(name).equals(a.get(name)))) return false;
    }
    for (String name : b.propertyNames()) {
      if (!skipped.contains(name) && !a.has(name)) return false;
    }
    return true;
  }
}
