package io.connectgate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.AdmissionRequestDecoder;
import io.connectgate.admission.Answer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.connector.Deadline;
import io.connectgate.validation.TestCatalogs;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's reviews are many, distinct, the same on every run, and reviewed like real ones. */
class ReviewSetTest {

  static final int COUNT = 1024;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ReviewSet set;

  @BeforeAll
  static void generate() throws Exception {
    set = ReviewSet.generate(COUNT);
  }

  @Test
  void everyReviewHasItsOwnUidObjectAndConnector() throws Exception {
    AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());
    Set<String> uids = new HashSet<>();
    Set<String> objects = new HashSet<>();
    Set<String> connectors = new HashSet<>();
    for (ReviewSet.Sample sample : set.samples()) {
      AdmissionRequest request = decoder.decode(sample.body());
      assertEquals(sample.uid(), request.uid(), "expected the decoded uid to be the sample's");
      assertEquals(null, request.malformed(), "expected well-formed identifiers in " + request.objectRef());
      uids.add(request.uid());
      objects.add(request.objectRef());
      JsonNode data = request.object().path("data");
      String connector = data.path(data.propertyNames().iterator().next()).asString();
      // The connector without its name: the content itself differs, not just the name.
      JsonNode config = JSON.readTree(connector).path("config").deepCopy();
      ((tools.jackson.databind.node.ObjectNode) config).remove("name");
      connectors.add(config.toString());
    }
    assertEquals(COUNT, set.samples().size(), "expected " + COUNT + " reviews");
    assertEquals(COUNT, uids.size(), "expected every uid distinct");
    assertEquals(COUNT, objects.size(), "expected every namespace/name distinct");
    assertEquals(COUNT, connectors.size(), "expected every connector config distinct, names aside");
    assertTrue(objects.stream().map(o -> o.substring(0, o.indexOf('/'))).distinct().count() >= 10,
        "expected the reviews spread over namespaces");
  }

  @Test
  void theSameReviewsOnEveryRun() throws Exception {
    ReviewSet again = ReviewSet.generate(COUNT);
    for (int i = 0; i < COUNT; i++) {
      assertArrayEquals(set.get(i).body(), again.get(i).body(), "expected review " + i + " to be deterministic");
    }
    assertEquals(set.get(3).uid(), set.get(3 + COUNT).uid(), "expected get(i) to wrap around");
  }

  @Test
  void theEngineDecidesEveryReviewAndAllowsTheExampleChartVariants() {
    Admission admission = new Admission(AdmissionJson.newMapper(),
        new AdmissionHandler(new EngineReviewer(TestCatalogs.repository()),
            new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
        DeployLabel.disabled(), new ReviewBudget(1L << 40, 1L << 20));
    int allowed = 0;
    Set<String> families = new HashSet<>();
    for (int i = 0; i < COUNT; i++) {
      ReviewSet.Sample sample = set.get(i);
      Answer answer = admission.review(sample.body(), Endpoint.VALIDATE, Deadline.after(Duration.ofMinutes(1)));
      assertEquals(200, answer.status(), "expected review " + i + " decided");
      assertTrue(new String(answer.body()).contains("\"uid\":\"" + sample.uid() + "\""),
          "expected review " + i + "'s uid echoed");
      assertTrue(!answer.label().equals("error"), "expected no engine error for review " + i + ": " + answer);
      if (answer.label().equals("allowed")) {
        allowed++;
      }
      if (i % 2 == 0) {
        assertEquals("allowed", answer.label(), "expected example chart variant " + i + " allowed");
      }
      families.add(sample.name().replaceAll("-[0-9]+$", ""));
    }
    assertTrue(families.size() >= 20, "expected many connector shapes, got " + families);
    // The corpus connectors are the published ones the corpus records as allowed; their variants stay so.
    assertEquals(COUNT, allowed, "expected every review allowed, as their templates are");
  }
}
