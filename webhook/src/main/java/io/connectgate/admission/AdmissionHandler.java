package io.connectgate.admission;

import io.connectgate.connector.Deadline;
import io.connectgate.connector.DeadlineExceededException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operation dispatch and the catch-all: CREATE and UPDATE of a core/v1 ConfigMap go to the
 * reviewer, and of a connector resource (Strimzi KafkaConnector, CFK Connector) to its
 * {@link ConfigMapReviewer#reviewResource}; every other kind and operation (DELETE, CONNECT) is allowed without touching
 * ConfigMap machinery. Whatever the reviewer does, a decision comes back: an exception is
 * our own bug and becomes {@link Decision.Failed} (500, details only in the log).
 *
 * <p>Dry-run requests are decided exactly like real ones; nothing here has side effects.
 */
public final class AdmissionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);

  private final ConfigMapReviewer reviewer;
  private final ReviewDecisions decisions;
  private final OwnershipCheck ownership;

  public AdmissionHandler(ConfigMapReviewer reviewer, ReviewDecisions decisions) {
    this(reviewer, decisions, null);
  }

  /** @param ownership one owner per connector (#16), or null */
  public AdmissionHandler(ConfigMapReviewer reviewer, ReviewDecisions decisions, OwnershipCheck ownership) {
    this.reviewer = reviewer;
    this.decisions = decisions;
    this.ownership = ownership;
  }

  public Outcome handle(AdmissionRequest request, Endpoint endpoint) {
    return handle(request, endpoint, Deadline.none());
  }

  /** @throws DeadlineExceededException when the review passes {@code deadline} */
  public Outcome handle(AdmissionRequest request, Endpoint endpoint, Deadline deadline) {
    if (request.malformed() != null) {
      return new Outcome(new Decision.Denied(400, request.malformed(), List.of()), false,
          List.of());
    }
    boolean resource = ConnectorResourceReviewer.handles(request.kind());
    if (!request.kind().isCoreConfigMap() && !resource) {
      return Outcome.untouched();
    }
    if (!"CREATE".equals(request.operation()) && !"UPDATE".equals(request.operation())) {
      return Outcome.untouched();
    }
    if (LifecycleUpdates.applies(request)) {
      // The controller's status and finalizer, or an object being deleted: never blocked by policy.
      return Outcome.untouched();
    }
    if (request.object() == null || !request.object().isObject()) {
      // The API server always sends the object on CREATE/UPDATE; without it there is
      // nothing to check, and letting it through unchecked would be a hole.
      return new Outcome(
          new Decision.Denied(400, "request.object is missing for " + request.operation(),
              List.of()),
          false,
          List.of());
    }
    try {
      String owned = ownership == null || resource ? null : ownership.conflict(request);
      if (owned != null) {
        return new Outcome(new Decision.Denied(403, owned, List.of()), false, List.of());
      }
      Review review = resource
          ? reviewer.reviewResource(request.kind(), request.object(), request.namespace(), request.name(), deadline)
          : reviewer.review(
              request.object(),
              request.namespace(),
              request.name(),
              endpoint == Endpoint.MUTATE,
              deadline);
      return new Outcome(decisions.decide(endpoint, review), true, review.findings(), review.carriesConnectors());
    } catch (DeadlineExceededException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("engine failed reviewing uid={} object={} (reference {}): {}",
          LogText.safe(request.uid()), LogText.safe(request.objectRef()), reference, Failures.describe(e));
      return new Outcome(new Decision.Failed(reference), false, List.of());
    }
  }
}
