package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The budget's arithmetic, the log escaping and the envelope scan the refusals are built from. */
class ReviewBudgetTest {

  static final long MIB = 1024 * 1024;

  @Test
  void largeReviewsLeaveTheReserveToSmallOnes() {
    ReviewBudget budget = new ReviewBudget(8 * MIB, 2 * MIB);
    ReviewBudget.Reservation first = budget.tryReserve(3 * MIB);
    ReviewBudget.Reservation second = budget.tryReserve(3 * MIB);
    assertNotNull(first, "expected room for the first large review");
    assertNotNull(second, "expected room for the second (6 MiB of 6 for large ones)");
    assertNull(budget.tryReserve(100 * 1024), "expected a 100 KiB review refused: it is not small");
    for (int i = 0; i < 32; i++) {
      assertNotNull(budget.tryReserve(64 * 1024), "expected small reviews to use the reserve, #" + i);
    }
    assertNull(budget.tryReserve(1), "expected the whole budget used");
    first.close();
    first.close(); // idempotent
    assertEquals(5 * MIB, budget.inUse(), "expected the first review's bytes returned once");
  }

  @Test
  void aGrowingReservationIsRefusedAtTheLimitAndKeepsWhatItHad() {
    ReviewBudget budget = new ReviewBudget(4 * MIB, MIB);
    ReviewBudget.Reservation growing = budget.tryReserve(0);
    assertTrue(growing.grow(2 * MIB), "expected 2 MiB to fit");
    assertFalse(growing.grow(2 * MIB), "expected 4 MiB refused for a large body (3 MiB for large ones)");
    assertEquals(2 * MIB, budget.inUse(), "expected a refused growth to change nothing");
    growing.close();
    assertEquals(0, budget.inUse(), "expected everything returned");
  }

  @Test
  void theDefaultAlwaysAdmitsOneMaximumSizeReview() {
    ReviewBudget tiny = ReviewBudget.forHeap(64 * MIB, 3 * MIB);
    assertNotNull(tiny.tryReserve(3 * MIB), "expected one 3 MiB review even on a small heap");
    ReviewBudget chart = ReviewBudget.forHeap(360 * MIB, 3 * MIB);
    assertEquals(360 * MIB / 2 / ReviewBudget.HEAP_PER_BODY_BYTE, chart.capacity(), "expected half the heap / 32");
  }

  @Test
  void logValuesCannotBreakALine() {
    assertEquals("a\\r\\nb\\u2028c\\u0000", LogText.safe("a\r\nb\u2028c\u0000"), "expected controls escaped");
    assertEquals("plain", LogText.safe("plain"), "expected plain text unchanged");
    String cut = LogText.safe("x".repeat(1000));
    assertTrue(cut.startsWith("x".repeat(LogText.MAX_CHARS) + "…(744 more"), "expected long values cut: " + cut);
  }

  @Test
  void theEnvelopeIsReadWhereverTheUidIs() {
    EnvelopeScan scan = new EnvelopeScan(JsonMapper.builder().build());
    String uidLast = "{\"kind\":\"AdmissionReview\",\"request\":{\"object\":{\"data\":{\"a\":\"" + "y".repeat(100_000)
        + "\"}},\"namespace\":\"ns\",\"uid\":\"late\"},\"apiVersion\":\"admission.k8s.io/v1\"}";
    AdmissionRequest request = scan.scan(uidLast.getBytes(StandardCharsets.UTF_8));
    assertNotNull(request, "expected the envelope read");
    assertEquals("late", request.uid(), "expected the uid found after the object");
    assertEquals("ns", request.namespace(), "expected the namespace");
    assertNull(scan.scan("{\"kind\":\"Other\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"u\"}}"
        .getBytes(StandardCharsets.UTF_8)), "expected a non-review refused");
    assertNull(scan.scan("{\"kind\":".getBytes(StandardCharsets.UTF_8)), "expected broken JSON refused");
  }
}
