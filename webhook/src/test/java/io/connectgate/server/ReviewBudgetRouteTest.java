package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.Review;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.hostile.HostileReviews;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The budget of bytes under review through real HTTPS: while a large review holds most of it,
 * another large review is answered at once with a 429 AdmissionReview (never queued), and a
 * small review from another namespace is still decided normally.
 */
class ReviewBudgetRouteTest {

  /** Holds reviews of namespace "attacker" until released; decides every other at once. */
  static final class HoldingAttackers implements ConfigMapReviewer {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Review review(JsonNode object, String namespace, String name, boolean mutate) {
      if ("attacker".equals(namespace)) {
        held.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Review(true, java.util.List.of(), null);
    }
  }

  @Test
  void beyondTheBudgetALargeReviewIsRefusedAtOnceAndASmallOneIsDecided(@TempDir Path dir) throws Exception {
    byte[] large1 = HostileReviews.manyEntries("big-1", "attacker", 4_000, "{}");
    byte[] large2 = HostileReviews.manyEntries("big-2", "attacker", 4_000, "{}");
    byte[] small = HostileReviews.small("small-1", "tenant-b");
    // Room for one large review; the last 100 KiB (and one review's fixed share) are for small ones.
    long reserve = ReviewBudget.reviewCharge(100 * 1024);
    ReviewBudget budget = new ReviewBudget(ReviewBudget.reviewCharge(large1.length) + reserve, reserve);
    HoldingAttackers reviewer = new HoldingAttackers();
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withReviewTimeout(Duration.ofSeconds(20));
    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS,
        DeployLabel.disabled(), budget)) {
      HttpClient client = webhook.client(HttpClient.Version.HTTP_2);
      CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(webhook, client, large1));
      assertTrue(reviewer.held.await(20, TimeUnit.SECONDS), "expected the first large review under way");

      long start = System.nanoTime();
      HttpResponse<String> refused = post(webhook, client, large2);
      JsonNode response = TestWebhook.json(refused.body()).path("response");
      assertEquals(200, refused.statusCode(), "expected an AdmissionReview, not an HTTP error: " + refused.body());
      assertEquals("big-2", response.path("uid").asString(), "expected the uid echoed");
      assertFalse(response.path("allowed").asBoolean(true), "expected the review beyond the budget denied");
      assertEquals(429, response.path("status").path("code").asInt(), "expected 429: " + response);
      assertEquals("TooManyRequests", response.path("status").path("reason").asString(), "expected the reason");
      assertTrue(response.path("status").path("message").asString().startsWith("connectgate is busy:"),
          "expected a clear message: " + response);

      HttpResponse<String> decided = post(webhook, client, small);
      JsonNode smallResponse = TestWebhook.json(decided.body()).path("response");
      assertTrue(smallResponse.path("allowed").asBoolean(false), "expected the small review decided: " + decided.body());
      Duration both = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(both.compareTo(Duration.ofSeconds(5)) < 0, "expected both answered while the first is held"
          + " (the first is held up to 20 s), took " + both);

      reviewer.release.countDown();
      assertTrue(TestWebhook.json(first.get(20, TimeUnit.SECONDS).body()).path("response").path("allowed")
          .asBoolean(false), "expected the held review decided once released");
      assertEquals(0, budget.inUse(), "expected every reservation returned");
      String metrics = webhook.get(client, "/metrics").body();
      assertTrue(metrics.contains("connectgate_admission_requests_total{decision=\"refused\",route=\"validate\"} 1.0"),
          "expected the refusal counted:\n" + metrics);
    } finally {
      reviewer.release.countDown();
    }
  }

  @Test
  void bodiesBeyondTheReceivingBudgetAreRefusedBeforeTheyAreRead(@TempDir Path dir) throws Exception {
    int announced = 1024 * 1024;
    // Room for one announced 1 MiB body being received, plus the reserve (a quarter) for small ones.
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withReceivingBytes(announced * 4L / 3 + 1024);
    String head = "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + announced + "\r\n\r\n";
    try (TestWebhook webhook = TestWebhook.start(dir, new io.connectgate.admission.ScriptedReviewer()
            .answering(new Review(true, java.util.List.of(), null)), config, DenialMessage.DEFAULT_MAX_CHARS);
        RawHttp1 uploading = new RawHttp1(TestWebhook.sslContext(java.util.List.of(dir.resolve("ca.crt"))),
            webhook.port);
        RawHttp1 second = new RawHttp1(TestWebhook.sslContext(java.util.List.of(dir.resolve("ca.crt"))),
            webhook.port)) {
      uploading.send(head);
      uploading.send("{\"apiVersion\":"); // and then nothing: its 1 MiB stays reserved
      HttpClient client = webhook.client(HttpClient.Version.HTTP_1_1);
      // A round trip on the server after the first upload's headers: its reservation is taken.
      assertEquals(200, webhook.get(client, "/healthz").statusCode(), "expected the server up");
      second.send(head);
      assertEquals(503, second.readStatus(), "expected a second 1 MiB body refused before it is read");
      HttpResponse<String> small = post(webhook, client, HostileReviews.small("small-r", "tenant-b"));
      assertTrue(TestWebhook.json(small.body()).path("response").path("allowed").asBoolean(false),
          "expected a small review received and decided meanwhile: " + small.body());
    }
  }

  private static HttpResponse<String> post(TestWebhook webhook, HttpClient client, byte[] body) {
    try {
      return webhook.post(client, "/validate", "application/json", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
