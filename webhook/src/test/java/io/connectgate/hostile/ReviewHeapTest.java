package io.connectgate.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.Endpoint;
import io.connectgate.admission.ReviewBudget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The multiple the budget of bytes under review is built on ({@link ReviewBudget#HEAP_PER_BODY_BYTE}):
 * the peak live heap of the worst review shapes, measured as {@link ReviewHeapMeasurement} does,
 * stays within it. If the engine starts holding more per byte, this fails before the budget
 * lets the heap overflow.
 */
@Tag("hostile")
class ReviewHeapTest {

  @Test
  void thePeakLiveHeapOfAReviewStaysWithinTheBudgetsMultiple() {
    check("150,000 unparsable entries", HostileReviews.maximumEntriesAttack("u1", "t"), Endpoint.VALIDATE);
    check("10,000 valid documents, mutated", HostileReviews.manyDocuments("u2", "t", 10_000), Endpoint.MUTATE);
  }

  private static void check(String what, byte[] body, Endpoint endpoint) {
    long live = ReviewHeapMeasurement.livePeak(body, endpoint);
    double multiple = live / (double) body.length;
    System.out.printf("hostile: %s: body %d KiB, live peak %d KiB = %.1f x body%n", what, body.length >> 10,
        live >> 10, multiple);
    assertTrue(multiple <= ReviewBudget.HEAP_PER_BODY_BYTE, "expected the live peak of " + what + " within "
        + ReviewBudget.HEAP_PER_BODY_BYTE + " x its body, was " + multiple + " x");
  }
}
