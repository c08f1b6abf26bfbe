package io.connectgate.bench;

import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Load benchmark of the real server (README "Performance"): starts
 * {@code java -Xmx256m -jar webhook/target/connectgate.jar serve} on loopback, times start to
 * the first {@code /readyz} 200, then drives {@code /validate} with the example chart's review
 * and {@code /healthz} (same TLS, same client: the ceiling) over keep-alive HTTPS/1.1, open
 * loop at a fixed rate and closed loop for the maximum, and reports throughput, percentiles
 * and the server's peak RSS. Bounded: every phase has a fixed request count or duration.
 * Not part of {@code mvn verify}; run with {@code scripts/load-benchmark.sh}.
 *
 * <p>Arguments (all optional): {@code rate=2000 seconds=20 warmup=15 inflight=32 connections=32
 * jvm="-Xmx256m" (server JVM options, space-separated) jar=webhook/target/connectgate.jar}.
 */
public final class LoadBenchmark {

  public static void main(String[] args) throws Exception {
    Arguments a = new Arguments(args);
    int rate = a.integer("rate", 2000);
    Duration measure = Duration.ofSeconds(a.integer("seconds", 20));
    Duration warmup = Duration.ofSeconds(a.integer("warmup", 15));
    int inFlight = a.integer("inflight", 32);
    int connections = a.integer("connections", 32);
    Path jar = Path.of(a.text("jar", Files.exists(Path.of("webhook/target/connectgate.jar"))
        ? "webhook/target/connectgate.jar" : "target/connectgate.jar"));

    List<String> jvmOptions = List.of(a.text("jvm", "-Xmx256m").trim().split("\\s+"));
    Path certDir = Files.createTempDirectory("connectgate-bench");
    // Certificates exist before the start, as in a cluster where they are mounted from a Secret.
    new CertDirectory(certDir).ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()),
        List.of("localhost"));
    Buffer review = Buffer.buffer(ExampleReview.body());
    Predicate<Buffer> allowed = b -> b.toString().contains("\"allowed\":true");
    Predicate<Buffer> any = b -> true;

    System.out.printf("connectgate load benchmark %s%n", Instant.now());
    System.out.printf("machine: %d cores (%s), load average before: %s%n",
        Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), Machine.loadAverage());
    System.out.printf("client: Java %s, Vert.x HttpClient, HTTP/1.1 keep-alive over TLS, %d connections, "
        + "one event loop%n", System.getProperty("java.version"), connections);
    System.out.printf("server: %s serve, %s; review body %d bytes (example chart ConfigMap)%n",
        jar, String.join(" ", jvmOptions), review.length());

    Path log = certDir.resolve("server.log");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (ServerProcess server = ServerProcess.start(jar, certDir, log,
        Tls.trusting(certDir.resolve("ca.crt")), jvmOptions)) {
      System.out.printf("startup to ready: %d ms (process start to first /readyz 200)%n",
          server.startupToReady.toMillis());
      HttpClient client = vertx.createHttpClient(new HttpClientOptions()
              .setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true).setSsl(true).setVerifyHost(true)
              .setTrustOptions(new PemTrustOptions().addCertPath(certDir.resolve("ca.crt").toString())),
          new PoolOptions().setHttp1MaxSize(connections));
      LoadRun load = new LoadRun(vertx, client, server);

      System.out.printf("warm-up: %d s per route at %d/s (not reported)%n", warmup.toSeconds(), rate);
      load.openLoop("/healthz", null, any, rate, warmup);
      load.openLoop("/validate", review, allowed, rate, warmup);

      List<LoadRun.Result> results = List.of(
          load.openLoop("/healthz", null, any, rate, measure),
          load.openLoop("/validate", review, allowed, rate, measure),
          load.closedLoop("/healthz", null, any, inFlight, measure),
          load.closedLoop("/validate", review, allowed, inFlight, measure));
      results.forEach(r -> System.out.println(r.describe()));
      double ratio = results.get(3).throughput() / results.get(2).throughput();
      LoadRun.Result fixed = results.get(1);
      System.out.printf("validate/healthz maximum throughput: %.0f%% (target >= 60%%)%n", 100 * ratio);
      System.out.printf("validate p99 at %d/s: %.2f ms (target < 5 ms)%n", rate,
          fixed.micros().getValueAtPercentile(99) / 1000.0);
      System.out.printf("server peak RSS (VmHWM): %d MiB%n", server.peakRssKib() / 1024);
      System.out.printf("load average after: %s%n", Machine.loadAverage());
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
