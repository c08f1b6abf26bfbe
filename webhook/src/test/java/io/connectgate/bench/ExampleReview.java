package io.connectgate.bench;

import io.connectgate.connector.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AdmissionReview the API server sends for {@code helm install} of the example chart:
 * its ConfigMap (the Replicator connector rendered from deploy/helm/replicator-cc, 27
 * settings, 4 SASL clients) wrapped in a CREATE request.
 */
final class ExampleReview {

  private ExampleReview() {}

  static byte[] body() throws IOException {
    Path example = Path.of("webhook/src/test/resources/manifests/example-chart.yaml");
    if (!Files.exists(example)) {
      example = Path.of("src/test/resources/manifests/example-chart.yaml");
    }
    JsonNode configMap = new ManifestReader().read("example", Files.readString(example)).documents().get(0);
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode review = json.createObjectNode()
        .put("apiVersion", "admission.k8s.io/v1")
        .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request")
        .put("uid", "0b92502d-9754-4491-be2a-5d626a800b5d");
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "configmaps");
    request.put("name", configMap.path("metadata").path("name").asString())
        .put("namespace", configMap.path("metadata").path("namespace").asString())
        .put("operation", "CREATE");
    request.putObject("userInfo").put("username", "admin").putArray("groups").add("system:masters");
    request.set("object", configMap);
    request.put("dryRun", false);
    return json.writeValueAsBytes(review);
  }
}
