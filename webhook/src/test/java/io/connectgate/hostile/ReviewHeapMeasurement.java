package io.connectgate.hostile;

import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.AdmissionRequestDecoder;
import io.connectgate.admission.MalformedReviewException;
import io.connectgate.admission.Answer;
import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.Review;
import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import io.connectgate.mutation.Mutator;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import tools.jackson.databind.JsonNode;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.connector.Deadline;
import io.connectgate.validation.TestCatalogs;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one review costs in heap, per byte of its body: the live heap at the review's fullest
 * point (the request tree, the view, every finding and the patch held at once; measured after
 * a full GC taken right there, minus the heap before the review) and, as an upper bound, what
 * the reviewing thread allocated.
 */
final class ReviewHeapMeasurement {

  /** Live heap at the engine's return, after a GC, minus the baseline; set by the probe. */
  static final class LiveProbe implements ConfigMapReviewer {
    volatile long baseline;
    volatile long peak;
    /** The engine, measured again when its inspection (every parsed document) is complete. */
    final Inspector inspector = new Inspector() {
      final ConnectorEngine delegate = new ConnectorEngine(TestCatalogs.repository());

      @Override
      public Inspection inspect(ConfigMapView view) {
        return inspect(view, Deadline.none());
      }

      @Override
      public Inspection inspect(ConfigMapView view, Deadline deadline) {
        Inspection inspection = delegate.inspect(view, deadline);
        peak = Math.max(peak, usedAfterGc() - baseline);
        return inspection;
      }

      @Override
      public Inspection inspectConnectorText(String text, Origin origin) {
        return delegate.inspectConnectorText(text, origin);
      }
    };
    final EngineReviewer engine = new EngineReviewer(inspector, new Mutator(TestCatalogs.repository()));

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate) {
      return review(object, namespace, name, mutate, Deadline.none());
    }

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate, Deadline deadline) {
      Review review = engine.review(object, namespace, name, mutate, deadline);
      peak = Math.max(peak, usedAfterGc() - baseline);
      return review;
    }
  }

  static long usedAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Peak live heap of one review of {@code body}, in bytes (the body itself excluded). */
  static long livePeak(byte[] body, Endpoint endpoint) {
    LiveProbe probe = new LiveProbe();
    Admission admission = admission(probe);
    admission.review(body, endpoint, Deadline.after(Duration.ofMinutes(1))); // warm-up
    probe.peak = 0;
    probe.baseline = usedAfterGc();
    Answer answer = admission.review(body, endpoint, Deadline.after(Duration.ofMinutes(1)));
    if (!answer.decided()) {
      throw new AssertionError("expected a decided review, got " + answer);
    }
    return Math.max(Math.max(probe.peak, answer.body().length), decoded(body));
  }

  /**
   * Live heap of the decoded request alone: a review the handler answers without reaching the
   * engine (a limit of the reader) peaks here.
   */
  static long decoded(byte[] body) {
    AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());
    long before = usedAfterGc();
    AdmissionRequest request;
    try {
      request = decoder.decode(body);
    } catch (MalformedReviewException e) {
      throw new AssertionError("expected a review", e);
    }
    long held = usedAfterGc() - before;
    java.lang.ref.Reference.reachabilityFence(request); // held until measured
    return held;
  }

  static Admission admission() {
    return admission(new EngineReviewer(TestCatalogs.repository()));
  }

  static Admission admission(ConfigMapReviewer reviewer) {
    return new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        DeployLabel.disabled(), new ReviewBudget(1L << 40, 1L << 20));
  }

  /** Bytes this thread allocated reviewing {@code body} once (after one warm-up review). */
  static long allocated(Admission admission, byte[] body, Endpoint endpoint) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    admission.review(body, endpoint, Deadline.after(Duration.ofMinutes(1)));
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    Answer answer = admission.review(body, endpoint, Deadline.after(Duration.ofMinutes(1)));
    long after = threads.getThreadAllocatedBytes(id);
    if (!answer.decided()) {
      throw new AssertionError("expected a decided review, got " + answer);
    }
    return after - before;
  }

  public static void main(String[] args) {
    Admission admission = admission();
    print(admission, "150k x '{' (labelled)", HostileReviews.maximumEntriesAttack("u", "t"), Endpoint.VALIDATE);
    print(admission, "10,000 valid documents, validate", HostileReviews.manyDocuments("u", "t", 10_000), Endpoint.VALIDATE);
    print(admission, "10,000 valid documents, mutate", HostileReviews.manyDocuments("u", "t", 10_000), Endpoint.MUTATE);
    print(admission, "64 documents x 1000 unknown settings, validate", HostileReviews.widestDocuments("u", "t"), Endpoint.VALIDATE);
    print(admission, "8,000 labels (unlabelled ConfigMap)", HostileReviews.manyLabels("u", "t", 8_000), Endpoint.VALIDATE);
    print(admission, "small", HostileReviews.small("u", "t"), Endpoint.VALIDATE);
  }

  private static void print(Admission admission, String what, byte[] body, Endpoint endpoint) {
    long bytes = allocated(admission, body, endpoint);
    long live = livePeak(body, endpoint);
    int answer = admission.review(body, endpoint, Deadline.none()).body().length;
    System.out.printf("%s: body %d B, answer %d B, live peak %d B = %.1f x body, allocated %d B = %.1f x body%n",
        what, body.length, answer, live, live / (double) body.length, bytes, bytes / (double) body.length);
  }
}
