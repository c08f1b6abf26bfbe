package io.connectgate.bench;

import io.connectgate.connector.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reviews the load benchmark sends to {@code /validate}: {@code count} distinct CREATE
 * AdmissionReviews of connector ConfigMaps, the same ones on every run (no randomness: review
 * {@code i} depends only on {@code i}). Each has its own uid, namespace/name and connector
 * content, so neither the server nor anything in front of it could answer one from a cache of
 * another. Even {@code i} are variants of the example chart's Replicator ConfigMap
 * ({@code manifests/example-chart.yaml}, the review of the earlier figures); odd {@code i} cycle
 * through the published connectors of {@code corpus/published} (MirrorMaker 2, Replicator,
 * Debezium, JDBC and MongoDB shapes) that the corpus records as allowed. The variation: the
 * connector's name (and {@code config.name} where set) gets {@code -i}, {@code tasks.max} becomes
 * {@code 1 + i % 8}, every {@code *bootstrap.servers} host list gets a host of its own in front,
 * and a topic list ({@code topic.whitelist}, {@code topics}) one more topic; a connector with
 * neither gets {@code errors.retry.timeout} {@code i}.
 */
final class ReviewSet {

  /** One review: its uid (echoed in the answer) and its body. */
  record Sample(String uid, String namespace, String name, byte[] body) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TOPIC_LISTS = List.of("topic.whitelist", "topics");

  private final List<Sample> samples;

  private ReviewSet(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  List<Sample> samples() {
    return samples;
  }

  Sample get(long i) {
    return samples.get((int) (i % samples.size()));
  }

  /** {@code count} reviews from the test resources ({@code webhook/src/test/resources} or {@code src/test/resources}). */
  static ReviewSet generate(int count) throws IOException {
    Path resources = Files.isDirectory(Path.of("webhook/src/test/resources"))
        ? Path.of("webhook/src/test/resources") : Path.of("src/test/resources");
    JsonNode example = new ManifestReader().read("example",
        Files.readString(resources.resolve("manifests/example-chart.yaml"))).documents().get(0);
    String exampleKey = example.path("data").propertyNames().iterator().next();
    ObjectNode exampleConnector = (ObjectNode) JSON.readTree(example.path("data").path(exampleKey).asString());
    List<ObjectNode> corpus = publishedAllowed(resources.resolve("corpus/published"));
    if (corpus.isEmpty()) {
      throw new IOException("no allowed connector in " + resources.resolve("corpus/published"));
    }
    List<Sample> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode template = i % 2 == 0 ? exampleConnector : corpus.get((i / 2) % corpus.size());
      samples.add(review(i, vary(template, i)));
    }
    return new ReviewSet(samples);
  }

  /** The connectors of {@code dir} whose {@code .case.json} says "allowed", by file name. */
  private static List<ObjectNode> publishedAllowed(Path dir) throws IOException {
    List<ObjectNode> connectors = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".case.json"))
          .sorted().toList()) {
        Path caseFile = dir.resolve(file.getFileName().toString().replace(".json", ".case.json"));
        if (Files.exists(caseFile) && "allowed".equals(JSON.readTree(caseFile.toFile()).path("verdict").asString())
            && JSON.readTree(file.toFile()) instanceof ObjectNode connector && connector.path("config").isObject()) {
          connectors.add(connector);
        }
      }
    }
    return connectors;
  }

  /** A copy of {@code template} made distinct by {@code i} (see the class comment). */
  static ObjectNode vary(ObjectNode template, int i) {
    ObjectNode connector = template.deepCopy();
    String name = slug(connector.path("name").asString("connector")) + "-" + i;
    connector.put("name", name);
    ObjectNode config = (ObjectNode) connector.get("config");
    if (config.has("name")) {
      config.put("name", name);
    }
    if (config.has("tasks.max")) {
      config.put("tasks.max", Integer.toString(1 + i % 8));
    }
    boolean varied = false;
    for (Map.Entry<String, JsonNode> setting : List.copyOf(config.properties())) {
      String key = setting.getKey();
      String value = setting.getValue().asString("");
      if (value.contains("${")) {
        continue; // a config provider reference stays as written
      }
      if (key.endsWith("bootstrap.servers") && !value.contains("://") && !value.isBlank()) {
        config.put(key, "bench-" + i + ".kafka.svc:9092," + value);
        varied = true;
      } else if (TOPIC_LISTS.contains(key) && !value.isBlank()) {
        config.put(key, value + ",bench-" + i);
        varied = true;
      }
    }
    if (!varied) {
      // A connector with neither (Debezium, Datagen): a Connect-level setting every connector has.
      config.put("errors.retry.timeout", Integer.toString(i));
    }
    return connector;
  }

  private static Sample review(int i, ObjectNode connector) {
    String uid = UUID.nameUUIDFromBytes(("connectgate-bench-review-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    String namespace = "team-" + (i % 40);
    String name = connector.path("name").asString();
    ObjectNode configMap = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = configMap.putObject("metadata").put("name", name).put("namespace", namespace);
    metadata.putObject("labels").put("app", "bench").put("connectgate.io/connector", "true");
    configMap.putObject("data").put(name + ".json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(connector));

    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", uid);
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "configmaps");
    request.put("name", name).put("namespace", namespace).put("operation", "CREATE");
    request.putObject("userInfo").put("username", "admin").putArray("groups").add("system:masters");
    request.set("object", configMap);
    request.put("dryRun", false);
    return new Sample(uid, namespace, name, JSON.writeValueAsBytes(review));
  }

  /** A DNS-1123 name from a connector name ("MM2 msc" becomes "mm2-msc"). */
  private static String slug(String text) {
    String slug = text.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "connector" : slug.length() > 40 ? slug.substring(0, 40) : slug;
  }
}
