package io.connectgate.admission;

import io.connectgate.connector.Deadline;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bytes to {@link AdmissionRequest}, or a plain explanation of why they are not a review. The
 * body is streamed ({@link ReviewReader}), never decoded whole into a tree: what a review holds
 * follows what admission reads (docs/hardening.md "Memory").
 */
public final class AdmissionRequestDecoder {

  static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

  private final ReviewReader reader;

  public AdmissionRequestDecoder(JsonMapper mapper) {
    this.reader = new ReviewReader(mapper);
  }

  public AdmissionRequest decode(byte[] body) throws MalformedReviewException {
    return decode(body, Deadline.none());
  }

  /**
   * As {@link #decode(byte[])}, checking {@code deadline} while reading data entries.
   *
   * @throws io.connectgate.connector.DeadlineExceededException once it has passed
   */
  public AdmissionRequest decode(byte[] body, Deadline deadline) throws MalformedReviewException {
    ReviewParts review;
    try {
      review = reader.read(body, deadline);
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
    if (review == null) {
      throw new MalformedReviewException("body is not a JSON object");
    }
    if (!"AdmissionReview".equals(review.kind())) {
      throw new MalformedReviewException("body is not an AdmissionReview (kind must be AdmissionReview)");
    }
    String apiVersion = review.apiVersion();
    // Set.of(...).contains(null) throws: a missing or non-string apiVersion was a 500.
    if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
      throw new MalformedReviewException("unsupported AdmissionReview apiVersion; expected admission.k8s.io/v1");
    }
    if (!review.hasRequest()) {
      throw new MalformedReviewException("AdmissionReview has no request object");
    }
    String uid = review.uid();
    if (uid == null || uid.isBlank()) {
      throw new MalformedReviewException("AdmissionReview request has no uid");
    }
    String operation = review.operation();
    if (operation == null || operation.isBlank()) {
      throw new MalformedReviewException("AdmissionReview request has no operation");
    }
    GroupVersionKind gvk = review.requestKind();
    if (gvk == null) {
      throw new MalformedReviewException("AdmissionReview request has no kind");
    }
    JsonNode object = review.object();
    JsonNode oldObject = review.oldObject();
    JsonNode reviewed = object == null || object.isNull() ? null : object;
    // Decodable but not from an API server: answered (HTTP 200, denied 400), never reviewed.
    List<String> problems = Identifiers.problems(gvk, operation, review.namespace(), review.name(), reviewed);
    String refused = !problems.isEmpty() ? "malformed review: " + String.join("; ", problems)
        : review.tooLarge();
    return new AdmissionRequest(
        apiVersion,
        uid,
        gvk,
        operation,
        review.namespace(),
        review.name(),
        reviewed,
        review.dryRun(),
        oldObject == null || oldObject.isNull() ? null : oldObject,
        refused);
  }
}
