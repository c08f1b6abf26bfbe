package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.validation.Finding;
import io.connectgate.validation.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The admission seam over real API server requests: decisions, locations, speed. */
class EngineReviewerTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final EngineReviewer reviewer = new EngineReviewer(TestCatalogs.repository());

  private static ObjectNode object(String review) throws IOException {
    try (InputStream in = EngineReviewerTest.class.getResourceAsStream(
        "/admission-reviews/" + review)) {
      return (ObjectNode) JSON.readTree(in).path("request").path("object");
    }
  }

  @Test
  void validRequestFromTheApiServerHasNoFindings() throws IOException {
    Review r = reviewer.review(object("create-validate.json"), "default", "replicator-connector",
        false);
    assertTrue(r.carriesConnectors(), "labelled ConfigMap carries connectors");
    assertEquals(List.of(), r.findings(), "the captured connector is valid");
    assertNull(r.patch(), "no patch when not mutating");
  }

  @Test
  void everyProblemIsReportedWithItsLocation() throws IOException {
    ObjectNode cm = object("update-validate.json");
    ((ObjectNode) cm.path("data")).put("replicator-connector.json", """
        {"name": "replicator", "config": {
          "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
          "tasks.max": "0", "src.kafka.bootstrap.servers": "kafka", "topic.regex": "(" }}""");
    Review r = reviewer.review(cm, "default", "replicator-connector", true);
    assertTrue(r.hasErrors(), "errors deny");
    assertNull(r.patch(), "no patch for an error-bearing document");
    List<String> described = r.findings().stream().map(Finding::describe).sorted().toList();
    assertEquals(3, described.size(), () -> "three errors, all reported: " + described);
    assertTrue(described.get(0).startsWith(
        "data[replicator-connector.json] /config/src.kafka.bootstrap.servers: must be"),
        () -> "contract form data[KEY] /config/PROPERTY: message; got " + described);
    Finding f = r.findings().get(0);
    assertEquals("default", f.location().origin().namespace(), "namespace from the request");
    assertEquals("replicator-connector", f.location().origin().name(), "name from the request");
  }

  @Test
  void labelledConfigMapWithBrokenJsonNamesKeyLineAndColumn() throws IOException {
    ObjectNode cm = object("create-mutate.json");
    ((ObjectNode) cm.path("data")).put("replicator-connector.json", "{\n  \"name\": \"r\",\n"
        + "  \"config\": {\n    \"connector.class\" \"x\"\n  }\n}");
    Review r = reviewer.review(cm, "default", "replicator-connector", true);
    assertEquals(1, r.findings().size(), () -> "one syntax error: " + r.findings());
    Finding f = r.findings().get(0);
    assertEquals("json-syntax", f.rule(), "rule");
    assertEquals("replicator-connector.json", f.location().dataKey(), "names the key");
    assertTrue(f.message().contains("line 4, column 23"),
        () -> "names line and column: " + f.message());
  }

  @Test
  void deleteAndUnrelatedConfigMapsAreUntouched() throws IOException {
    JsonNode deleteObject = JSON.readTree(EngineReviewerTest.class.getResourceAsStream(
        "/admission-reviews/delete-validate.json")).path("request").path("object");
    Review r = reviewer.review(deleteObject, "default", "replicator-connector", true);
    assertFalse(r.carriesConnectors(), "DELETE has a null object: untouched");
    ObjectNode cm = object("create-mutate.json");
    ((ObjectNode) cm.path("metadata")).remove("labels");
    ((ObjectNode) cm.path("data")).removeAll().put("app.json", "{\"config\": 1").put("x", "y");
    Review unrelated = reviewer.review(cm, "default", "x", true);
    assertFalse(unrelated.carriesConnectors(), "unlabelled, no connector JSON: untouched");
    assertEquals(List.of(), unrelated.findings(), "unparsable unrelated JSON is not a finding");
  }

  @Test
  void hostileDocumentsStayCheap() {
    // Over the settings limit: one denial naming the limit, nothing else checked.
    Review over = reviewer.review(unknownKeys(20_000), "ns", "big", true);
    assertEquals(1, over.findings().size(), "expected only the limit reported: " + over.findings().size());
    assertTrue(over.findings().get(0).message().contains("limit: settings per connector")
        && over.hasErrors(), "expected a denial naming the limit: " + over.findings());
    // At the limit, every unknown key still counts: 100 listed, one finding for the rest.
    int keys = io.connectgate.validation.Limits.MAX_SETTINGS - 1;
    long start = System.nanoTime();
    Review r = reviewer.review(unknownKeys(keys), "ns", "big", true);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(io.connectgate.validation.Limits.MAX_FINDINGS + 1, r.findings().size(), "expected 100 listed and one more");
    String more = r.findings().get(r.findings().size() - 1).message();
    java.util.regex.Matcher counted = java.util.regex.Pattern.compile("^and (\\d+) more findings not listed").matcher(more);
    assertTrue(counted.find() && Integer.parseInt(counted.group(1)) >= keys - io.connectgate.validation.Limits.MAX_FINDINGS,
        "expected every other unknown key counted: " + more);
    assertTrue(millis < 5_000, () -> keys + " unknown keys reviewed in " + millis + " ms");
  }

  private static ObjectNode unknownKeys(int n) {
    StringBuilder json = new StringBuilder("{\"name\": \"r\", \"config\": {\"connector.class\":"
        + " \"io.confluent.connect.replicator.ReplicatorSourceConnector\"");
    for (int i = 0; i < n; i++) {
      json.append(", \"src.kafka.unknown.setting.number").append(i).append("\": \"x\"");
    }
    json.append("}}");
    ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").putObject("labels").put("connectgate.io/connector", "true");
    cm.putObject("data").put("c.json", json.toString());
    return cm;
  }

  @Test
  void reviewTakesMicroseconds() throws IOException {
    ObjectNode cm = object("create-mutate.json");
    for (int i = 0; i < 2_000; i++) {
      reviewer.review(cm, "default", "replicator-connector", true);
    }
    int runs = 2_000;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      reviewer.review(cm, "default", "replicator-connector", true);
    }
    long micros = (System.nanoTime() - start) / 1_000 / runs;
    // Generous bound for a shared CI machine; the JMH benchmark gives the real figure.
    assertTrue(micros < 1_000, () -> "expected well under a millisecond per review, got "
        + micros + " µs");
  }
}
