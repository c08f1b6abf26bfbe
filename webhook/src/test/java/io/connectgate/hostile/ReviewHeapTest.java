package io.connectgate.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.Endpoint;
import io.connectgate.admission.ReviewBudget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bound the budget of bytes under review is built on ({@link ReviewBudget#HEAP_PER_BODY_BYTE}
 * times the body plus {@link ReviewBudget#HEAP_PER_REVIEW}): the peak live heap of the worst
 * review shapes, measured as {@link ReviewHeapMeasurement} does, stays within it. If the engine starts holding more per byte, this fails before the budget
 * lets the heap overflow.
 */
@Tag("hostile")
class ReviewHeapTest {

  @Test
  void thePeakLiveHeapOfAReviewStaysWithinTheBudgetsMultiple() {
    check("150,000 unparsable entries", HostileReviews.maximumEntriesAttack("u1", "t"), Endpoint.VALIDATE);
    check("10,000 valid documents, mutated", HostileReviews.manyDocuments("u2", "t", 10_000), Endpoint.MUTATE);
    check("64 documents x 1000 unknown settings", HostileReviews.widestDocuments("u3", "t"), Endpoint.VALIDATE);
    check("64 documents x 1000 tiny numeric settings",
        HostileReviews.widestDocuments("u6", "t", i -> "\"" + Integer.toString(i, 36) + "\":" + (i % 10)),
        Endpoint.VALIDATE);
    check("8,000 labels", HostileReviews.manyLabels("u4", "t", 8_000), Endpoint.VALIDATE);
    check("one small connector", HostileReviews.small("u5", "t"), Endpoint.MUTATE);
  }

  private static void check(String what, byte[] body, Endpoint endpoint) {
    long live = ReviewHeapMeasurement.livePeak(body, endpoint);
    double multiple = live / (double) body.length;
    System.out.printf("hostile: %s: body %d KiB, live peak %d KiB = %.1f x body%n", what, body.length >> 10,
        live >> 10, multiple);
    long bound = ReviewBudget.HEAP_PER_BODY_BYTE * (long) body.length + ReviewBudget.HEAP_PER_REVIEW;
    assertTrue(live <= bound, "expected the live peak of " + what + " within "
        + ReviewBudget.HEAP_PER_BODY_BYTE + " x its body + " + (ReviewBudget.HEAP_PER_REVIEW >> 10)
        + " KiB, was " + (live >> 10) + " KiB = " + multiple + " x");
  }
}
