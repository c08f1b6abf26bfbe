package io.connectgate.admission;

/**
 * The body is not an AdmissionReview we can answer (not JSON, wrong kind, no uid). The
 * message is a plain explanation safe to return to the client: it never quotes the body.
 */
public final class MalformedReviewException extends Exception {
  public MalformedReviewException(String message) {
    super(message);
  }
}
