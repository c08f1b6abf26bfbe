package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Another client, on its own connections, asking {@code /healthz} and reviewing the ordinary
 * fixture in a loop while a test sends something nasty: proof that the server keeps answering
 * everyone else. Its answers must all be right and each come within {@link #BOUND}.
 */
final class ConcurrentProbe {

  static final Duration BOUND = Duration.ofSeconds(2);

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicLong slowestNanos = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  private ConcurrentProbe(TestWebhook webhook, HttpClient client, byte[] review) {
    thread = new Thread(() -> {
      while (!stop.get()) {
        try {
          long start = System.nanoTime();
          int health = webhook.get(client, "/healthz").statusCode();
          int validate = webhook.post(client, "/validate", "application/json", review).statusCode();
          long took = System.nanoTime() - start;
          slowestNanos.accumulateAndGet(took, Math::max);
          if (health != 200 || validate != 200) {
            failures.add("healthz " + health + ", validate " + validate);
          }
          rounds.incrementAndGet();
        } catch (Exception e) {
          failures.add(e.toString());
        }
      }
    }, "concurrent-probe");
    thread.setDaemon(true);
  }

  static ConcurrentProbe start(TestWebhook webhook) throws Exception {
    ConcurrentProbe probe = new ConcurrentProbe(webhook, webhook.client(HttpClient.Version.HTTP_1_1),
        TestWebhook.fixture("create-validate.json"));
    probe.thread.start();
    return probe;
  }

  /** Waits for at least one complete round, stops, and asserts every round was served in time. */
  void stopAndAssertServed() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (rounds.get() == 0 && failures.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    stop.set(true);
    thread.join(Duration.ofSeconds(30).toMillis());
    assertEquals("[]", failures.toString(), "expected every probe request on another connection answered 200");
    assertTrue(rounds.get() > 0, "expected the probe to complete at least one round meanwhile");
    Duration slowest = Duration.ofNanos(slowestNanos.get());
    assertTrue(slowest.compareTo(BOUND.multipliedBy(2)) < 0,
        "expected each probe round (healthz + validate) within " + BOUND.multipliedBy(2) + ", slowest " + slowest);
  }
}
