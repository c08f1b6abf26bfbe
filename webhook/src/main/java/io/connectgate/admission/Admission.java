package io.connectgate.admission;

import io.connectgate.connector.Deadline;
import io.connectgate.connector.DeadlineExceededException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission, the one use case behind POST /validate and /mutate: body bytes and a deadline in,
 * an {@link Answer} out. Decode, review (the engine stops at the deadline), the deploy label's
 * checks, encode; every decodable review is answered with an AdmissionReview echoing its uid,
 * whatever happens (a deadline passed is a denial with code 500 naming it). No Vert.x, no
 * Kubernetes client: the HTTP adapter hands bytes in and writes back what comes out.
 *
 * <p>Two answers are given without reviewing, from the envelope alone ({@link EnvelopeScan}):
 * {@link #overBudget} when the {@link ReviewBudget} has no room (the adapter then never starts
 * the review), and {@link #overdue} when the adapter's backstop fires before {@link #review}
 * returned (a worker that did not reach a deadline check in time).
 */
public final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  /** status.code of a review refused because the budget of bytes under review is full. */
  public static final int OVER_BUDGET = 429;

  private final AdmissionRequestDecoder decoder;
  private final AdmissionHandler handler;
  private final DeployLabel deploy;
  private final AdmissionResponses responses;
  private final EnvelopeScan envelopes;
  private final ReviewBudget budget;

  public Admission(JsonMapper mapper, AdmissionHandler handler, DeployLabel deploy, ReviewBudget budget) {
    this.decoder = new AdmissionRequestDecoder(mapper);
    this.handler = handler;
    this.deploy = deploy;
    this.responses = new AdmissionResponses(mapper);
    this.envelopes = new EnvelopeScan(mapper);
    this.budget = budget;
  }

  public ReviewBudget budget() {
    return budget;
  }

  /** Reviews one body; never throws, and stops working once {@code deadline} has passed. */
  public Answer review(byte[] body, Endpoint endpoint, Deadline deadline) {
    AdmissionRequest request;
    try {
      request = decoder.decode(body, deadline);
    } catch (MalformedReviewException e) {
      return Answer.notAReview(e.getMessage());
    } catch (DeadlineExceededException e) {
      return overdue(body, deadline); // stopped while reading: answered from the envelope
    }
    Outcome outcome;
    try {
      deadline.check();
      outcome = deploy.apply(request, endpoint, handler.handle(request, endpoint, deadline));
    } catch (DeadlineExceededException e) {
      LOG.warn("review of uid={} object={} stopped at its deadline of {} ms", LogText.safe(request.uid()),
          LogText.safe(request.objectRef()), e.budget().toMillis());
      outcome = pastDeadline(deadline);
    } catch (RuntimeException e) {
      // AdmissionHandler catches the engine's failures; this is the deploy check or a bug here.
      outcome = failed(request, e);
    }
    return encode(request, outcome);
  }

  /** The answer for a review not started because the bytes under review would exceed the budget. */
  public Answer overBudget(byte[] body) {
    AdmissionRequest request = envelopes.scan(body);
    if (request == null) {
      return Answer.notAReview("body is not an AdmissionReview");
    }
    String message = "connectgate is busy: " + kib(budget.inUse()) + " KiB of reviews in flight, budget "
        + kib(budget.capacity()) + " KiB; this review (" + kib(body.length) + " KiB) was not started,"
        + " retry";
    return encode(request, new Outcome(new Decision.Denied(OVER_BUDGET, message, List.of()), false, List.of()));
  }

  /** The answer when the review did not return by its deadline (the adapter's backstop). */
  public Answer overdue(byte[] body, Deadline deadline) {
    AdmissionRequest request = envelopes.scan(body);
    if (request == null) {
      return Answer.notAReview("body is not an AdmissionReview");
    }
    return encode(request, pastDeadline(deadline));
  }

  private static Outcome pastDeadline(Deadline deadline) {
    return new Outcome(new Decision.Denied(500, "review exceeded its deadline of "
        + deadline.budget().toMillis() + " ms", List.of()), false, List.of());
  }

  private Outcome failed(AdmissionRequest request, RuntimeException e) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("review of uid={} object={} failed (reference {}): {}", LogText.safe(request.uid()),
        LogText.safe(request.objectRef()), reference, Failures.describe(e));
    return new Outcome(new Decision.Failed(reference), false, List.of());
  }

  private Answer encode(AdmissionRequest request, Outcome outcome) {
    byte[] json;
    try {
      json = responses.encode(request.apiVersion(), request.uid(), outcome.decision());
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("cannot encode the response for uid={} (reference {}): {}", LogText.safe(request.uid()),
          reference, Failures.describe(e));
      outcome = new Outcome(new Decision.Failed(reference), outcome.inspected(), List.of());
      json = responses.encode(request.apiVersion(), request.uid(), outcome.decision());
    }
    return Answer.decided(json, request, outcome);
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
