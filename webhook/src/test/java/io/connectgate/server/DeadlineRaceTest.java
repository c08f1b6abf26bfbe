package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.Review;
import io.connectgate.connector.Deadline;
import io.connectgate.hostile.HostileReviews;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14's deadline race: a review that outlives its deadline was answered
 * {@code 500 text/plain "internal error"} while the decision log said allowed. Both orders are
 * driven here without timing luck: the worker finishing after the backstop answered (a
 * reviewer held on a latch until the client has its answer), and the worker stopping on its
 * own at the deadline (a reviewer that works until {@link Deadline#expired()}). Either way the
 * client gets an AdmissionReview with its uid, and the log records that answer, once.
 */
class DeadlineRaceTest {

  static final Duration TIMEOUT = Duration.ofMillis(400);

  /** Answers "allowed" only once released; ignores the deadline, as code without checks would. */
  static final class HeldReviewer implements ConfigMapReviewer {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate) {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      returned.countDown();
      return Review.untouched();
    }

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate, Deadline deadline) {
      return review(object, namespace, name, mutate);
    }
  }

  /** Works until the deadline, checking it as the engine does. */
  static final class CooperativeReviewer implements ConfigMapReviewer {
    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate) {
      throw new AssertionError("expected the deadline-aware call");
    }

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate, Deadline deadline) {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < giveUp) {
        deadline.check(); // throws once the deadline has passed
        Thread.onSpinWait();
      }
      return Review.untouched();
    }
  }

  @Test
  void aWorkerFinishingAfterTheBackstopChangesNeitherTheAnswerNorTheLog(@TempDir Path dir) throws Exception {
    HeldReviewer reviewer = new HeldReviewer();
    byte[] body = HostileReviews.small("race-uid-1", "tenant-a");
    try (CapturedLog log = CapturedLog.attach();
        TestWebhook webhook = TestWebhook.start(dir, reviewer, config(), DenialMessage.DEFAULT_MAX_CHARS)) {
      HttpResponse<String> http = webhook.post(webhook.client(HttpClient.Version.HTTP_1_1), "/mutate?timeout=5s",
          "application/json", body);
      reviewer.release.countDown(); // the worker now returns "allowed", after the answer was sent
      assertTrue(reviewer.returned.await(10, TimeUnit.SECONDS), "expected the held worker to return");

      assertDeadlineDenial(http, "race-uid-1");
      // The worker's result reaches the event loop after it returned; another request served
      // afterwards on that event loop comes after it.
      webhook.get(webhook.client(HttpClient.Version.HTTP_1_1), "/healthz");
      // The late "allowed" is not logged as a decision; the answer sent is, once (the line is
      // written on the event loop before the answer, so it is there when the client has it).
      List<String> decisions = log.containing("decision uid=race-uid-1 ");
      assertEquals(1, decisions.size(), "expected one decision line for the uid: " + decisions);
      assertTrue(decisions.get(0).contains("allowed=false code=500"), "expected the logged decision to be the"
          + " answer sent (denied, 500): " + decisions.get(0));
    } finally {
      reviewer.release.countDown();
    }
  }

  @Test
  void aReviewPastItsDeadlineStopsItsOwnWorkAndAnswersAReview(@TempDir Path dir) throws Exception {
    byte[] body = HostileReviews.small("race-uid-2", "tenant-a");
    try (CapturedLog log = CapturedLog.attach();
        TestWebhook webhook = TestWebhook.start(dir, new CooperativeReviewer(), config(),
            DenialMessage.DEFAULT_MAX_CHARS)) {
      for (HttpClient.Version version : HttpClient.Version.values()) {
        HttpResponse<String> http = webhook.post(webhook.client(version), "/validate", "application/json", body);
        assertDeadlineDenial(http, "race-uid-2");
      }
      // The worker stopped itself (its WARN), so the backstop never had to answer.
      assertEquals(List.of(), log.containing("did not stop"), "expected no backstop answer");
      assertEquals(2, log.containing("decision uid=race-uid-2 ").size(), "expected one decision line per review");
      assertEquals(2, log.containing("stopped at its deadline").size(), "expected both reviews to stop at the"
          + " deadline: " + log.lines());
    }
  }

  private static ServerConfig config() {
    return ServerConfig.defaults("127.0.0.1", 0).withReviewTimeout(TIMEOUT);
  }

  static void assertDeadlineDenial(HttpResponse<String> http, String uid) {
    assertEquals(200, http.statusCode(), "expected HTTP 200 with a review, got " + http.statusCode() + ": "
        + http.body());
    assertEquals("application/json", http.headers().firstValue("Content-Type").orElse(""),
        "expected an AdmissionReview, never text/plain: " + http.body());
    JsonNode response = TestWebhook.json(http.body()).path("response");
    assertEquals(uid, response.path("uid").asString(), "expected the uid echoed: " + http.body());
    assertFalse(response.path("allowed").asBoolean(true), "expected a review past its deadline denied");
    assertEquals(500, response.path("status").path("code").asInt(), "expected status.code 500: " + http.body());
    assertEquals("review exceeded its deadline of " + TIMEOUT.toMillis() + " ms",
        response.path("status").path("message").asString(), "expected the deadline named: " + http.body());
  }
}
