package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** A request counts as answered only with its own review's uid, allowed. */
class TargetTest {

  static Buffer answer(String uid, boolean allowed) {
    return Buffer.buffer("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\""
        + uid + "\",\"allowed\":" + allowed + "}}");
  }

  @Test
  void validateSendsReviewsInRotationAndChecksTheirAnswers() throws Exception {
    ReviewSet reviews = ReviewSet.generate(10);
    Target validate = Target.validate(reviews);
    assertEquals("/validate", validate.route(), "expected the validate route");
    assertArrayEquals(reviews.get(3).body(), validate.body(13).getBytes(), "expected request 13 to send review 3");
    assertTrue(validate.answers(13, answer(reviews.get(3).uid(), true)), "expected review 3's allowed answer accepted");
    assertFalse(validate.answers(13, answer(reviews.get(4).uid(), true)), "expected another review's uid refused");
    assertFalse(validate.answers(13, answer(reviews.get(3).uid(), false)), "expected a denial refused");
  }

  @Test
  void healthzIsAGetAndAnyAnswerWillDo() {
    Target healthz = Target.healthz();
    assertEquals("/healthz", healthz.route(), "expected the healthz route");
    assertNull(healthz.body(0), "expected no body: a GET");
    assertTrue(healthz.answers(0, Buffer.buffer("ok")), "expected any 200 body accepted");
  }
}
