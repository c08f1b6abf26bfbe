package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Deadline;
import io.connectgate.connector.StreamedData;
import io.connectgate.hostile.HostileReviews;
import io.connectgate.validation.Limits;
import io.connectgate.validation.TestCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming reader (issue 14 item 3): a review keeps the first {@link Limits#MAX_ENTRIES}
 * data entries and drops the rest after one look, yet admission decides as if it had kept
 * them all: the entry limit counts every entry, a dropped entry that is a connector (or has a
 * key the API server refuses) still counts, and an UPDATE's comparison with the stored object
 * still sees a change in a dropped entry.
 */
class StreamedReviewTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PAST_THE_LIMIT = Limits.MAX_ENTRIES + 976;

  private final Admission admission = new Admission(AdmissionJson.newMapper(),
      new AdmissionHandler(new EngineReviewer(TestCatalogs.repository()),
          new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS))),
      DeployLabel.disabled(), new ReviewBudget(64L << 20, 1L << 20));
  private final AdmissionRequestDecoder decoder = new AdmissionRequestDecoder(AdmissionJson.newMapper());

  @Test
  void theEntryLimitCountsEveryEntryThoughOnlyTheFirstAreKept() throws Exception {
    byte[] body = HostileReviews.manyEntries("uid-many", "tenant", 150_000, "{");
    AdmissionRequest request = decoder.decode(body);
    StreamedData data = (StreamedData) request.object().get("data");
    assertEquals(Limits.MAX_ENTRIES, data.size(), "expected only the first entries kept");
    assertEquals(150_000, data.entries(), "expected every entry counted");
    JsonNode response = answer(body, Endpoint.VALIDATE);
    assertFalse(response.path("allowed").asBoolean());
    assertTrue(response.path("status").path("message").asString().contains("150000 data entries"),
        "expected the limit named with the true count: " + response);
  }

  @Test
  void anUnlabelledConfigMapOfManyOrdinaryEntriesIsLetThrough() {
    ObjectNode cm = manyEntries(false, PAST_THE_LIMIT, i -> "value " + i);
    JsonNode response = answer(HostileReviews.review("uid-plain", "tenant", cm), Endpoint.VALIDATE);
    assertTrue(response.path("allowed").asBoolean(), "expected an ordinary ConfigMap allowed: " + response);
  }

  @Test
  void aConnectorAmongTheDroppedEntriesStillMakesTheConfigMapOneThatCarriesConnectors() {
    String utf16 = HostileReviews.replicator("late").chars()
        .collect(StringBuilder::new, (b, c) -> b.append((char) 0).append((char) c), StringBuilder::append).toString();
    for (String document : new String[] {HostileReviews.replicator("late"),
        "\uFEFF" + HostileReviews.replicator("late"), HostileReviews.replicator("late") + " trailing", utf16}) {
      ObjectNode cm = manyEntries(false, PAST_THE_LIMIT, i -> "value " + i);
      ((ObjectNode) cm.get("data")).put("late.json", document);
      JsonNode response = answer(HostileReviews.review("uid-late", "tenant", cm), Endpoint.VALIDATE);
      assertFalse(response.path("allowed").asBoolean(), "expected the late connector detected: " + response);
      assertTrue(response.path("status").path("message").asString()
          .contains((PAST_THE_LIMIT + 1) + " data entries"), "expected the entry limit: " + response);
    }
  }

  @Test
  void aBadKeyAmongTheDroppedEntriesIsMalformed() {
    ObjectNode cm = manyEntries(false, PAST_THE_LIMIT, i -> "v");
    ((ObjectNode) cm.get("data")).put("../escape.json", "v");
    JsonNode response = answer(HostileReviews.review("uid-key", "tenant", cm), Endpoint.VALIDATE);
    assertEquals(400, response.path("status").path("code").asInt(), response.toString());
    assertTrue(response.path("status").path("message").asString()
        .contains("key number " + (PAST_THE_LIMIT + 1)), response.toString());
  }

  @Test
  void anUpdateThatChangesADroppedEntryIsReviewedNotTakenForTheControllersStatus() {
    ObjectNode stored = manyEntries(true, PAST_THE_LIMIT, i -> "value " + i);
    ObjectNode statusOnly = stored.deepCopy();
    ((ObjectNode) statusOnly.get("metadata")).putObject("annotations")
        .put(LifecycleUpdates.STATUS_ANNOTATION, "{\"state\":\"deployed\"}");
    JsonNode allowed = answer(update(statusOnly, stored), Endpoint.VALIDATE);
    assertTrue(allowed.path("allowed").asBoolean(),
        "expected the controller's status update let through: " + allowed);

    ObjectNode changed = statusOnly.deepCopy();
    ((ObjectNode) changed.get("data")).put("k" + (PAST_THE_LIMIT - 1), "changed");
    JsonNode denied = answer(update(changed, stored), Endpoint.VALIDATE);
    assertFalse(denied.path("allowed").asBoolean(),
        "expected a change past the kept entries to be reviewed (and the limit to deny it): " + denied);
  }

  @Test
  void managedFieldsAreNotKeptAndDoNotCountAgainstTheObject() throws Exception {
    ObjectNode cm = HostileReviews.configMap("mf", "tenant", true);
    ((ObjectNode) cm.get("data")).put("c.json", HostileReviews.replicator("c"));
    var fields = ((ObjectNode) cm.get("metadata")).putArray("managedFields");
    for (int i = 0; i < 3 * ObjectReader.MAX_VALUES; i++) {
      fields.addObject().put("manager", "m" + i);
    }
    AdmissionRequest request = decoder.decode(HostileReviews.review("uid-mf", "tenant", cm));
    assertNull(request.malformed());
    assertFalse(request.object().get("metadata").has("managedFields"));
    assertTrue(answer(HostileReviews.review("uid-mf", "tenant", cm), Endpoint.VALIDATE)
        .path("allowed").asBoolean());
  }

  @Test
  void anObjectOfTooManyOtherValuesIsDeniedNamingTheLimit() {
    ObjectNode cm = HostileReviews.configMap("labels", "tenant", false);
    ObjectNode labels = ((ObjectNode) cm.get("metadata")).putObject("labels");
    for (int i = 0; i < ObjectReader.MAX_VALUES; i++) {
      labels.put("l" + i, "v");
    }
    JsonNode response = answer(HostileReviews.review("uid-labels", "tenant", cm), Endpoint.VALIDATE);
    assertFalse(response.path("allowed").asBoolean());
    assertEquals(400, response.path("status").path("code").asInt());
    assertTrue(response.path("status").path("message").asString()
        .contains("limit: size of an object's other fields"), response.toString());
  }

  @Test
  void readingDroppedEntriesStopsAtTheDeadline() {
    // Every dropped entry looks like a connector and is not one: each costs a parse.
    ObjectNode cm = manyEntries(false, 0, i -> "");
    ObjectNode data = (ObjectNode) cm.get("data");
    for (int i = 0; i < PAST_THE_LIMIT; i++) {
      data.put("k" + i + ".json", "{\"connector.class\": [");
    }
    AdmissionDeadlineTest.JumpingClock clock = new AdmissionDeadlineTest.JumpingClock(Limits.MAX_ENTRIES / 2);
    Answer answer = admission.review(HostileReviews.review("uid-slow", "tenant", cm), Endpoint.VALIDATE,
        Deadline.after(java.time.Duration.ofSeconds(1), clock::read));
    JsonNode response = JSON.readTree(answer.body()).path("response");
    assertEquals("uid-slow", response.path("uid").asString());
    assertEquals(500, response.path("status").path("code").asInt(), response.toString());
    assertEquals(1, clock.afterTheJump(), "expected the reader to stop at its first check after the deadline");
  }

  /** Every captured review reads as the whole tree would, but for managedFields. */
  @Test
  void capturedReviewsReadAsTheirWholeTree() throws Exception {
    int seen = 0;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/admission-reviews"))) {
      for (Path file : files.toList()) {
        byte[] body = Files.readAllBytes(file);
        JsonNode whole = JSON.readTree(body).path("request");
        AdmissionRequest request = decoder.decode(body);
        for (String field : new String[] {"object", "oldObject"}) {
          JsonNode expected = whole.get(field);
          JsonNode read = "object".equals(field) ? request.object() : request.oldObject();
          if (expected == null || expected.isNull()) {
            assertNull(read, file + " " + field);
            continue;
          }
          ObjectNode copy = ((ObjectNode) expected).deepCopy();
          ((ObjectNode) copy.path("metadata")).remove("managedFields");
          JsonNode readData = read.get("data");
          ObjectNode readCopy = ((ObjectNode) read).deepCopy();
          if ("object".equals(field) && readData != null) {
            assertEquals(copy.get("data").size(), readData.size(), file + ": every data entry kept");
          }
          copy.remove("data");
          readCopy.remove("data");
          assertEquals(copy, readCopy, file + " " + field + ": the tree but for managedFields and data");
          seen++;
        }
      }
    }
    assertTrue(seen >= 6, "expected the captured reviews read, saw " + seen);
  }

  private JsonNode answer(byte[] body, Endpoint endpoint) {
    return JSON.readTree(admission.review(body, endpoint, Deadline.none()).body()).path("response");
  }

  private static ObjectNode manyEntries(boolean labelled, int entries,
      java.util.function.IntFunction<String> value) {
    ObjectNode cm = HostileReviews.configMap("many", "tenant", labelled);
    ObjectNode data = (ObjectNode) cm.get("data");
    for (int i = 0; i < entries; i++) {
      data.put("k" + i, value.apply(i));
    }
    return cm;
  }

  private static byte[] update(ObjectNode object, ObjectNode stored) {
    ObjectNode root = (ObjectNode) JSON.readTree(HostileReviews.review("uid-update", "tenant", object));
    ObjectNode request = (ObjectNode) root.get("request");
    request.put("operation", "UPDATE");
    request.set("oldObject", stored);
    return JSON.writeValueAsBytes(root);
  }
}
