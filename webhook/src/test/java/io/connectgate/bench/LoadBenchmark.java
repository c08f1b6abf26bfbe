package io.connectgate.bench;

import io.connectgate.bench.BenchClient.Protocol;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark of the real server (docs/performance.md "Load benchmark"): starts
 * {@code java -Xmx256m -jar JAR serve} on loopback as a child process and drives
 * {@code /healthz} (the no-op ceiling) and {@code /validate} (spread over the distinct reviews of
 * {@link ReviewSet}) over HTTPS with HTTP/1.1 and HTTP/2: per protocol an open loop at a fixed
 * rate (p50/p99/p99.9, latency counted from when a request was due) and a closed loop for the
 * saturated throughput, with the server's CPU per request; then the peak RSS during the
 * fixed-rate phases and at the end. With {@code baseline=JAR} the same is measured for a second
 * build with the same JVM options, in alternating rounds (current, baseline; baseline, current;
 * ...) so that other load on the machine falls on both alike. Prints every phase, then the
 * summary tables and the targets met or not ({@link FigureTable}). Every phase is bounded by a
 * request count or a duration. Not part of {@code mvn verify}; run with
 * {@code scripts/load-benchmark.sh}.
 *
 * <p>Before anything is measured, each server is driven at the fixed rate for {@code jit} seconds
 * per protocol on /validate and a quarter of that on /healthz, unmeasured: a JVM
 * compiles for tens of seconds after it starts (the JIT's C2 thread was a third of the server's
 * CPU over the first 40 s of a run, and ~2 % after that), so without it the first phases would
 * measure the compiler competing for the two cores, not the server.
 *
 * <p>Arguments (all optional): {@code rate=2000 seconds=15 saturate=10 warmup=10 jit=30 rounds=2
 * inflight=32 connections=32 h2connections=2 h2streams=16 reviews=1024 protocols=h1,h2
 * jvm="-Xmx256m" jar=webhook/target/connectgate.jar baseline=JAR baselineLabel=baseline floors=}.
 *
 * <p>{@code floors=uid,tree,worker} adds the floor server ({@code io.connectgate.server.FloorServer}:
 * a webhook that allows every review, on connectgate's own HTTPS listener, reading the review up
 * to its uid, reading all of it and its connector JSON, or that on the worker pool) as builds
 * {@code floor-MODE}, measured alike: what any webhook on this stack costs before it judges.
 */
public final class LoadBenchmark {

  /** At most this long unmeasured before the saturated phases (the JIT is warm by then). */
  private static final Duration SATURATED_WARMUP = Duration.ofSeconds(5);

  private final Arguments a;
  private final int rate;
  private final Duration measure;
  private final Duration saturate;
  private final Duration warmup;
  private final Duration jit;
  private final int inFlight;
  private final List<Protocol> protocols;
  private final List<String> jvmOptions;
  private final Path certDir;
  private final Target healthz;
  private final Target validate;
  private final Figures figures = new Figures();

