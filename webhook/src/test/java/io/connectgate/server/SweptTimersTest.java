package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One sweep fires the timers that are due, on their own context, and no others. */
class SweptTimersTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void dueTimersFireOnTheirContextAndRemovedOnesNever() throws Exception {
    SweptTimers timers = new SweptTimers(vertx);
    Context context = vertx.getOrCreateContext();
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    Runnable record = () -> {
      fired.add(Vertx.currentContext() == context ? "on its context" : "elsewhere");
      two.countDown();
    };
    timers.add(context, Duration.ZERO, record);
    SweptTimers.Timer answered = timers.add(context, Duration.ZERO, () -> fired.add("removed one fired"));
    timers.remove(answered);
    timers.add(context, Duration.ofMillis(120), record);
    assertTrue(two.await(10, TimeUnit.SECONDS), "expected both due timers to fire, fired: " + fired);
    assertEquals(List.of("on its context", "on its context"), fired, "expected each on its request's context, once");
    assertEquals(0, timers.size(), "expected nothing left in flight");

    // After the sweep found nothing left and stopped, a new timer arms it again.
    CountDownLatch again = new CountDownLatch(1);
    timers.add(context, Duration.ZERO, again::countDown);
    assertTrue(again.await(10, TimeUnit.SECONDS), "expected a timer added after an idle spell to fire");
  }

  @Test
  void aTimerNotYetDueWaitsForItsTime() throws Exception {
    SweptTimers timers = new SweptTimers(vertx);
    CountDownLatch fired = new CountDownLatch(1);
    long added = System.nanoTime();
    timers.add(vertx.getOrCreateContext(), Duration.ofMillis(300), fired::countDown);
    assertTrue(fired.await(10, TimeUnit.SECONDS), "expected it to fire");
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
    assertFalse(waited < 300, "expected no firing before the due time, fired after " + waited + " ms");
  }
}
