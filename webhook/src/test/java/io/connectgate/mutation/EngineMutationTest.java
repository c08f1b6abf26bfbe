package io.connectgate.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.admission.Review;
import io.connectgate.validation.TestCatalogs;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutation through the admission seam: every patch is applied with zjsonpatch to the request
 * object of a real API server review, then checked and mutated again (must yield no patch).
 */
class EngineMutationTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String BYTES = "io.confluent.connect.replicator.util.ByteArrayConverter";
  private static final String MCI =
      "io.confluent.monitoring.clients.interceptor.MonitoringConsumerInterceptor";
  private static final String MPI =
      "io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor";
  private static final String CI = "src.consumer.confluent.monitoring.interceptor.";
  private static final String PI = "src.kafka.timestamps.producer.confluent.monitoring.interceptor.";

  private final EngineReviewer reviewer = new EngineReviewer(TestCatalogs.repository());

  static ObjectNode requestObject(String review) throws IOException {
    try (InputStream in = EngineMutationTest.class.getResourceAsStream(
        "/admission-reviews/" + review)) {
      return (ObjectNode) JSON.readTree(in).path("request").path("object");
    }
  }

  /** Mutates, applies the patch, asserts a second mutation yields none; returns the result. */
  private ObjectNode mutateTwice(ObjectNode object) {
    Review review = reviewer.review(object, "default", object.path("metadata").path("name")
        .asString(), true);
    assertTrue(review.carriesConnectors(), "expected the ConfigMap to carry connectors");
    assertFalse(review.hasErrors(), () -> "expected no errors, got " + review.findings());
    assertNotNull(review.patch(), "expected a patch injecting defaults");
    ObjectNode patched = (ObjectNode) JsonPatch.apply(review.patch(), object);
    Review again = reviewer.review(patched, "default", "x", true);
    assertNull(again.patch(), () -> "expected no patch when mutating the mutated object, got "
        + again.patch());
    return patched;
  }

  private static JsonNode config(ObjectNode configMap, String dataKey) {
    return JSON.readTree(configMap.path("data").path(dataKey).asString()).path("config");
  }

  @ParameterizedTest
  @ValueSource(strings = {"create-mutate.json", "update-mutate.json"})
  void realReviewsGetDefaultsAndIdempotentPatch(String file) throws IOException {
    ObjectNode object = requestObject(file);
    JsonNode before = config(object, "replicator-connector.json");
    ObjectNode patched = mutateTwice(object.deepCopy());
    JsonNode after = config(patched, "replicator-connector.json");

    assertEquals(BYTES, after.path("key.converter").asString(), "key.converter default");
    assertEquals(BYTES, after.path("value.converter").asString(), "value.converter default");
    assertEquals(BYTES, after.path("header.converter").asString(), "header.converter default");
    assertEquals(MCI, after.path("src.consumer.interceptor.classes").asString(),
        "consumer interceptor default");
    assertEquals(MPI, after.path("src.kafka.timestamps.producer.interceptor.classes").asString(),
        "producer interceptor default");
    assertEquals("kafka:9071", after.path(CI + "bootstrap.servers").asString(),
        "consumer interceptor bootstrap servers copied from src.kafka.bootstrap.servers");
    assertEquals("kafka:9071", after.path(PI + "bootstrap.servers").asString(),
        "producer interceptor bootstrap servers copied from src.kafka.bootstrap.servers");
    List<String> userKeys = new ArrayList<>(before.propertyNames());
    List<String> afterKeys = new ArrayList<>(after.propertyNames());
    assertEquals(userKeys, afterKeys.subList(0, userKeys.size()),
        "the user's keys come first, in their order");
    userKeys.forEach(k -> assertEquals(before.get(k), after.get(k), "user value of " + k));
    JsonNode annotation = JSON.readTree(patched.path("metadata").path("annotations")
        .path("connectgate.io/injected").asString());
    assertEquals(afterKeys.subList(userKeys.size(), afterKeys.size()).size(),
        annotation.path("replicator-connector.json").size(),
        "the annotation records every injected key");
    assertTrue(patched.path("metadata").path("annotations")
        .has("kubectl.kubernetes.io/last-applied-configuration"),
        "existing annotations are kept");
  }

  @Test
  void aLiteralPasswordCopiedToTheInterceptorsIsReportedOnceAtTheUsersKey() {
    ObjectNode cm = configMap("replicator-connector.json", """
        {"name": "r", "config": {
          "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
          "topic.whitelist": "orders",
          "src.kafka.bootstrap.servers": "kafka:9071",
          "src.kafka.security.protocol": "SASL_SSL",
          "src.kafka.sasl.mechanism": "PLAIN",
          "src.kafka.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"literal\\";",
          "src.kafka.timestamps.producer.confluent.monitoring.interceptor.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"other\\";"
        }}""");
    ObjectNode patched = mutateTwice(cm);
    List<String> pointers = reviewer.review(patched, "default", "x", false).findings().stream()
        .filter(f -> f.rule().equals("plaintextCredentials")).map(f -> f.location().pointer()).toList();
    // The consumer interceptor's copy is not reported again; the producer interceptor's own,
    // different value (the user wrote it) still is.
    assertEquals(List.of("/config/src.kafka.sasl.jaas.config",
        "/config/" + PI + "sasl.jaas.config"), pointers, "one finding per credential the user wrote");
  }

  @Test
  void securitySettingsAreCopiedToBothInterceptorsWithoutOverridingUserValues() {
    ObjectNode cm = configMap("replicator-connector.json", """
        {"name": "r", "config": {
          "connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
          "topic.whitelist": "orders",
          "key.converter": "org.example.MyConverter",
          "src.kafka.bootstrap.servers": "kafka:9071",
          "src.kafka.security.protocol": "SASL_SSL",
          "src.kafka.sasl.mechanism": "PLAIN",
          "src.kafka.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"${file:/s:p}\\";",
          "src.kafka.ssl.truststore.location": "/tls/ts.jks",
          "src.kafka.ssl.truststore.password": "${file:/s:tp}",
          "src.kafka.timestamps.producer.confluent.monitoring.interceptor.security.protocol": "SSL"
        }}""");
    ObjectNode patched = mutateTwice(cm);
    JsonNode after = config(patched, "replicator-connector.json");
    assertEquals("org.example.MyConverter", after.path("key.converter").asString(),
        "a user's converter is never replaced");
    for (String key : List.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
        "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password")) {
      assertEquals(after.path("src.kafka." + key), after.path(CI + key),
          "consumer interceptor " + key + " copied from src.kafka.");
    }
    assertEquals("SSL", after.path(PI + "security.protocol").asString(),
        "the user's producer interceptor protocol is kept");
    assertEquals(after.path("src.kafka.sasl.jaas.config"), after.path(PI + "sasl.jaas.config"),
        "producer interceptor JAAS copied");
  }

  @Test
  void noAnnotationsAndKeysWithSlashAndTildeAreEscaped() {
    String key = "team/a~b.json";
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "odd");
    cm.putObject("data").put(key, minimalConnector()).put("other/x~y", "left alone");
    ObjectNode patched = mutateTwice(cm);
    assertEquals(BYTES, config(patched, key).path("value.converter").asString(),
        "the entry with / and ~ in its key was replaced");
    assertEquals("left alone", patched.path("data").path("other/x~y").asString(),
        "other entries untouched");
    assertTrue(JSON.readTree(patched.path("metadata").path("annotations")
        .path("connectgate.io/injected").asString()).has(key), "annotation names the data key");
  }

  @Test
  void noMetadataAtAll() {
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("data").put("c.json", minimalConnector());
    ObjectNode patched = mutateTwice(cm);
    assertTrue(patched.path("metadata").path("annotations").has("connectgate.io/injected"),
        "annotation added with the metadata object");
  }

  @Test
  void flatShapeIsMutatedInPlaceOfTheMap() {
    ObjectNode cm = configMap("c.json", """
        {"connector.class": "io.confluent.connect.replicator.ReplicatorSourceConnector",
         "src.kafka.bootstrap.servers": "k:1", "topic.regex": ".*"}""");
    ObjectNode patched = mutateTwice(cm);
    JsonNode flat = JSON.readTree(patched.path("data").path("c.json").asString());
    assertEquals(BYTES, flat.path("key.converter").asString(), "flat PUT shape gets defaults");
    assertFalse(flat.has("config"), "flat shape stays flat");
  }

  @Test
  void errorBearingOrForeignDocumentsGetNoPatch() {
    ObjectNode bad = configMap("c.json", """
        {"name": "r", "config": {"connector.class":
         "io.confluent.connect.replicator.ReplicatorSourceConnector", "tasks.max": "0",
         "topic.whitelist": "a", "src.kafka.bootstrap.servers": "k:1"}}""");
    Review review = reviewer.review(bad, "default", "c", true);
    assertTrue(review.hasErrors(), "tasks.max 0 is an error");
    assertNull(review.patch(), "no patch for a document with errors");

    Review validateOnly = reviewer.review(configMap("c.json", minimalConnector()), "d", "c", false);
    assertNull(validateOnly.patch(), "no patch when mutation is not asked for");

    ObjectNode unrelated = configMap("dash.json", "{\"title\": \"x\"}");
    ((ObjectNode) unrelated.path("metadata")).remove("labels");
    Review untouched = reviewer.review(unrelated, "default", "c", true);
    assertFalse(untouched.carriesConnectors(), "unrelated JSON does not carry connectors");
    assertNull(untouched.patch(), "unrelated ConfigMaps are not patched");
  }

  @Test
  void garbageNeverThrows() {
    for (String raw : List.of("null", "[]", "{\"data\": 5}", "{\"data\": {\"a.json\": null}}",
        "{\"metadata\": {\"labels\": {\"connectgate.io/connector\": \"true\"}},"
            + " \"data\": {\"a.json\": \"[[[[[[[[[[\"}}")) {
      Review r = reviewer.review(JSON.readTree(raw), "ns", "n", true);
      assertNotNull(r, "a review for " + raw);
    }
  }

  private static final String MM2_BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";

  static String mirrorConnector(String simpleClass, String extra) {
    return "{\"name\": \"" + simpleClass + "\", \"config\": {\"connector.class\":"
        + " \"org.apache.kafka.connect.mirror." + simpleClass + "\","
        + " \"source.cluster.alias\": \"east\","
        + " \"source.cluster.bootstrap.servers\": \"east:9092\","
        + " \"target.cluster.bootstrap.servers\": \"west:9092\"" + extra + "}}";
  }

  @Test
  void mirrorMakerConnectorsGetByteArrayConverters() {
    ObjectNode cm = configMap("source.json", mirrorConnector("MirrorSourceConnector", ""));
    ObjectNode data = (ObjectNode) cm.path("data");
    data.put("checkpoint.json", mirrorConnector("MirrorCheckpointConnector", ""));
    data.put("heartbeat.json", mirrorConnector("MirrorHeartbeatConnector", ""));
    ObjectNode patched = mutateTwice(cm);
    JsonNode annotation = JSON.readTree(patched.path("metadata").path("annotations")
        .path("connectgate.io/injected").asString());
    for (String key : List.of("source.json", "checkpoint.json", "heartbeat.json")) {
      JsonNode after = config(patched, key);
      assertEquals(MM2_BYTES, after.path("key.converter").asString(),
          "key.converter default of " + key);
      assertEquals(MM2_BYTES, after.path("value.converter").asString(),
          "value.converter default of " + key);
      assertEquals(MM2_BYTES, after.path("header.converter").asString(),
          "header.converter default of " + key + " (as Kafka's MirrorMakerConfig sets it)");
      assertEquals(List.of("key.converter", "value.converter", "header.converter"),
          JSON.convertValue(annotation.path(key), List.class),
          "the annotation records exactly the three converters of " + key);
    }
  }

  @Test
  void mirrorMakerUserConverterIsKept() {
    ObjectNode cm = configMap("source.json", mirrorConnector("MirrorSourceConnector",
        ", \"value.converter\": \"org.apache.kafka.connect.storage.StringConverter\""));
    ObjectNode patched = mutateTwice(cm);
    JsonNode after = config(patched, "source.json");
    assertEquals("org.apache.kafka.connect.storage.StringConverter",
        after.path("value.converter").asString(), "a user's converter is never replaced");
    assertEquals(MM2_BYTES, after.path("key.converter").asString(),
        "the missing key.converter is injected");
  }

  @Test
  void unclaimedClassesFallBackToConnectBaseWhichInjectsNothing() {
    ObjectNode cm = configMap("sink.json", "{\"name\": \"s\", \"config\": {"
        + "\"connector.class\": \"com.example.WarehouseSinkConnector\", \"topics\": \"a\"}}");
    Review review = reviewer.review(cm, "default", "c", true);
    assertTrue(review.carriesConnectors(), "the fallback schema handles the unclaimed class");
    assertFalse(review.hasErrors(), () -> "expected no errors, got " + review.findings());
    assertNull(review.patch(), "connect-base declares no defaults, so no patch");
  }

  static String minimalConnector() {
    return "{\"name\": \"r\", \"config\": {\"connector.class\":"
        + " \"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + " \"src.kafka.bootstrap.servers\": \"kafka:9071\", \"topic.whitelist\": \"a\"}}";
  }

  static ObjectNode configMap(String key, String json) {
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode md = cm.putObject("metadata").put("name", "c").put("namespace", "default");
    md.putObject("labels").put("connectgate.io/connector", "true");
    cm.putObject("data").put(key, json);
    return cm;
  }
}
