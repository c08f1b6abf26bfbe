package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Deadline;
import io.connectgate.hostile.HostileReviews;
import io.connectgate.validation.TestCatalogs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cooperative cancellation through the real engine: a clock that jumps past the deadline after
 * a chosen number of readings stands for "the deadline passed at that point of the work"; the
 * review must stop at its next check and answer with a review naming the deadline.
 */
class AdmissionDeadlineTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads 0 for {@code before} readings, then a time far past any deadline; counts the readings after. */
  static final class JumpingClock {
    final AtomicLong readings = new AtomicLong();
    final long before;

    JumpingClock(long before) {
      this.before = before;
    }

    long read() {
      return readings.incrementAndGet() <= before ? 0 : TIME_FAR_AWAY;
    }

    long afterTheJump() {
      return Math.max(0, readings.get() - before);
    }
  }

  static final long TIME_FAR_AWAY = Duration.ofDays(1).toNanos();

  private final Admission admission = new Admission(AdmissionJson.newMapper(),
      new AdmissionHandler(new EngineReviewer(TestCatalogs.repository()),
          new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
      DeployLabel.disabled(), new ReviewBudget(64L << 20, 1L << 20));

  @Test
  void aThousandDocumentsStopAtTheFirstCheckAfterTheDeadline() {
    // As many entries as a ConfigMap may carry (more are denied by the entry limit unread).
    int documents = io.connectgate.validation.Limits.MAX_ENTRIES;
    byte[] body = HostileReviews.manyDocuments("uid-6000", "tenant", documents);
    for (Endpoint endpoint : Endpoint.values()) {
      // 500 readings are reached only by checks inside the engine's loops (per entry, document,
      // rule): a review checking only at its start or end would never see the deadline pass.
      JumpingClock clock = new JumpingClock(500);
      Answer answer = admission.review(body, endpoint, Deadline.after(Duration.ofSeconds(1), clock::read));
      JsonNode response = JSON.readTree(answer.body()).path("response");
      assertEquals("uid-6000", response.path("uid").asString(), "expected the uid echoed");
      assertEquals(500, response.path("status").path("code").asInt(), "expected 500 on " + endpoint);
      assertEquals("review exceeded its deadline of 1000 ms", response.path("status").path("message").asString(),
          "expected the deadline named on " + endpoint);
      assertEquals(1, clock.afterTheJump(), "expected the work to stop at the first check after the deadline"
          + " on " + endpoint + ", but the clock was read " + clock.afterTheJump() + " times after it");
      assertTrue(clock.readings.get() < documents, "expected fewer checks than documents before stopping");
    }
  }

  @Test
  void aKafkaMirrorMaker2OfManyMirrorsStopsAtTheFirstCheckAfterTheDeadline() {
    // 20 mirrors of 3 connectors each: 60 connector documents in one resource review.
    tools.jackson.databind.node.ObjectNode mm2 = JSON.createObjectNode();
    mm2.put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind", "KafkaMirrorMaker2");
    mm2.putObject("metadata").put("name", "mm2").put("namespace", "tenant");
    tools.jackson.databind.node.ObjectNode spec = mm2.putObject("spec").put("connectCluster", "target");
    tools.jackson.databind.node.ArrayNode clusters = spec.putArray("clusters");
    clusters.addObject().put("alias", "target").put("bootstrapServers", "target:9092");
    tools.jackson.databind.node.ArrayNode mirrors = spec.putArray("mirrors");
    for (int i = 0; i < 20; i++) {
      clusters.addObject().put("alias", "source-" + i).put("bootstrapServers", "source-" + i + ":9092");
      tools.jackson.databind.node.ObjectNode mirror = mirrors.addObject().put("sourceCluster", "source-" + i)
          .put("targetCluster", "target").put("topicsPattern", ".*");
      for (String section : new String[] {"sourceConnector", "checkpointConnector", "heartbeatConnector"}) {
        mirror.putObject(section).put("tasksMax", 1).putObject("config").put("replication.factor", 1);
      }
    }
    tools.jackson.databind.node.ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    tools.jackson.databind.node.ObjectNode request = review.putObject("request").put("uid", "uid-mm2")
        .put("operation", "CREATE").put("namespace", "tenant").put("name", "mm2");
    request.putObject("kind").put("group", "kafka.strimzi.io").put("version", "v1beta2").put("kind", "KafkaMirrorMaker2");
    request.putObject("resource").put("group", "kafka.strimzi.io").put("version", "v1beta2")
        .put("resource", "kafkamirrormaker2s");
    request.set("object", mm2);
    byte[] body = JSON.writeValueAsBytes(review);
    Answer unhurried = admission.review(body, Endpoint.VALIDATE, Deadline.none());
    assertEquals(200, JSON.readTree(unhurried.body()).path("response").path("status").path("code").asInt(200),
        "precondition: reviewed in full without a deadline: " + new String(unhurried.body()));
    JumpingClock clock = new JumpingClock(50);
    Answer answer = admission.review(body, Endpoint.VALIDATE, Deadline.after(Duration.ofSeconds(1), clock::read));
    JsonNode response = JSON.readTree(answer.body()).path("response");
    // The resource's review never looked at the deadline: it ran its 60 documents to the end.
    assertEquals(500, response.path("status").path("code").asInt(), "expected the deadline: " + response);
    assertEquals(1, clock.afterTheJump(), "expected the work to stop at the first check after the deadline, but"
        + " the clock was read " + clock.afterTheJump() + " times after it");
  }

  @Test
  void aLargeEntryStopsWhileItIsParsed() {
    // One entry of 200,000 array values: the parser checks every 4096 values.
    StringBuilder big = new StringBuilder("{\"name\":\"c\",\"config\":{\"connector.class\":\"x\",\"v\":[");
    for (int i = 0; i < 200_000; i++) {
      big.append(i == 0 ? "" : ",").append(i);
    }
    big.append("]}}");
    var cm = HostileReviews.configMap("big", "tenant", true);
    ((tools.jackson.databind.node.ObjectNode) cm.get("data")).put("c.json", big.toString());
    byte[] body = HostileReviews.review("uid-big", "tenant", cm);
    // Outside the parser the engine checks about ten times for one document; the parser checks
    // about 48 times for this entry. Only its checks can reach reading 31, where time jumps.
    JumpingClock clock = new JumpingClock(30);
    Answer answer = admission.review(body, Endpoint.VALIDATE, Deadline.after(Duration.ofSeconds(2), clock::read));
    JsonNode response = JSON.readTree(answer.body()).path("response");
    assertEquals("review exceeded its deadline of 2000 ms", response.path("status").path("message").asString(),
        "expected the parse of the large entry to stop: " + response);
    assertEquals(1, clock.afterTheJump(), "expected no check after the one that stopped the parse");
    assertEquals(31, clock.readings.get(), "expected the parse to stop at its 31st check");
  }

  @Test
  void withoutADeadlineTheSameReviewIsDecided() {
    byte[] body = HostileReviews.manyDocuments("uid-ok", "tenant", 50);
    Answer answer = admission.review(body, Endpoint.VALIDATE, Deadline.after(Duration.ofMinutes(1)));
    JsonNode response = JSON.readTree(answer.body()).path("response");
    assertTrue(response.path("allowed").asBoolean(false), "expected valid documents allowed: " + response);
  }
}
