package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backlog driven step by step ({@code processOne}) on a fake clock, no threads. */
class DeferredJobsTest {

  static final DeferredJobs.Settings SETTINGS =
      new DeferredJobs.Settings(3, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(10), 1);

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<String> outcomes = new ArrayList<>();
  /** What the Kubernetes API answers to a creation, per ConfigMap name; CREATED when absent. */
  final Map<String, JobLaunch.Result> api = new HashMap<>();
  final List<DeployJob> created = new ArrayList<>();
  boolean apiUnavailable;
  ConfigMapCheck.State state = ConfigMapCheck.State.CURRENT;

  final JobLauncher launcher = (job, bound) -> {
    if (apiUnavailable) {
      return new JobLaunch(job.dataKey(), "job", JobLaunch.Result.FAILED, "API server unreachable", true);
    }
    JobLaunch.Result result = api.getOrDefault(job.configMapName(), JobLaunch.Result.CREATED);
    if (result == JobLaunch.Result.CREATED) {
      created.add(job);
    }
    return new JobLaunch(job.dataKey(), "job", result, result == JobLaunch.Result.FAILED ? "API HTTP 403" : "");
  };

  final DeferredJobs backlog = new DeferredJobs(launcher, job -> state, SETTINGS, outcomes::add, now::get, false);

  static DeployJob job(String configMap, String content) {
    return new DeployJob("ns", configMap, "uid-" + configMap, "connector.json", content, "http://connect:8083");
  }

  /** The clock moved on by d, then every due entry handled. */
  void drainAfter(Duration d) {
    now.addAndGet(d.toNanos());
    drain();
  }

  void drain() {
    while (backlog.processOne()) {
      // each step handles one due entry
    }
  }

  @Test
  void whatTheApiCouldNotTakeIsQueuedAndCreatedOnceItAnswers() {
    JobLauncher admissions = backlog.launcher(launcher);
    apiUnavailable = true;
    JobLaunch launch = admissions.launch(job("a", "v1"), Duration.ofSeconds(2));
    assertEquals(JobLaunch.Result.QUEUED, launch.result(), "expected an unavailable API to queue the Job: " + launch);
    assertEquals("API server unreachable", launch.detail(), "expected the reason kept for the warning");
    assertEquals(1, backlog.size(), "expected one entry waiting");
    assertFalse(backlog.processOne(), "expected the first try a moment later (the object is stored after the answer)");

    drainAfter(Duration.ofSeconds(1));
    assertEquals(1, backlog.size(), "expected the entry back in the queue while the API is down");
    assertTrue(outcomes.isEmpty(), "expected no outcome yet: " + outcomes);
    assertFalse(backlog.processOne(), "expected the retry not due before its backoff");

    apiUnavailable = false;
    drainAfter(Duration.ofSeconds(1));
    assertEquals(List.of("created"), outcomes, "expected the Job created once the API answers");
    assertEquals(List.of(job("a", "v1")), created, "expected exactly the admitted content deployed");
    assertEquals(0, backlog.size(), "expected nothing left waiting");
  }

  @Test
  void theFirstJobTheApiTakesEndsTheBackoffOfTheOthers() {
    apiUnavailable = true;
    backlog.defer(job("a", "v1"));
    for (int i = 0; i < 6; i++) {
      drainAfter(Duration.ofSeconds(31)); // each retry fails: the backoff grows to 30 s
    }
    assertEquals(1, backlog.size(), "expected the entry still waiting");
    apiUnavailable = false;
    drainAfter(Duration.ofSeconds(1));
    assertTrue(created.isEmpty(), "expected the entry still in its backoff");

    backlog.launcher(launcher).launch(job("b", "v1"), Duration.ofSeconds(2)); // an admission's Job goes through
    drain();
    assertEquals(List.of(job("b", "v1"), job("a", "v1")), created,
        "expected the queued Job created at once after the API took another one");
  }

