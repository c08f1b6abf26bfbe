package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.policy.PluginInventory;
import io.connectgate.policy.Policy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code serve --kafka-version}: the option reaches the catalog the webhook decides with. */
@Timeout(120)
class ServeKafkaVersionTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void theOptionReachesTheReviewerFactory() throws Exception {
    AtomicReference<String> asked = new AtomicReference<>("(not called)");
    ReviewerFactory recording = new ReviewerFactory() {
      @Override
      public ConfigMapReviewer create(Path schemasDir, Supplier<Policy> policy) {
        return new ScriptedReviewer();
      }

      @Override
      public ConfigMapReviewer create(Path schemasDir, String kafkaVersion,
          Supplier<Policy> policy, PluginInventory plugins) {
        asked.set(kafkaVersion);
        return new ScriptedReviewer();
      }
    };
    ServeCommand serve = new ServeCommand(recording);
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir",
        dir.resolve("certs").toString(), "--kafka-version", "3.9.1");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start");
    running.stop(Duration.ofSeconds(1));
    assertEquals("3.9", asked.get(), "expected --kafka-version 3.9.1 passed on as line 3.9");
  }

  @Test
  void theWebhookDecidesWithTheChosenVersionsCatalog() throws Exception {
    String on39 = warnings("--kafka-version", "3.9");
    assertTrue(on39.contains("is deprecated and ignored"), () -> "expected Kafka 3.9's verdict:"
        + " topics.blacklist deprecated, topics.exclude used; got " + on39);
    String pinned = warnings();
    assertTrue(pinned.contains("was removed in Kafka 4.0 and is ignored"), () -> "expected the"
        + " pinned version's verdict without the option; got " + pinned);
  }

  @Test
  void theEnvironmentSetsIt() {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(new EnvironmentDefaults(java.util.Map.of(
        "CONNECTGATE_KAFKA_VERSION", "4.0.0")));
    cl.parseArgs();
    assertEquals("4.0", serve.catalog.kafkaVersion, "expected CONNECTGATE_KAFKA_VERSION honoured");
  }

  @Test
  void anUnsupportedVersionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("serve", "--kafka-version", "9.9"), "expected exit 2");
    assertTrue(err.toString().contains("supported are 3.9, 4.0, 4.1, 4.2, 4.3"),
        () -> "expected the supported versions named: " + err);
  }

  /** The response warnings of a review of an MM2 ConfigMap setting both topic exclusions. */
  private String warnings(String... options) throws Exception {
    Path certs = dir.resolve("certs-" + options.length);
    String[] args = new String[options.length + 6];
    System.arraycopy(new String[] {"--port", "0", "--host", "127.0.0.1", "--cert-dir",
        certs.toString()}, 0, args, 0, 6);
    System.arraycopy(options, 0, args, 6, options.length);
    try (ServeInProcess serve = ServeInProcess.start(args)) {
      HttpClient client = HttpClient.newBuilder()
          .sslContext(ServeCommandTest.trusting(certs.resolve("ca.crt"))).build();
      ObjectNode review = JSON.createObjectNode();
      review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
      ObjectNode request = review.putObject("request");
      request.put("uid", "u-1").put("operation", "CREATE").put("namespace", "team-a")
          .put("name", "mm2");
      request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
      request.putObject("resource").put("group", "").put("version", "v1")
          .put("resource", "configmaps");
      request.putObject("userInfo").put("username", "dev");
      ObjectNode object = request.putObject("object");
      object.put("apiVersion", "v1").put("kind", "ConfigMap");
      object.putObject("metadata").put("name", "mm2").put("namespace", "team-a");
      object.putObject("data").put("mm2.json", "{\"name\": \"mm2\", \"config\": {"
          + "\"connector.class\": \"MirrorSourceConnector\", \"source.cluster.alias\": \"east\","
          + " \"source.cluster.bootstrap.servers\": \"east:9092\","
          + " \"target.cluster.bootstrap.servers\": \"west:9092\","
          + " \"topics.blacklist\": \"a.*\", \"topics.exclude\": \"b.*\"}}");
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + serve.port() + "/validate"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(review))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r::body);
      JsonNode response = JSON.readTree(r.body()).path("response");
      assertTrue(response.path("allowed").asBoolean(false), () -> "expected allowed (warnings"
          + " only): " + r.body());
      return response.path("warnings").toString();
    }
  }
}
