package io.connectgate.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code count} different AdmissionReviews of the example chart's ConfigMap
 * ({@link ExampleReview}), so that no layer can answer a repeated body from a cache: each has
 * its own uid, ConfigMap name, connector name, {@code tasks.max} (1 to 8) and source consumer
 * group. All of them are allowed, with the example's two plain-text credential warnings.
 */
final class DistinctReviews {

  private DistinctReviews() {}

  static List<byte[]> bodies(int count) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode template = json.readTree(ExampleReview.body());
    String entry = "replicator-connector.json";
    List<byte[]> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode review = (ObjectNode) template.deepCopy();
      ObjectNode request = (ObjectNode) review.get("request");
      String name = "replicator-" + i;
      request.put("uid", String.format(Locale.ROOT, "0b92502d-9754-4491-be2a-%012d", i));
      request.put("name", name);
      ObjectNode object = (ObjectNode) request.get("object");
      ((ObjectNode) object.get("metadata")).put("name", name);
      ObjectNode data = (ObjectNode) object.get("data");
      ObjectNode connector = (ObjectNode) json.readTree(data.get(entry).asString());
      connector.put("name", name);
      ObjectNode config = (ObjectNode) connector.get("config");
      config.put("tasks.max", Integer.toString(1 + i % 8));
      config.put("src.consumer.group.id", name);
      data.put(entry, json.writerWithDefaultPrettyPrinter().writeValueAsString(connector));
      bodies.add(json.writeValueAsBytes(review));
    }
    return bodies;
  }
}