  @Test
  void aJobWithNoTimeLeftInItsAdmissionIsQueuedNotDropped() {
    JobLaunch launch = backlog.launcher(launcher).notNow(job("a", "v1"), "no time left before the timeout");
    assertEquals(JobLaunch.Result.QUEUED, launch.result(), "expected the Job queued: " + launch);
    assertEquals("no time left before the timeout", launch.detail(), "expected the reason kept");
    drainAfter(Duration.ofSeconds(1));
    assertEquals(List.of(job("a", "v1")), created, "expected the Job created later");
  }

  @Test
  void aChangedOrDeletedConfigMapIsNeverDeployedLate() {
    backlog.defer(job("a", "v1"));
    state = ConfigMapCheck.State.DIFFERS;
    drainAfter(Duration.ofSeconds(1));
    assertTrue(outcomes.isEmpty(), "expected a young entry kept: its ConfigMap may not be stored yet");
    assertEquals(1, backlog.size(), "expected the entry waiting for the object to be stored");
    drainAfter(SETTINGS.settle());
    assertEquals(List.of("superseded"), outcomes, "expected the stale entry dropped once settled");
    assertTrue(created.isEmpty(), "expected no Job for content the ConfigMap no longer holds");
  }

  @Test
  void anUnreadableConfigMapWaitsAndExpiresRatherThanDeployBlind() {
    backlog.defer(job("a", "v1"));
    state = ConfigMapCheck.State.UNKNOWN;
    drainAfter(Duration.ofSeconds(1));
    assertTrue(created.isEmpty() && outcomes.isEmpty(), "expected no creation without the check");
    drainAfter(SETTINGS.maxAge());
    assertEquals(List.of("expired"), outcomes, "expected the entry to expire after " + SETTINGS.maxAge());
    assertEquals(0, backlog.size(), "expected nothing left waiting");
  }

  @Test
  void theNewestAdmissionOfAnEntryReplacesAnOlderOneAndASynchronousSuccessSettlesIt() {
    backlog.defer(job("a", "v1"));
    backlog.defer(job("a", "v2"));
    assertEquals(1, backlog.size(), "expected one entry per ConfigMap data key");
    drainAfter(Duration.ofSeconds(1));
    assertEquals(List.of(job("a", "v2")), created, "expected only the newest content deployed");

    backlog.defer(job("b", "v1"));
    backlog.launcher(launcher).launch(job("b", "v2"), Duration.ofSeconds(2));
    assertEquals(0, backlog.size(), "expected the admission that created a Job to drop the older queued one");
  }

  @Test
  void aFullBacklogRefusesAndTheAdmissionSaysNotCreated() {
    for (String name : List.of("a", "b", "c")) {
      assertTrue(backlog.defer(job(name, "v1")), "expected room for " + name);
    }
    assertTrue(backlog.defer(job("a", "v2")), "expected a replacement accepted when full");
    apiUnavailable = true;
    JobLaunch launch = backlog.launcher(launcher).launch(job("d", "v1"), Duration.ofSeconds(2));
    assertEquals(JobLaunch.Result.FAILED, launch.result(), "expected the plain failure when the backlog is full");
    assertEquals(3, backlog.size(), "expected the capacity kept");
  }

  @Test
  void refusalsAreNotQueuedAndARefusedQueuedJobFails() {
    api.put("a", JobLaunch.Result.FAILED); // 403: retrying would not help
    JobLaunch launch = backlog.launcher(launcher).launch(job("a", "v1"), Duration.ofSeconds(2));
    assertEquals(JobLaunch.Result.FAILED, launch.result(), "expected a refusal answered, not queued");
    assertEquals(0, backlog.size(), "expected nothing queued for a refusal");

    backlog.defer(job("a", "v1"));
    drainAfter(Duration.ofSeconds(1));
    assertEquals(List.of("failed"), outcomes, "expected a queued Job the API refuses to end as failed");
  }

  @Test
  void closingRefusesNewEntriesAndForgetsTheWaitingOnes() {
    backlog.defer(job("a", "v1"));
    backlog.close();
    assertFalse(backlog.defer(job("b", "v1")), "expected a closed backlog to refuse");
    assertFalse(backlog.processOne(), "expected nothing processed after close");
  }
}
