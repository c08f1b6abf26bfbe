package io.connectgate.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.TrustingTls;
import io.connectgate.tls.CertDirectory;
import io.connectgate.validation.Limits;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 14's attacks against {@code connectgate serve} in a child JVM with the chart's memory
 * settings ({@link ChildServer#CHART_MEMORY}) and a policy with bootstrap-server globs, each with
 * its bound: every answer to a decodable review is an AdmissionReview echoing its uid; small
 * reviews of other tenants are decided normally in under a second during the attack; the
 * process survives and its heap after a GC returns near where it started. Figures are printed
 * (docs/hardening.md, "Hostile-tenant suite") and asserted as ratios against benign reviews of
 * the same run where a timing is compared.
 */
@Tag("hostile")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTenantSuiteTest {

  static final Duration SMALL_BOUND = Duration.ofSeconds(1);
  /** serve's review timeout (8 s) + the backstop (250 ms) + a second for transfer: no answer comes later. */
  static final Duration DEADLINE_BOUND = Duration.ofMillis(9_250);

  ChildServer server;
  SSLContext tls;
  HttpClient client;
  long baselineHeap;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path certs = dir.resolve("certs");
    ChildServer.prepareCertificates(certs);
    tls = TrustingTls.trusting(new CertDirectory(certs).caFile());
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "apiVersion: connectgate.io/v1\nkind: ConnectorPolicy\nrules:\n"
        + "  allowedBootstrapServers: {action: deny, patterns: [\"*.kafka-*.example.com:9093\"]}\n"
        + "  allowedConnectorClasses: {action: deny, classes: [\"io.confluent.*.Replicator*Connector\"]}\n");
    server = ChildServer.start(certs, dir.resolve("server.log"), tls, ChildServer.CHART_MEMORY,
        List.of("--policy", policy.toString()));
    client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 20; i++) { // warm-up: the bounds measure attacks, not a cold JVM
      post("/validate", HostileReviews.small("warm-" + i, "tenant-b"));
    }
    baselineHeap = server.heapAfterGc();
    System.out.printf("hostile: max heap %d MiB, heap after GC at start %d MiB%n", server.maxHeap() >> 20,
        baselineHeap >> 20);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  record Timed(HttpResponse<String> response, Duration took) {
    JsonNode review() {
      return HostileReviews.JSON.readTree(response.body()).path("response");
    }
  }

  Timed post(String path, byte[] body) throws Exception {
    return post(client, path, body);
  }

  Timed post(HttpClient client, String path, byte[] body) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("https://127.0.0.1:" + server.port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The shape every answer to a decodable review has. */
  static JsonNode assertReview(Timed timed, String uid) {
    HttpResponse<String> http = timed.response();
    assertEquals(200, http.statusCode(), "expected HTTP 200 for uid " + uid + ", got " + http.statusCode()
        + ": " + http.body());
    assertEquals("application/json", http.headers().firstValue("Content-Type").orElse(""),
        "expected an AdmissionReview for uid " + uid + ", got: " + http.body());
    JsonNode response = timed.review();
    assertEquals(uid, response.path("uid").asString(), "expected the uid echoed: " + http.body());
    return response;
  }

  /** Small reviews from another namespace, one after another, until {@code until} completes. */
  List<Timed> smallReviewsDuring(CompletableFuture<?> until) throws Exception {
    List<Timed> answers = new ArrayList<>();
    for (int i = 0; i < 2_000 && !until.isDone(); i++) {
      String uid = "small-" + System.nanoTime();
      Timed timed = post("/validate", HostileReviews.small(uid, "tenant-b"));
      JsonNode response = assertReview(timed, uid);
      assertTrue(response.path("allowed").asBoolean(false), "expected a small review decided normally (allowed)"
          + " during the attack, not refused: " + timed.response().body());
      answers.add(timed);
    }
    return answers;
  }

  /** A small review of another tenant, answered: the yardstick of the attacks' cost. */
  Timed benign(String uid) throws Exception {
    Timed timed = post("/validate", HostileReviews.small(uid, "tenant-b"));
    assertReview(timed, uid);
    return timed;
  }

  /** The attack cost at most 50 × the benign review (counted as at least 10 ms), printed either way. */
  static void assertAtMost50TimesBenign(String what, Timed attack, Timed benign) {
    System.out.printf("hostile: %s %d ms (benign review %d ms)%n", what, attack.took().toMillis(),
        benign.took().toMillis());
    assertTrue(attack.took().toNanos() <= 50 * Math.max(benign.took().toNanos(), 10_000_000L), "expected " + what
        + " to cost at most 50 x a benign review (" + benign.took() + "), took " + attack.took());
  }

  static Duration max(List<Timed> answers) {
    return answers.stream().map(Timed::took).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  @Test
  void fourMaximumSizeEntryAttacksInParallelAtTheChartsHeap() throws Exception {
    List<Timed> undisturbed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      undisturbed.add(post("/validate", HostileReviews.small("calm-" + i, "tenant-b")));
    }
    // The largest ConfigMap of valid connectors the limits let through (docs/hardening.md).
    byte[] benign = HostileReviews.manyDocuments("benign-3m", "tenant-b", Limits.MAX_DOCUMENTS);
    Timed benignTimed = post("/validate", benign);
    assertTrue(assertReview(benignTimed, "benign-3m").path("allowed").asBoolean(false),
        "expected " + Limits.MAX_DOCUMENTS + " valid documents allowed: " + benignTimed.response().body());
    ExecutorService attackers = Executors.newFixedThreadPool(4);
    // The attacker's connection is its own: a tenant reaches the port directly or through the
    // API server, whose HTTP/2 connection then carries other tenants' reviews too (see docs).
    HttpClient attackerClient = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5)).build();
    try {
      List<CompletableFuture<Timed>> attacks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        byte[] body = HostileReviews.maximumEntriesAttack("attack-" + i, "attacker");
        attacks.add(CompletableFuture.supplyAsync(() -> {
          try {
            return post(attackerClient, "/validate?timeout=10s", body);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, attackers));
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(attacks.toArray(CompletableFuture[]::new));
      List<Timed> small = smallReviewsDuring(all);
      all.get(60, TimeUnit.SECONDS);
      Duration slowestAttack = Duration.ZERO;
      int refused = 0;
      for (int i = 0; i < 4; i++) {
        Timed timed = attacks.get(i).get();
        JsonNode response = assertReview(timed, "attack-" + i);
        assertFalse(response.path("allowed").asBoolean(true), "expected the attack denied: " + response);
        int code = response.path("status").path("code").asInt();
        String message = response.path("status").path("message").asString();
        assertTrue(code == 400 || code == 429 || (code == 500 && message.startsWith("review exceeded its deadline")),
            "expected 400 (the entries do not parse), 429 (over the budget) or 500 (the deadline), got " + response);
        refused += code == 429 ? 1 : 0;
        if (timed.took().compareTo(slowestAttack) > 0) {
          slowestAttack = timed.took();
        }
      }
      assertTrue(server.process.isAlive(), "expected the server to survive; see " + server.log);
      long heapAfter = server.heapAfterGc();
      Duration median = small.isEmpty() ? Duration.ZERO
          : small.stream().map(Timed::took).sorted().toList().get(small.size() / 2);
      System.out.printf("hostile: 4 x %d KiB entry attacks: %d refused (429), slowest answer %d ms (%.1f x the"
              + " benign largest review's %d ms); %d small reviews meanwhile, median %d ms, slowest %d ms (%d ms"
              + " undisturbed); heap after GC %d MiB%n",
          HostileReviews.maximumEntriesAttack("x", "y").length >> 10, refused, slowestAttack.toMillis(),
          slowestAttack.toNanos() / (double) benignTimed.took().toNanos(), benignTimed.took().toMillis(),
          small.size(), median.toMillis(), max(small).toMillis(), max(undisturbed).toMillis(), heapAfter >> 20);
      assertTrue(small.size() >= 1, "expected small reviews sent during the attack");
      // The bound is 1 s; on a machine so loaded that small reviews are slow without any
      // attack, the bound is 4 x the slowest undisturbed one of this run (docs/hardening.md).
      Duration bound = SMALL_BOUND.compareTo(max(undisturbed).multipliedBy(4)) > 0 ? SMALL_BOUND
          : max(undisturbed).multipliedBy(4);
      assertTrue(median.compareTo(SMALL_BOUND) < 0, "expected small reviews decided in a median under "
          + SMALL_BOUND + " during the attack, median " + median);
      assertTrue(max(small).compareTo(bound) < 0, "expected every small review decided in under " + bound
          + " during the attack, slowest " + max(small));
      assertTrue(slowestAttack.compareTo(DEADLINE_BOUND) < 0, "expected every attack answered by its deadline"
          + " (" + DEADLINE_BOUND + "), slowest " + slowestAttack);
      assertTrue(heapAfter <= baselineHeap + (64L << 20), "expected the heap after GC back near its start ("
          + (baselineHeap >> 20) + " MiB), was " + (heapAfter >> 20) + " MiB");
    } finally {
      attackers.shutdownNow();
    }
  }

  @Test
  void sixThousandDocumentsOnMutateWithAOneSecondTimeoutAlwaysGetAReview() throws Exception {
    for (int i = 0; i < 4; i++) {
      String uid = "mutate-6000-" + i;
      Timed timed = post("/mutate?timeout=1s", HostileReviews.manyDocuments(uid, "attacker", 6_000));
      JsonNode response = assertReview(timed, uid);
      boolean allowed = response.path("allowed").asBoolean(false);
      String message = response.path("status").path("message").asString();
      // Since the limits, 6,000 documents are denied for their number (400) before most of the
      // work; what this guards is that the answer is a review and the log says what was answered.
      assertTrue(allowed || message.startsWith("review exceeded") || message.contains("at most"),
          "expected a patch, the deadline or the limit named: " + response);
      // The decision log says what was answered.
      String line = Files.readAllLines(server.log).stream().filter(l -> l.contains("decision uid=" + uid + " "))
          .findFirst().orElseThrow(() -> new AssertionError("expected a decision line for " + uid));
      assertTrue(line.contains("allowed=" + allowed), "expected the log to agree with the answer (allowed="
          + allowed + "): " + line);
    }
  }

  @Test
  void aGlobAttackIsAnsweredAsAReviewByItsDeadline() throws Exception {
    Timed timed = post("/validate?timeout=10s", HostileReviews.globAttack("glob-shape"));
    JsonNode response = assertReview(timed, "glob-shape");
    assertFalse(response.path("allowed").asBoolean(true), "expected the unmatched servers denied: " + response);
    assertTrue(timed.took().compareTo(DEADLINE_BOUND) < 0, "expected the answer by the deadline, took " + timed.took());
  }

  @Test
  void globBacktrackingCostsLinearTime() throws Exception {
    Timed benignTimed = benign("glob-benign");
    Timed timed = post("/validate?timeout=10s", HostileReviews.globAttack("glob-attack"));
    JsonNode response = assertReview(timed, "glob-attack");
    assertFalse(response.path("allowed").asBoolean(true), "expected the unmatched servers denied: " + response);
    assertAtMost50TimesBenign("the 97 KB glob attack", timed, benignTimed);
  }

  @Test
  void aLongServerListCostsLinearTime() throws Exception {
    Timed benignTimed = benign("list-benign");
    Timed timed = post("/validate?timeout=10s", HostileReviews.longServerList("list-attack"));
    assertReview(timed, "list-attack");
    assertAtMost50TimesBenign("the 120 KB list of 30,000 servers", timed, benignTimed);
  }

  @Test
  void aKafkaMirrorMaker2CopyingAWideClusterIntoEveryConnectorIsDeniedAtTheChartsHeap() throws Exception {
    Timed timed = post("/validate?timeout=10s", HostileReviews.wideMirrorMaker2("mm2-wide", 2_800_000));
    JsonNode response = assertReview(timed, "mm2-wide");
    System.out.printf("hostile: KafkaMirrorMaker2 of 63 connectors sharing a 2.8 MB setting %d ms%n",
        timed.took().toMillis());
    assertFalse(response.path("allowed").asBoolean(true), "expected a denial: " + response);
    assertTrue(response.path("status").path("message").asString("").contains("limit: size of a resource's"
        + " connectors"), "expected the limit named: " + response);
    Timed after = post("/validate", HostileReviews.small("mm2-after", "tenant-b"));
    assertTrue(assertReview(after, "mm2-after").path("allowed").asBoolean(false), "expected the server alive");
  }

  @Test
  void theAuditedShapesCostAtMost50TimesABenignReview() throws Exception {
    Timed benignTimed = benign("audit-benign");
    int n = 0;
    for (Map.Entry<String, Map<String, String>> shape : HostileReviews.auditedShapes().entrySet()) {
      String uid = "audit-" + n++;
      Timed timed = post("/validate?timeout=10s", HostileReviews.sink(uid, shape.getValue()));
      assertReview(timed, uid);
      assertAtMost50TimesBenign(shape.getKey(), timed, benignTimed);
    }
  }

  @Test
  void nestedDuplicateKeysAreDeniedWithinBoundsAtTheChartsHeap() throws Exception {
    Timed benignTimed = benign("dups-benign");
    Timed timed = post("/validate?timeout=10s", HostileReviews.nestedDuplicates("dups-attack"));
    JsonNode response = assertReview(timed, "dups-attack");
    assertFalse(response.path("allowed").asBoolean(true), "expected the duplicates denied: " + response);
    assertAtMost50TimesBenign("20,000 duplicate keys under 100 KB of nested keys", timed, benignTimed);
    assertTrue(server.heapAfterGc() < baselineHeap + (64L << 20), "expected the heap back near its start");
  }

  @Test
  void halfHeaderConnectionsDoNotStopNewClients() throws Exception {
    List<SSLSocket> halfOpen = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) { // beyond the 256-connection cap
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port);
        SSLParameters params = socket.getSSLParameters();
        params.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(params);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        halfOpen.add(socket);
      }
      Timed timed = post("/validate", HostileReviews.small("after-flood", "tenant-b"));
      assertTrue(assertReview(timed, "after-flood").path("allowed").asBoolean(false), "expected a new client served");
      assertTrue(timed.took().compareTo(SMALL_BOUND) < 0, "expected a new client served promptly during the"
          + " flood, took " + timed.took());
      long start = System.nanoTime();
      int read;
      try {
        read = halfOpen.get(halfOpen.size() - 1).getInputStream().read();
      } catch (java.net.SocketTimeoutException e) {
        read = 0;
      } catch (java.io.IOException reset) {
        read = -1;
      }
      Duration closedAfter = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf("hostile: 300 half-header connections; new client served in %d ms; the last one closed"
          + " after %d ms%n", timed.took().toMillis(), closedAfter.toMillis());
      assertEquals(-1, read, "expected the half-header connection closed by the header timeout");
    } finally {
      for (SSLSocket socket : halfOpen) {
        socket.close();
      }
    }
  }

  @Test
  void crAndLfInUidAndNameWriteNoLineOfTheirOwn() throws Exception {
    ObjectNode cm = HostileReviews.configMap("n\r\nFORGED-NAME decision allowed=true", "tenant-b", true);
    ((ObjectNode) cm.get("data")).put("c.json", HostileReviews.replicator("c"));
    String uid = "u\r\nFORGED-UID decision allowed=true\n";
    Timed timed = post("/validate", HostileReviews.review(uid, "tenant-b", cm));
    int status = timed.response().statusCode();
    assertTrue(status == 200 || status == 400, "expected an answer: " + timed.response().body());
    Timed marker = post("/validate", HostileReviews.small("after-crlf", "tenant-b"));
    assertReview(marker, "after-crlf");
    List<String> lines = Files.readAllLines(server.log);
    assertTrue(lines.stream().anyMatch(l -> l.contains("decision uid=after-crlf ")), "expected the log flushed");
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("FORGED")), "expected no forged line in " + server.log);
  }

  @Test
  void slowAndOversizedBodiesAreRefusedWithinBounds() throws Exception {
    // HTTP/1.1: the JDK's HTTP/2 client keeps uploading after an early 413 (RequestLimitsTest
    // covers HTTP/2 with Vert.x's client).
    HttpClient http1 = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> large = http1.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port
            + "/validate")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4 * 1024 * 1024])).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(413, large.statusCode(), "expected 413 for 4 MiB");
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000\r\n\r\n{\"apiVersion\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf("hostile: a body that stops is answered %s after %d ms%n", status.trim(), took.toMillis());
      assertEquals("HTTP/1.1 408", status, "expected 408 for a body that stops");
      assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "expected 408 within the 10 s body timeout, took "
          + took);
    }
  }
}
