package io.connectgate.admission;

import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bytes to {@link AdmissionRequest}, or a plain explanation of why they are not a review. */
public final class AdmissionRequestDecoder {

  static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

  private final JsonMapper mapper;

  public AdmissionRequestDecoder(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public AdmissionRequest decode(byte[] body) throws MalformedReviewException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new MalformedReviewException("body exceeds the JSON limits (nesting depth "
          + AdmissionJson.MAX_NESTING_DEPTH + ", number length " + AdmissionJson.MAX_NUMBER_LENGTH
          + ", property name length " + AdmissionJson.MAX_NAME_LENGTH + ")");
    } catch (JacksonException e) {
      // The location is useful and safe; the parser's message may quote body text, so omit it.
      var at = e.getLocation();
      throw new MalformedReviewException(at == null
          ? "body is not valid JSON"
          : "body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedReviewException("body is not a JSON object");
    }
    if (!"AdmissionReview".equals(text(root, "kind"))) {
      throw new MalformedReviewException("body is not an AdmissionReview (kind must be AdmissionReview)");
    }
    String apiVersion = text(root, "apiVersion");
    // Set.of(...).contains(null) throws: a missing or non-string apiVersion was a 500.
    if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
      throw new MalformedReviewException("unsupported AdmissionReview apiVersion; expected admission.k8s.io/v1");
    }
    JsonNode request = root.get("request");
    if (request == null || !request.isObject()) {
      throw new MalformedReviewException("AdmissionReview has no request object");
    }
    String uid = text(request, "uid");
    if (uid == null || uid.isBlank()) {
      throw new MalformedReviewException("AdmissionReview request has no uid");
    }
    String operation = text(request, "operation");
    if (operation == null || operation.isBlank()) {
      throw new MalformedReviewException("AdmissionReview request has no operation");
    }
    JsonNode kind = request.get("kind");
    if (kind == null || !kind.isObject()) {
      throw new MalformedReviewException("AdmissionReview request has no kind");
    }
    GroupVersionKind gvk =
        new GroupVersionKind(text(kind, "group"), text(kind, "version"), text(kind, "kind"));
    JsonNode object = request.get("object");
    JsonNode dryRun = request.get("dryRun");
    JsonNode oldObject = request.get("oldObject");
    String namespace = text(request, "namespace");
    String name = text(request, "name");
    JsonNode reviewed = object == null || object.isNull() ? null : object;
    // Decodable but not from an API server: answered (HTTP 200, denied 400), never reviewed.
    List<String> problems = Identifiers.problems(gvk, operation, namespace, name, reviewed);
    return new AdmissionRequest(
        apiVersion,
        uid,
        gvk,
        operation,
        namespace,
        name,
        reviewed,
        dryRun != null && dryRun.asBoolean(false),
        oldObject == null || oldObject.isNull() ? null : oldObject,
        problems.isEmpty() ? null : "malformed review: " + String.join("; ", problems));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }
}