  private LoadBenchmark(Arguments a, Path certDir, ReviewSet reviews) {
    this.a = a;
    this.rate = a.integer("rate", 2000);
    this.measure = Duration.ofSeconds(a.integer("seconds", 15));
    this.saturate = Duration.ofSeconds(a.integer("saturate", 10));
    this.warmup = Duration.ofSeconds(a.integer("warmup", 10));
    this.jit = Duration.ofSeconds(a.integer("jit", 30));
    this.inFlight = a.integer("inflight", 32);
    this.protocols = Arrays.stream(a.text("protocols", "h1,h2").split(",")).map(Protocol::named).toList();
    this.jvmOptions = List.of(a.text("jvm", "-Xmx256m").trim().split("\\s+"));
    this.certDir = certDir;
    this.healthz = Target.healthz();
    this.validate = Target.validate(reviews);
  }

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    Path current = Path.of(a.text("jar", Files.exists(Path.of("webhook/target/connectgate.jar"))
        ? "webhook/target/connectgate.jar" : "target/connectgate.jar"));
    Map<String, Launch> builds = new LinkedHashMap<>();
    builds.put("current", Launch.jar(current));
    String baseline = null;
    if (!a.text("baseline", "").isEmpty()) {
      baseline = a.text("baselineLabel", "baseline");
      builds.put(baseline, Launch.jar(Path.of(a.text("baseline", ""))));
    }
    for (String mode : a.text("floors", "").split(",")) {
      if (!mode.isBlank()) {
        builds.put("floor-" + mode.trim(), Launch.floor(current, mode.trim()));
      }
    }
    int rounds = a.integer("rounds", 2);
    ReviewSet reviews = ReviewSet.generate(a.integer("reviews", 1024));
    Path certDir = Files.createTempDirectory("connectgate-bench");
    // Certificates exist before the start, as in a cluster where they are mounted from a Secret.
    new CertDirectory(certDir).ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()),
        List.of("localhost"));
    LoadBenchmark bench = new LoadBenchmark(a, certDir, reviews);

    System.out.printf("connectgate load benchmark %s%n", Instant.now());
    System.out.printf("machine: %d cores (%s), Java %s, load average before: %s%n",
        Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), System.getProperty("java.version"),
        Machine.loadAverage());
    System.out.printf("builds: %s; server JVM options: %s; %d round(s), alternating%n", builds,
        String.join(" ", bench.jvmOptions), rounds);
    System.out.printf("client: Vert.x HttpClient on one event loop; HTTP/1.1 keep-alive over up to %d connections; "
            + "HTTP/2 (ALPN h2) over up to %d connections x %d streams%n", a.integer("connections", 32),
        a.integer("h2connections", 2), a.integer("h2streams", 16));
    System.out.printf("/validate: %d distinct CREATE reviews in rotation (%d-%d bytes); per protocol: open loop %d/s "
            + "(%d s warm-up, then %d s per route), closed loop %d in flight (%d s warm-up, then %d s per route);"
            + " first, unmeasured, %d s per protocol at that rate for the JIT%n",
        reviews.samples().size(), reviews.samples().stream().mapToInt(s -> s.body().length).min().orElse(0),
        reviews.samples().stream().mapToInt(s -> s.body().length).max().orElse(0), bench.rate,
        bench.warmup.toSeconds(), bench.measure.toSeconds(), bench.inFlight,
        Math.min(bench.warmup.toSeconds(), SATURATED_WARMUP.toSeconds()), bench.saturate.toSeconds(),
        bench.jit.toSeconds() + bench.jit.dividedBy(4).toSeconds());

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      for (int round = 1; round <= rounds; round++) {
        List<String> order = new ArrayList<>(builds.keySet());
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (String build : order) {
          bench.measure(vertx, build, builds.get(build), round);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.out.printf("load average after: %s%n%n", Machine.loadAverage());
    new FigureTable(bench.figures, List.copyOf(builds.keySet()), baseline,
        bench.protocols.stream().map(p -> p.label).toList(), bench.rate).lines().forEach(System.out::println);
  }

  /** One server process of {@code build}: every protocol at the fixed rate, its RSS, then saturated. */
  private void measure(Vertx vertx, String build, Launch launch, int round) throws Exception {
    Path log = certDir.resolve("server-" + build + "-" + round + ".log");
    System.out.printf("%n== round %d, %s (%s), load average %s%n", round, build, launch, Machine.loadAverage());
    try (ServerProcess server = ServerProcess.start(launch, certDir, log, io.connectgate.testing.TrustingTls.trusting(certDir.resolve("ca.crt")),
        jvmOptions)) {
      System.out.printf("startup to ready: %d ms%n", server.startupToReady.toMillis());
      for (Protocol protocol : jit.isZero() ? List.<Protocol>of() : protocols) {
        withClient(vertx, protocol, server, load -> {
          // Not measured: the JIT's warm-up (class comment), at the fixed rate like what follows.
          load.openLoop(validate, rate, jit);
          load.openLoop(healthz, rate, jit.dividedBy(4));
        });
      }
      for (Protocol protocol : protocols) {
        withClient(vertx, protocol, server, load -> {
          load.openLoop(healthz, rate, warmup);
          load.openLoop(validate, rate, warmup);
          record(build, round, protocol, false, load.openLoop(healthz, rate, measure));
          record(build, round, protocol, false, load.openLoop(validate, rate, measure));
        });
      }
      long atRate = server.peakRssKib();
      System.out.printf("peak RSS after the %d/s phases: %d MiB%n", rate, atRate / 1024);
      for (Protocol protocol : protocols) {
        withClient(vertx, protocol, server, load -> {
          // Not measured: opens the connections (TLS handshakes) and warms the saturated path.
          load.closedLoop(validate, inFlight, warmup.compareTo(SATURATED_WARMUP) < 0 ? warmup : SATURATED_WARMUP);
          record(build, round, protocol, true, load.closedLoop(healthz, inFlight, saturate));
          record(build, round, protocol, true, load.closedLoop(validate, inFlight, saturate));
        });
      }
      long peak = server.peakRssKib();
      System.out.printf("peak RSS at the end: %d MiB%n", peak / 1024);
      figures.add(new Figures.Process(build, round, server.startupToReady.toMillis(), atRate, peak));
    }
  }

  private interface Phases {
    void run(LoadRun load) throws Exception;
  }

  private void withClient(Vertx vertx, Protocol protocol, ServerProcess server, Phases phases) throws Exception {
    HttpClient client = BenchClient.create(vertx, protocol, certDir.resolve("ca.crt"), a.integer("connections", 32),
        a.integer("h2connections", 2), a.integer("h2streams", 16));
    try {
      phases.run(new LoadRun(vertx, client, protocol.version, server));
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void record(String build, int round, Protocol protocol, boolean saturated, LoadRun.Result r) {
    System.out.printf("%-8s %-8s %s%n", build, protocol.label, r.describe());
    figures.add(new Figures.Phase(build, round, protocol.label, r.route(), saturated, r.throughput(),
        r.micros().getValueAtPercentile(50) / 1000.0, r.micros().getValueAtPercentile(99) / 1000.0,
        r.micros().getValueAtPercentile(99.9) / 1000.0, r.serverCpu().toNanos() / 1000.0 / Math.max(1, r.sent()),
        r.failed()));
  }
}
