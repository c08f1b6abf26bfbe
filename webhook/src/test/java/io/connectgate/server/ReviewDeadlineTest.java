package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.Review;
import io.connectgate.admission.ScriptedReviewer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class ReviewDeadlineTest {

  @ParameterizedTest
  @CsvSource({
      "5s, PT4S", "10s, PT8S", "30s, PT8S", "1s, PT0.5S", "2s, PT1S",
      "abc, PT8S", "0s, PT8S", "'', PT8S", "5m, PT8S"})
  void followsTheApiServersTimeoutWithAMargin(String param, String expected) {
    assertEquals(Duration.parse(expected), ReviewDeadline.of(param, Duration.ofSeconds(8)),
        "expected ?timeout=" + param + " to give " + expected);
  }

  @Test
  void noParameterMeansTheConfiguredTimeout() {
    assertEquals(Duration.ofSeconds(8), ReviewDeadline.of(null, Duration.ofSeconds(8)), "expected the configured timeout");
  }

  @Test
  void aHungReviewIsAnsweredAsOurFailureBeforeTheApiServerGivesUp(@TempDir Path dir) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedReviewer reviewer = new ScriptedReviewer().answering((o, ns, n, m) -> {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Review.untouched();
    });
    // 1 s, not less: on a loaded machine decoding the review itself may take a few hundred ms,
    // and a deadline that fires before the decode is another outcome (a plain HTTP 500).
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withReviewTimeout(Duration.ofSeconds(1));
    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS)) {
      HttpResponse<String> http = webhook.post(webhook.client(HttpClient.Version.HTTP_2), "/validate?timeout=5s",
          "application/json", TestWebhook.fixture("create-validate.json"));
      release.countDown();

      assertEquals(200, http.statusCode(), "expected a review back, not an HTTP error");
      JsonNode response = TestWebhook.json(http.body()).get("response");
      assertFalse(response.path("allowed").asBoolean(true), "expected a hung review to fail closed");
      assertEquals(500, response.path("status").path("code").asInt(), "expected status.code 500");
      assertEquals(TestWebhook.JSON.readTree(TestWebhook.fixture("create-validate.json")).path("request").path("uid"),
          response.path("uid"), "expected the uid echoed");

      HttpResponse<String> metrics = webhook.get(webhook.client(HttpClient.Version.HTTP_2), "/metrics");
      assertTrue(metrics.body().contains("connectgate_admission_requests_total{decision=\"error\",route=\"validate\"} 1.0"),
          "expected the timeout counted once as an error:\n" + metrics.body());
    } finally {
      release.countDown();
    }
  }
}
