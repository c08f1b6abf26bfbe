package io.connectgate.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.hostile.HostileReviews;
import io.connectgate.validation.Limits;
import io.connectgate.validation.TestCatalogs;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A patch is the changed entries plus what is injected: entries that gain nothing are not in
 * it, the user's text is kept byte for byte around the inserted keys, and nothing is
 * pretty-printed or repeated (issue 14: 10,000 documents of 2.8 MB gave a 17 MB patch).
 */
class ConfigMapPatchSizeTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private final EngineReviewer reviewer = new EngineReviewer(TestCatalogs.repository());

  @Test
  void theUsersTextIsKeptAndOnlyTheInjectedKeysAreAdded() {
    String pretty = "{\n  \"name\": \"p\",\n  \"config\": {\n    \"connector.class\": "
        + "\"io.confluent.connect.replicator.ReplicatorSourceConnector\",\n    \"topic.whitelist\": \"orders\",\n"
        + "    \"src.kafka.bootstrap.servers\": \"kafka:9071\",\n    \"tasks.max\": \"1\"\n  }\n}\n";
    String compact = HostileReviews.replicator("c");
    for (String original : new String[] {pretty, compact}) {
      ObjectNode cm = HostileReviews.configMap("cm", "ns", true);
      ((ObjectNode) cm.get("data")).put("c.json", original);
      Review review = reviewer.review(cm, "ns", "cm", true);
      JsonNode patched = JsonPatch.apply(review.patch(), cm);
      String text = patched.path("data").path("c.json").asString();
      int cut = original.lastIndexOf('}', original.lastIndexOf('}') - 1); // the config object's closing brace
      String head = original.substring(0, original.indexOf("\"tasks.max\""));
      assertTrue(text.startsWith(head), "expected the user's text kept up to the insertion:\n" + text);
      assertTrue(text.endsWith(original.substring(cut)), "expected the user's closing text kept:\n" + text);
      assertEquals(JSON.readTree(original).path("config").path("tasks.max"),
          JSON.readTree(text).path("config").path("tasks.max"), "expected the user's values unchanged");
      assertTrue(JSON.readTree(text).path("config").has("value.converter"), "expected the defaults injected");
      if (original.equals(pretty)) {
        assertTrue(text.contains(",\n    \"key.converter\": "), "expected the original layout followed:\n" + text);
      }
    }
  }

  @Test
  void entriesThatGainNothingAreNotInThePatchAndItsSizeFollowsWhatIsInjected() {
    ObjectNode cm = HostileReviews.configMap("cm", "ns", true);
    ObjectNode data = (ObjectNode) cm.get("data");
    // One below the limit of documents per ConfigMap: the second review adds one more.
    int documents = Limits.MAX_DOCUMENTS - 1;
    for (int i = 0; i < documents; i++) {
      data.put("c" + i + ".json", HostileReviews.replicator("c" + i));
    }
    // Mutate once, then add one new document: only that one may be in the second patch.
    JsonNode once = JsonPatch.apply(reviewer.review(cm, "ns", "cm", true).patch(), cm);
    ((ObjectNode) once.get("data")).put("new.json", HostileReviews.replicator("new"));
    Review review = reviewer.review(once, "ns", "cm", true);
    long replaced = 0;
    for (JsonNode op : review.patch()) {
      if (op.path("path").asString().startsWith("/data/")) {
        replaced++;
        assertEquals("/data/new.json", op.path("path").asString(), "expected only the changed entry replaced");
      }
    }
    assertEquals(1, replaced, "expected one entry replaced");

    Review all = reviewer.review(cm, "ns", "cm", true);
    JsonNode patched = JsonPatch.apply(all.patch(), cm);
    long original = 0;
    long injected = 0;
    for (int i = 0; i < documents; i++) {
      String before = data.path("c" + i + ".json").asString();
      original += before.length();
      injected += patched.path("data").path("c" + i + ".json").asString().length() - before.length();
    }
    long annotation = patched.path("metadata").path("annotations").path("connectgate.io/injected").asString().length();
    long patchBytes = JSON.writeValueAsString(all.patch()).getBytes(StandardCharsets.UTF_8).length;
    // JSON-escaping the entry texts inside the patch adds a backslash per quote (about 1/6 of
    // connector JSON); each operation adds its path and framing (under 60 bytes).
    long bound = (long) (1.35 * (original + injected + annotation)) + 60L * (documents + 1);
    System.out.printf("patch: %d documents, %d B of entries, %d B injected, %d B annotation: patch %d B%n",
        documents, original, injected, annotation, patchBytes);
    assertTrue(patchBytes <= bound, "expected the patch (" + patchBytes + " B) within the changed entries plus"
        + " what is injected (" + bound + " B)");
  }
}
