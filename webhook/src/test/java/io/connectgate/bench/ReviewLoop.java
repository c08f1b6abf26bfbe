package io.connectgate.bench;

import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.Answer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.connector.Deadline;
import io.connectgate.policy.Policy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

/**
 * The per-review work of {@code serve} without HTTP, for profiling: the {@link Admission} use
 * case wired as {@code ServeCommand} wires it (built-in catalog and policy, no deploy label),
 * called on one thread over {@code reviews} distinct example reviews ({@link DistinctReviews})
 * for {@code seconds} after {@code warmup} seconds. Prints the thread's CPU time per review.
 * Start the JVM with {@code -XX:StartFlightRecording=...} to see where that time goes
 * (docs/performance.md "Profile"). Bounded by time; not part of {@code mvn verify}:
 *
 * <pre>scripts/run-bench.sh ReviewLoop seconds=20 warmup=10 reviews=1000</pre>
 */
public final class ReviewLoop {

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    Duration measure = Duration.ofSeconds(a.integer("seconds", 20));
    Duration warmup = Duration.ofSeconds(a.integer("warmup", 10));
    List<byte[]> bodies = DistinctReviews.bodies(a.integer("reviews", 1000));
    Endpoint endpoint = Endpoint.valueOf(a.text("endpoint", "validate").toUpperCase(java.util.Locale.ROOT));
    Admission admission = new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(ReviewerFactory.standard().create(null, Policy::builtIn),
            new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        DeployLabel.disabled(), ReviewBudget.forThisJvm(3 * 1024 * 1024));
    run(admission, bodies, endpoint, warmup, "warm-up");
    run(admission, bodies, endpoint, measure, "measured");
  }

  private static void run(Admission admission, List<byte[]> bodies, Endpoint endpoint, Duration length,
      String phase) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long reviews = 0;
    long allowed = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        byte[] body = bodies.get((int) (reviews % bodies.size()));
        Answer answer = admission.review(body, endpoint, Deadline.after(Duration.ofSeconds(10)));
        if (answer.decided() && "allowed".equals(answer.label())) {
          allowed++;
        }
        reviews++;
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - start;
    System.out.printf("%s: %d reviews (%d allowed) over %d distinct bodies, %.1f µs CPU and %.1f µs wall"
        + " per review%n", phase, reviews, allowed, bodies.size(), cpu / 1e3 / reviews, wall / 1e3 / reviews);
  }
}
