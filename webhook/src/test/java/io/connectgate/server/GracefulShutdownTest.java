package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.Review;
import io.connectgate.admission.ScriptedReviewer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SIGTERM path: readiness 503, in-flight reviews finish, then the port closes, within the grace period. */
class GracefulShutdownTest {

  static final Duration DEADLINE = Duration.ofSeconds(20);

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void inFlightReviewCompletesThenServerCloses(HttpClient.Version version, @TempDir Path dir) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedReviewer reviewer = new ScriptedReviewer().answering((o, ns, n, m) -> {
      entered.countDown();
      await(release);
      return Review.untouched();
    });
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withDrainDelay(Duration.ofSeconds(3));
    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS)) {
      HttpClient client = webhook.client(version);
      CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
          HttpRequest.newBuilder(webhook.uri("/validate?timeout=10s"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(TestWebhook.fixture("create-validate.json")))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "expected the review to reach the reviewer");

      CompletableFuture<Void> shutdown = webhook.server.shutdown(Duration.ofSeconds(15))
          .toCompletionStage().toCompletableFuture();

      // During the drain delay new connections are still served, and told we are not ready.
      assertEquals(503, webhook.get(webhook.client(HttpClient.Version.HTTP_1_1), "/readyz").statusCode(),
          "expected /readyz 503 while draining");
      release.countDown();

      HttpResponse<String> response = inFlight.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), "expected the in-flight review to complete");
      assertEquals(TestWebhook.JSON.readTree(TestWebhook.fixture("create-validate.json")).path("request").path("uid"),
          TestWebhook.json(response.body()).path("response").path("uid"), "expected the in-flight review's uid echoed");

      shutdown.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      HttpClient fresh = webhook.client(HttpClient.Version.HTTP_1_1);
      assertThrows(IOException.class, () -> webhook.get(fresh, "/healthz"),
          "expected the port closed after shutdown");
    } finally {
      release.countDown();
    }
  }

  @Test
  void shutdownIsBoundedByTheGracePeriodEvenIfAReviewHangs(@TempDir Path dir) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedReviewer reviewer = new ScriptedReviewer().answering((o, ns, n, m) -> {
      entered.countDown();
      await(release);
      return Review.untouched();
    });
    try (TestWebhook webhook = TestWebhook.start(dir, reviewer, ServerConfig.defaults("127.0.0.1", 0),
        DenialMessage.DEFAULT_MAX_CHARS)) {
      HttpClient client = webhook.client(HttpClient.Version.HTTP_2);
      client.sendAsync(HttpRequest.newBuilder(webhook.uri("/validate"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(TestWebhook.fixture("create-validate.json")))
              .build(), HttpResponse.BodyHandlers.discarding());
      assertTrue(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "expected the review to reach the reviewer");

      long start = System.nanoTime();
      webhook.server.shutdown(Duration.ofSeconds(2)).toCompletionStage().toCompletableFuture()
          .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "expected shutdown within about the 2 s grace, took " + took);
    } finally {
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
