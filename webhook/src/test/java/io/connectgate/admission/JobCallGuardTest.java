package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobCallGuardTest {

  static final DeployJob JOB = new DeployJob("ns", "cm", "uid-1", "connector.json", "{}", "http://connect:8083");
  static final Duration BOUND = Duration.ofSeconds(2);
  static final Duration PAUSE = Duration.ofSeconds(5);

  /** A launcher answering from a script (the last answer repeats), counting its calls. */
  static final class Scripted implements JobLauncher {
    final Deque<JobLaunch> answers = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();
    JobLaunch last;

    Scripted then(JobLaunch.Result result, boolean unavailable) {
      answers.add(new JobLaunch("connector.json", "cm-job", result, result.label(), unavailable));
      return this;
    }

    @Override
    public synchronized JobLaunch launch(DeployJob job, Duration bound) {
      calls.incrementAndGet();
      if (!answers.isEmpty()) {
        last = answers.poll();
      }
      return last;
    }
  }

  final AtomicLong now = new AtomicLong(1_000_000_000L);

  JobCallGuard guard(JobLauncher delegate, int maxInFlight) {
    return new JobCallGuard(delegate, new JobCallGuard.Limits(maxInFlight, 3, PAUSE), now::get);
  }

  @Test
  void threeUnavailableFailuresInARowPauseCreationWithoutCallingTheApi() {
    Scripted api = new Scripted().then(JobLaunch.Result.FAILED, true);
    JobCallGuard guard = guard(api, 4);
    for (int i = 0; i < 3; i++) {
      assertEquals(JobLaunch.Result.FAILED, guard.launch(JOB, BOUND).result(), "expected call " + i + " to reach the API");
    }
    assertTrue(guard.paused(), "expected creation paused after 3 unavailable failures in a row");
    JobLaunch skipped = guard.launch(JOB, BOUND);
    assertEquals(JobLaunch.Result.SKIPPED, skipped.result(), "expected a skip while paused: " + skipped);
    assertTrue(skipped.detail().contains("paused after 3 API failures in a row"), "expected the reason: " + skipped.detail());
    assertEquals(3, api.calls.get(), "expected no API call while paused");

    now.addAndGet(PAUSE.toNanos() - 1);
    assertEquals(JobLaunch.Result.SKIPPED, guard.launch(JOB, BOUND).result(), "expected the pause to last " + PAUSE);
    assertEquals(3, api.calls.get(), "expected no API call before the pause ends");
  }

  @Test
  void aSuccessfulProbeAfterThePauseResumesCreation() {
    Scripted api = new Scripted().then(JobLaunch.Result.FAILED, true).then(JobLaunch.Result.FAILED, true)
        .then(JobLaunch.Result.FAILED, true).then(JobLaunch.Result.CREATED, false);
    JobCallGuard guard = guard(api, 4);
    for (int i = 0; i < 3; i++) {
      guard.launch(JOB, BOUND);
    }
    now.addAndGet(PAUSE.toNanos());
    assertEquals(JobLaunch.Result.CREATED, guard.launch(JOB, BOUND).result(), "expected the probe to reach the API");
    assertFalse(guard.paused(), "expected creation resumed after a successful probe");
    assertEquals(JobLaunch.Result.CREATED, guard.launch(JOB, BOUND).result(), "expected creation to go on");
    assertEquals(5, api.calls.get(), "expected every call after the resumption to reach the API");
  }

  @Test
  void aFailedProbeStartsThePauseOver() {
    Scripted api = new Scripted().then(JobLaunch.Result.FAILED, true);
    JobCallGuard guard = guard(api, 4);
    for (int i = 0; i < 3; i++) {
      guard.launch(JOB, BOUND);
    }
    now.addAndGet(PAUSE.toNanos());
    assertEquals(JobLaunch.Result.FAILED, guard.launch(JOB, BOUND).result(), "expected the probe to reach the API");
    assertEquals(4, api.calls.get(), "expected one probe");
    now.addAndGet(PAUSE.toNanos() - 1);
    assertEquals(JobLaunch.Result.SKIPPED, guard.launch(JOB, BOUND).result(),
        "expected a new full pause after the failed probe");
    assertEquals(4, api.calls.get(), "expected no call during the new pause");
    now.addAndGet(1);
    guard.launch(JOB, BOUND);
    assertEquals(5, api.calls.get(), "expected the next probe when the new pause ends");
  }

  @Test
  void refusalsAndInterleavedSuccessesNeverPause() {
    Scripted refusals = new Scripted().then(JobLaunch.Result.FAILED, false);
    JobCallGuard refused = guard(refusals, 4);
    for (int i = 0; i < 10; i++) {
      refused.launch(JOB, BOUND);
    }
    assertEquals(10, refusals.calls.get(), "expected an API that answers 403/422 never to be paused");
    assertFalse(refused.paused(), "expected no pause for refusals");

    Scripted flaky = new Scripted().then(JobLaunch.Result.FAILED, true).then(JobLaunch.Result.FAILED, true)
        .then(JobLaunch.Result.EXISTING, false).then(JobLaunch.Result.FAILED, true)
        .then(JobLaunch.Result.FAILED, true).then(JobLaunch.Result.CREATED, false);
    JobCallGuard guard = guard(flaky, 4);
    for (int i = 0; i < 6; i++) {
      assertFalse(guard.launch(JOB, BOUND).result() == JobLaunch.Result.SKIPPED, "expected call " + i + " tried");
    }
    assertFalse(guard.paused(), "expected failures separated by a success not to add up");
  }

  @Test
  void beyondMaxInFlightCallsAreSkippedAtOnceAndTheSlotsComeBack() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    JobLauncher slowApi = (job, bound) -> {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new JobLaunch(job.dataKey(), "cm-job", JobLaunch.Result.CREATED, "");
    };
    JobCallGuard guard = guard(slowApi, 2);
    CompletableFuture<JobLaunch> first = CompletableFuture.supplyAsync(() -> guard.launch(JOB, BOUND));
    CompletableFuture<JobLaunch> second = CompletableFuture.supplyAsync(() -> guard.launch(JOB, BOUND));
    assertTrue(entered.await(10, TimeUnit.SECONDS), "expected two calls waiting on the API");

    JobLaunch third = guard.launch(JOB, BOUND);
    assertEquals(JobLaunch.Result.SKIPPED, third.result(), "expected the third call skipped: " + third);
    assertTrue(third.detail().contains("busy, 2 Job calls waiting"), "expected the reason: " + third.detail());
    assertEquals(2, calls.get(), "expected the skipped call not to reach the API");

    release.countDown();
    assertEquals(JobLaunch.Result.CREATED, first.get(10, TimeUnit.SECONDS).result(), "expected the first created");
    assertEquals(JobLaunch.Result.CREATED, second.get(10, TimeUnit.SECONDS).result(), "expected the second created");
    assertEquals(JobLaunch.Result.CREATED, guard.launch(JOB, BOUND).result(), "expected a slot free again");
    assertEquals(3, calls.get(), "expected the call after the release to reach the API");
  }

  @Test
  void whileTheProbeIsOutTheOthersAreStillSkipped() throws Exception {
    CountDownLatch probing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    JobLauncher api = (job, bound) -> {
      if (calls.incrementAndGet() <= 3) {
        return new JobLaunch(job.dataKey(), "cm-job", JobLaunch.Result.FAILED, "API server unreachable", true);
      }
      probing.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new JobLaunch(job.dataKey(), "cm-job", JobLaunch.Result.CREATED, "");
    };
    JobCallGuard guard = guard(api, 4);
    for (int i = 0; i < 3; i++) {
      guard.launch(JOB, BOUND);
    }
    now.addAndGet(PAUSE.toNanos());
    CompletableFuture<JobLaunch> probe = CompletableFuture.supplyAsync(() -> guard.launch(JOB, BOUND));
    assertTrue(probing.await(10, TimeUnit.SECONDS), "expected the probe to reach the API");
    assertEquals(JobLaunch.Result.SKIPPED, guard.launch(JOB, BOUND).result(), "expected one probe at a time");
    release.countDown();
    assertEquals(JobLaunch.Result.CREATED, probe.get(10, TimeUnit.SECONDS).result(), "expected the probe created");
    assertEquals(4, calls.get(), "expected exactly one probe call");
  }

  @Test
  void aProbeThatThrowsDoesNotLeaveCreationPausedForever() {
    AtomicInteger calls = new AtomicInteger();
    JobLauncher api = (job, bound) -> {
      int n = calls.incrementAndGet();
      if (n == 4) {
        throw new IllegalStateException("bug in the launcher");
      }
      return new JobLaunch(job.dataKey(), "cm-job", n < 4 ? JobLaunch.Result.FAILED : JobLaunch.Result.CREATED,
          "", n < 4);
    };
    JobCallGuard guard = guard(api, 1);
    for (int i = 0; i < 3; i++) {
      guard.launch(JOB, BOUND);
    }
    now.addAndGet(PAUSE.toNanos());
    assertThrows(IllegalStateException.class, () -> guard.launch(JOB, BOUND), "expected the bug to surface");
    assertEquals(JobLaunch.Result.CREATED, guard.launch(JOB, BOUND).result(),
        "expected the next call to be the probe (the slot and the probe released)");
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new JobCallGuard.Limits(0, 3, PAUSE), "maxInFlight 0");
    assertThrows(IllegalArgumentException.class, () -> new JobCallGuard.Limits(1, 0, PAUSE), "failures 0");
    assertThrows(IllegalArgumentException.class, () -> new JobCallGuard.Limits(1, 3, Duration.ZERO), "pause 0");
  }
}
