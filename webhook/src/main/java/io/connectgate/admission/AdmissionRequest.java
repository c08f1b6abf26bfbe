package io.connectgate.admission;

import tools.jackson.databind.JsonNode;

/**
 * The parts of an AdmissionReview request the webhook uses. {@code apiVersion} is the
 * envelope's, echoed in the response; {@code object} is null on DELETE and CONNECT;
 * {@code oldObject} is the stored object on UPDATE (null otherwise). {@code malformed} is null,
 * or why the review's identifiers break the API server's rules ({@link Identifiers}): such a
 * review is answered, denied with code 400, and never reviewed; so is one whose object broke a
 * limit of the streaming reader ({@link ObjectReader}), {@code malformed} then naming it.
 */
public record AdmissionRequest(
    String apiVersion,
    String uid,
    GroupVersionKind kind,
    String operation,
    String namespace,
    String name,
    JsonNode object,
    boolean dryRun,
    JsonNode oldObject,
    String malformed) {

  /** A request without {@code oldObject} (CREATE, or a test that does not need it). */
  public AdmissionRequest(String apiVersion, String uid, GroupVersionKind kind, String operation,
      String namespace, String name, JsonNode object, boolean dryRun) {
    this(apiVersion, uid, kind, operation, namespace, name, object, dryRun, null, null);
  }

  /** A well-formed request. */
  public AdmissionRequest(String apiVersion, String uid, GroupVersionKind kind, String operation,
      String namespace, String name, JsonNode object, boolean dryRun, JsonNode oldObject) {
    this(apiVersion, uid, kind, operation, namespace, name, object, dryRun, oldObject, null);
  }

  /** "namespace/name" for logs; generateName creations have no name yet. */
  public String objectRef() {
    String n = name == null || name.isEmpty() ? "<generated>" : name;
    return namespace == null || namespace.isEmpty() ? n : namespace + "/" + n;
  }
}
