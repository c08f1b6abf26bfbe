package io.connectgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Review;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.validation.Finding;
import io.connectgate.validation.TestCatalogs;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzed Replicator ConfigMaps (keys drawn from the settings the schema and the mutation
 * know, fuzzed values, fuzzed data keys with {@code /} and {@code ~}, fuzzed existing
 * annotations) through {@link EngineReviewer} with mutation, i.e. {@code Mutator} and
 * {@code ConfigMapPatch}. Invariants: a patch always applies to its input with zjsonpatch
 * and mutating the result again yields no patch; no finding, denial message or warning
 * contains the marker password placed in sensitive settings; nothing throws.
 */
class PatchFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final EngineReviewer REVIEWER = new EngineReviewer(TestCatalogs.repository());
  private static final ReviewDecisions DECISIONS = new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS));

  private static final List<String> KEYS = List.of(
      "tasks.max", "topic.whitelist", "topic.regex", "topic.rename.format", "key.converter", "value.converter",
      "src.kafka.bootstrap.servers", "src.kafka.security.protocol", "src.kafka.sasl.mechanism",
      "src.kafka.ssl.truststore.location", "src.kafka.ssl.endpoint.identification.algorithm",
      "src.consumer.group.id", "src.consumer.interceptor.classes",
      "src.consumer.confluent.monitoring.interceptor.bootstrap.servers",
      "src.kafka.timestamps.producer.interceptor.classes", "dest.kafka.bootstrap.servers",
      "dest.kafka.security.protocol", "dest.kafka.sasl.mechanism", "confluent.topic.replication.factor",
      "provenance.header.enable", "offset.start", "src.kafka.unknown", "topic.preserve.partitions");
  private static final List<String> SENSITIVE = List.of(
      "src.kafka.sasl.jaas.config", "dest.kafka.sasl.jaas.config", "src.kafka.ssl.key.password",
      "src.kafka.ssl.truststore.password", "dest.kafka.ssl.keystore.password", "src.kafka.basic.auth.user.info",
      "src.kafka.sasl.client.secret");

  @FuzzTest(maxDuration = "2m")
  void mutateApplyAgain(FuzzedDataProvider data) {
    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "io.confluent.connect.replicator.ReplicatorSourceConnector");
    int settings = data.consumeInt(0, 12);
    for (int i = 0; i < settings; i++) {
      config.put(data.pickValue(KEYS), clean(data.consumeString(40)));
    }
    if (data.consumeBoolean()) {
      config.put("src.kafka.bootstrap.servers", "kafka:9071").put("dest.kafka.bootstrap.servers", "d:9092")
          .put("topic.whitelist", "orders");
    }
    int secrets = data.consumeInt(0, 3);
    for (int i = 0; i < secrets; i++) {
      String key = data.pickValue(SENSITIVE);
      config.put(key, key.endsWith("jaas.config")
          ? "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
              + Markers.SECRET + "\";"
          : Markers.SECRET);
    }
    ObjectNode document = JSON.createObjectNode().put("name", "r");
    document.set("config", config);
    String dataKey = clean(data.consumeString(12)) + (data.consumeBoolean() ? "/~x.json" : ".json");
    ObjectNode configMap = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    int shape = data.consumeInt(0, 3); // no metadata, metadata only, labels, annotations
    if (shape > 0) {
      ObjectNode metadata = configMap.putObject("metadata").put("name", "cm");
      if (shape > 1) {
        metadata.putObject("labels").put("connectgate.io/connector", "true");
      }
      if (shape > 2) {
        metadata.putObject("annotations").put("connectgate.io/injected", clean(data.consumeString(60)));
      }
    }
    configMap.putObject("data").put(dataKey, data.consumeBoolean()
        ? JSON.writeValueAsString(document) : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));

    Review review = REVIEWER.review(configMap, "ns", "cm", true);
    for (Finding f : review.findings()) {
      assertTrue(!"internal".equals(f.rule()), "expected no engine failure, got " + f.describe());
      Markers.assertAbsent(f.describe(), "finding");
    }
    Markers.assertAbsent(DECISIONS.decide(Endpoint.VALIDATE, review).toString(), "validate decision");
    if (review.patch() == null) {
      return;
    }
    JsonNode patched = JsonPatch.apply(review.patch(), configMap);
    assertEquals(configMap.path("kind"), patched.path("kind"), "expected the patch to keep the object");
    Review again = REVIEWER.review(patched, "ns", "cm", true);
    assertNull(again.patch(), () -> "expected mutation to be idempotent, got a second patch " + again.patch());
  }

  /** Fuzzed text without the marker, so that only the sensitive settings carry it. */
  private static String clean(String text) {
    return text.replace(Markers.SECRET, "");
  }
}
