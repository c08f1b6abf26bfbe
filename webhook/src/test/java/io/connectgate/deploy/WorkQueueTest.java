package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private static final WorkQueue.Key A = new WorkQueue.Key("ns", "a");

  @Test
  void aKeyAddedWhileHandledRunsAgainAfterwardsNeverTwiceAtOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch secondRun = new CountDownLatch(2);
    AtomicInteger concurrent = new AtomicInteger();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (WorkQueue queue = new WorkQueue(4, key -> {
      seen.add(concurrent.incrementAndGet());
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      concurrent.decrementAndGet();
      secondRun.countDown();
    })) {
      queue.add(A);
      assertTrue(entered.await(10, TimeUnit.SECONDS), "expected the first pass to start");
      queue.add(A);
      queue.add(A);
      release.countDown();
      assertTrue(secondRun.await(10, TimeUnit.SECONDS), "expected a second pass for the key added meanwhile");
    }
    assertEquals(List.of(1, 1), seen, "expected two passes, never concurrent, the two adds merged: " + seen);
  }

  @Test
  void aFailedPassIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch succeeded = new CountDownLatch(1);
    try (WorkQueue queue = new WorkQueue(1, key -> {
      if (calls.incrementAndGet() < 3) throw new IllegalStateException("API down");
      succeeded.countDown();
    }, Duration.ofMillis(10), Duration.ofMillis(50))) {
      queue.add(A);
      assertTrue(succeeded.await(10, TimeUnit.SECONDS), "expected retries until the pass succeeds");
    }
    assertEquals(3, calls.get(), "expected two failures then success");
  }
}
