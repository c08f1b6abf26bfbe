package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.EngineReviewer;
import io.connectgate.validation.TestCatalogs;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A Strimzi KafkaMirrorMaker2 through the webhook's routes over real HTTPS (loopback), as the
 * API server sends it once the chart's rules name kafkamirrormaker2s: /validate denies a bad one
 * with the resource's own pointers and no password, allows Strimzi's published v1 example;
 * /mutate never patches one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorMaker2RouteTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String PW = "Route-Mm2-S3cret";
  private static final String BAD = """
      apiVersion: kafka.strimzi.io/v1beta2
      kind: KafkaMirrorMaker2
      metadata: {name: mm2, namespace: kafka}
      spec:
        connectCluster: west
        clusters:
          - alias: east
            bootstrapServers: east-kafka:9092
            config:
              sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="%s";
          - {alias: west, bootstrapServers: "west-kafka:9092"}
        mirrors:
          - sourceCluster: east
            targetCluster: west
            sourceConnector:
              tasksMax: 1
              config: {replication.factor: many}
      """.formatted(PW);

  TestWebhook webhook;
  HttpClient http;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    webhook = TestWebhook.start(certDir, new EngineReviewer(TestCatalogs.repository()));
    http = webhook.client(HttpClient.Version.HTTP_1_1);
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  private JsonNode review(String route, String version, String object) throws Exception {
    ObjectNode request = TestWebhook.JSON.createObjectNode();
    request.put("uid", "mm2-uid").put("operation", "CREATE").put("name", "mm2").put("namespace", "kafka");
    request.putObject("kind").put("group", "kafka.strimzi.io").put("version", version).put("kind", "KafkaMirrorMaker2");
    request.putObject("resource").put("group", "kafka.strimzi.io").put("version", version)
        .put("resource", "kafkamirrormaker2s");
    request.set("object", YAML.readTree(object));
    ObjectNode body = TestWebhook.JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
        .put("kind", "AdmissionReview");
    body.set("request", request);
    HttpResponse<String> response = webhook.post(http, route + "?timeout=5s", "application/json",
        TestWebhook.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response::body);
    assertFalse(response.body().contains(PW), () -> "no password in the answer: " + response.body());
    return TestWebhook.json(response.body()).path("response");
  }

  @Test
  void aBadMirrorMakerIsDeniedAtItsOwnFields() throws Exception {
    JsonNode response = review("/validate", "v1beta2", BAD);
    assertFalse(response.path("allowed").asBoolean(), response::toString);
    assertEquals(403, response.path("status").path("code").asInt(), response::toString);
    String message = response.path("status").path("message").asString();
    assertTrue(message.contains("/spec/mirrors/0/sourceConnector/config/replication.factor: must be an integer"),
        message);
    String warnings = response.path("warnings").toString();
    assertTrue(warnings.contains("/spec/clusters/0/config/sasl.jaas.config"), () -> "the plain password"
        + " warned about at the source cluster's config: " + response);
  }

  @Test
  void strimzisPublishedExampleIsAllowedAndNeverPatched() throws Exception {
    String example = Files.readString(Path.of("src/test/resources/mirrormaker2/published/strimzi-scram-v1.yaml"));
    JsonNode validate = review("/validate", "v1", example);
    assertTrue(validate.path("allowed").asBoolean(), validate::toString);
    JsonNode mutate = review("/mutate", "v1", BAD.replace("many", "3"));
    assertTrue(mutate.path("allowed").asBoolean(), mutate::toString);
    assertNull(mutate.get("patch"), () -> "no patch: " + mutate);
  }
}
