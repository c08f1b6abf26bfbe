package io.connectgate.admission;

import io.connectgate.connector.Deadline;
import tools.jackson.databind.JsonNode;

/**
 * The seam between the admission protocol and the decision core: given the ConfigMap of a
 * CREATE/UPDATE request, say what the engine finds and, when asked, the JSON Patch that
 * injects defaults. Implementations are pure (no I/O) and fast; they never throw for bad
 * input (bad input is a finding).
 */
public interface ConfigMapReviewer {

  /**
   * @param object the request's {@code object} (a ConfigMap as JSON)
   * @param namespace the request's namespace (object metadata may lack it on CREATE)
   * @param name the request's name (may be empty with generateName)
   * @param mutate whether to compute a patch
   */
  Review review(JsonNode object, String namespace, String name, boolean mutate);

  /**
   * Reviews a connector custom resource ({@link ConnectorResourceReviewer#handles}); never a
   * patch. Reviewers that know no such resources let them through untouched.
   */
  default Review reviewResource(GroupVersionKind kind, JsonNode object, String namespace, String name) {
    return Review.untouched();
  }

  /**
   * As {@link #reviewResource(GroupVersionKind, JsonNode, String, String)}, stopping at
   * {@code deadline} as a ConfigMap's review does (a KafkaMirrorMaker2 may make 64 connectors).
   *
   * @throws io.connectgate.connector.DeadlineExceededException once it has passed
   */
  default Review reviewResource(GroupVersionKind kind, JsonNode object, String namespace, String name,
      Deadline deadline) {
    deadline.check();
    return reviewResource(kind, object, namespace, name);
  }

  /**
   * As {@link #review(JsonNode, String, String, boolean)}, stopping at {@code deadline}: the
   * engine checks it in its loops.
   *
   * @throws io.connectgate.connector.DeadlineExceededException once it has passed
   */
  default Review review(JsonNode object, String namespace, String name, boolean mutate, Deadline deadline) {
    deadline.check();
    return review(object, namespace, name, mutate);
  }
}
