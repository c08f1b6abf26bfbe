package io.connectgate.admission;

import java.nio.charset.StandardCharsets;

/**
 * What the HTTP adapter writes back for one POST, and what its decision log and metrics need.
 * Either a decided review ({@code request} and {@code outcome} set: HTTP 200 with an
 * AdmissionReview) or a body that is not a review ({@code status} 400 with a plain
 * {@code reason}).
 *
 * @param request the (possibly partial, see {@link EnvelopeScan}) request, null when not a review
 * @param outcome the decision and findings, null when not a review
 * @param reason why a body was refused, for the log (not a review only)
 */
public record Answer(int status, String contentType, byte[] body, AdmissionRequest request, Outcome outcome,
    String reason) {

  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  static Answer decided(byte[] json, AdmissionRequest request, Outcome outcome) {
    return new Answer(200, JSON, json, request, outcome, null);
  }

  static Answer notAReview(String reason) {
    return new Answer(400, TEXT, (reason + "\n").getBytes(StandardCharsets.UTF_8), null, null, reason);
  }

  public boolean decided() {
    return outcome != null;
  }

  /** Metric label: allowed, denied, refused (budget), or error (our failure, the deadline). */
  public String label() {
    Decision decision = outcome == null ? null : outcome.decision();
    if (decision instanceof Decision.Allowed) {
      return "allowed";
    }
    if (decision instanceof Decision.Denied denied) {
      if (denied.code() == Admission.OVER_BUDGET) {
        return "refused";
      }
      return denied.code() >= 500 ? "error" : "denied";
    }
    return "error";
  }

  @Override
  public String toString() {
    return "Answer[" + status + " " + label() + "]"; // never the body: it may carry a patch
  }
}
