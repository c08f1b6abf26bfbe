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
import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConfigMapViews;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.Origin;
import io.connectgate.policy.Policy;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.TestCatalogs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-review work of {@code serve} without HTTP, for profiling: the {@link Admission} use
 * case wired as {@code ServeCommand} wires it (built-in catalog and policy, no deploy label),
 * called on one thread over {@code reviews} distinct reviews, the load benchmark's
 * ({@link ReviewSet}), for {@code seconds} after {@code warmup} seconds. Prints the thread's CPU time per review.
 * Start the JVM with {@code -XX:StartFlightRecording=...} to see where that time goes
 * (docs/performance.md "Profile"). Bounded by time; not part of {@code mvn verify}:
 *
 * <pre>scripts/run-bench.sh ReviewLoop seconds=20 warmup=10 reviews=1024 [what=engine [schemas=networknt]] [set=example]</pre>
 *
 * <p>{@code set=example}: only the set's variants of the example chart's ConfigMap (each with its
 * own uid, names, {@code tasks.max}, bootstrap host and topic), as the earlier profiles used.
 *
 * <p>{@code what=engine}: only {@link ConnectorEngine#inspect} of each ConfigMap (the part
 * {@code ValidateBenchmark} measures), without decoding, policy, decisions and encoding.
 */
public final class ReviewLoop {

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    Duration measure = Duration.ofSeconds(a.integer("seconds", 20));
    Duration warmup = Duration.ofSeconds(a.integer("warmup", 10));
    int count = a.integer("reviews", 1024);
    // The load benchmark's mix (ReviewSet: example variants and published connectors), or with
    // set=example only its variants of the example chart.
    boolean exampleOnly = a.text("set", "load").equals("example");
    List<ReviewSet.Sample> samples = ReviewSet.generate(exampleOnly ? 2 * count : count).samples();
    List<byte[]> bodies = IntStream.range(0, samples.size())
        .filter(i -> !exampleOnly || i % 2 == 0).mapToObj(i -> samples.get(i).body()).toList();
    Endpoint endpoint = Endpoint.valueOf(a.text("endpoint", "validate").toUpperCase(Locale.ROOT));
    if (a.text("what", "review").equals("engine")) {
      // The engine alone, as ValidateBenchmark measures it, over the distinct ConfigMaps.
      JsonMapper json = AdmissionJson.newMapper();
      // schemas=networknt: without the fast checks (FastChecks), to compare in one run.
      SchemaCatalog catalog = SchemaCatalog.builtIn();
      ConnectorEngine engine = new ConnectorEngine(a.text("schemas", "fast").equals("networknt")
          ? TestCatalogs.networkntOnly(catalog) : catalog);
      List<ConfigMapView> views = new ArrayList<>();
      for (byte[] body : bodies) {
        views.add(ConfigMapViews.fromJson(json.readTree(body).path("request").path("object"),
            Origin.admission("default", "replicator")));
      }
      Review engineAlone = i -> engine.inspect(views.get(i % views.size())).carriesConnectors();
      run(engineAlone, bodies.size(), warmup, "engine warm-up");
      run(engineAlone, bodies.size(), measure, "engine measured");
      return;
    }
    Admission admission = new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(ReviewerFactory.standard().create(null, Policy::builtIn),
            new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        DeployLabel.disabled(), ReviewBudget.forThisJvm(3 * 1024 * 1024));
    Review review = i -> {
      Answer answer = admission.review(bodies.get(i % bodies.size()), endpoint,
          Deadline.after(Duration.ofSeconds(10)));
      return answer.decided() && "allowed".equals(answer.label());
    };
    run(review, bodies.size(), warmup, "warm-up");
    run(review, bodies.size(), measure, "measured");
  }

  /** One review (or inspection) of the i-th body; true when it was allowed (carries connectors). */
  private interface Review {
    boolean run(int i);
  }

  private static void run(Review one, int distinct, Duration length, String phase) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long reviews = 0;
    long allowed = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        if (one.run((int) (reviews % distinct))) {
          allowed++;
        }
        reviews++;
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - start;
    System.out.printf("%s: %d reviews (%d allowed) over %d distinct bodies, %.1f µs CPU and %.1f µs wall"
        + " per review%n", phase, reviews, allowed, distinct, cpu / 1e3 / reviews, wall / 1e3 / reviews);
  }
}
