package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.validation.TestCatalogs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile bodies through the real HTTPS route and the real engine: each gets its documented
 * answer (400/413, or a 200 review allowing or denying with 400/403, never a 500) within a
 * hang-detector bound, while a probe on other connections keeps getting answers. The cases
 * are the files of {@code src/test/resources/hostile-reviews/} (named by their expected
 * outcome, see its README) plus generated ones too big for files. Header-level tricks are in
 * {@link HostileHttpTest}.
 */
class HostileInputTest extends ProbedWebhookTest {

  static final Duration BOUND = Duration.ofSeconds(2);
  /**
   * Megabyte bodies on a shared 2-core build machine: 100 000 unknown keys are 100 000
   * findings (every one reported, by design) and take about a second. Still a hang detector:
   * well below the review deadline (8 s) and the API server's timeout (10 s).
   */
  static final Duration BIG_BOUND = Duration.ofSeconds(5);
  static final String CONNECTOR = "{\"name\":\"replicator\",\"config\":{"
      + "\"connector.class\":\"io.confluent.connect.replicator.ReplicatorSourceConnector\","
      + "\"topic.whitelist\":\"orders\",\"src.kafka.bootstrap.servers\":\"kafka:9071\","
      + "\"dest.kafka.bootstrap.servers\":\"dest-kafka:9092\",\"tasks.max\":\"1\"%s}}";

  HttpClient http1;
  HttpClient http2;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withBodyTimeout(Duration.ofSeconds(2));
    webhook = TestWebhook.start(certDir, new EngineReviewer(TestCatalogs.repository()), config,
        DenialMessage.DEFAULT_MAX_CHARS);
    http1 = webhook.client(HttpClient.Version.HTTP_1_1);
    http2 = webhook.client(HttpClient.Version.HTTP_2);
    // The bound is a hang detector for the hostile case, not for the first connection, class
    // loading and JIT of a cold server: warm both clients up on an ordinary review first.
    for (HttpClient client : List.of(http1, http2)) {
      webhook.post(client, "/validate", "application/json", TestWebhook.fixture("create-validate.json"));
    }
  }

  static Stream<Arguments> files() throws IOException, URISyntaxException {
    Path dir = Path.of(HostileInputTest.class.getResource("/hostile-reviews").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        cases.add(Arguments.of(name, Expect.fromFileName(name), Files.readAllBytes(file)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void corpusFile(String name, Expect expect, byte[] body) throws Exception {
    check(name, expect, body, http2, BOUND);
  }

  static Stream<Arguments> generated() {
    String mib = "a".repeat(1024 * 1024);
    return Stream.of(
        Arguments.of("10,000-deep nesting in the review", Expect.HTTP_400,
            review("\"object\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), null)),
        Arguments.of("10,000-deep nesting in the connector JSON", Expect.DENY_400,
            configMap(jsonString("[".repeat(10_000) + "]".repeat(10_000)), true)),
        Arguments.of("10,000-deep nesting inside a config value", Expect.DENY_400,
            configMap(jsonString(String.format(CONNECTOR, ",\"x\":" + "{\"a\":".repeat(10_000) + "1"
                + "}".repeat(10_000))), true)),
        // Over the 128 KiB value limit (docs/hardening.md "Limits"): denied as malformed.
        Arguments.of("1 MiB topic.whitelist", Expect.DENY_400,
            configMap(jsonString(String.format(CONNECTOR, "").replace("\"orders\"", "\"" + mib + "\"")), true)),
        Arguments.of("1 MiB dotted class name (schema pattern over a long value)", Expect.DENY_ANY,
            configMap(jsonString(String.format(CONNECTOR, ",\"key.converter\":\""
                + "a.".repeat(512 * 1024) + "A\"")), true)),
        Arguments.of("1 MiB bootstrap server list (schema pattern over a long value)", Expect.DENY_ANY,
            configMap(jsonString(String.format(CONNECTOR, "").replace("\"kafka:9071\"",
                "\"" + "k:1,".repeat(256 * 1024) + "k:1\"")), true)),
        Arguments.of("1 MiB topic.regex of nested groups", Expect.DENY_400,
            configMap(jsonString(String.format(CONNECTOR, ",\"topic.regex\":\"" + "(".repeat(100_000) + "a"
                + ")".repeat(100_000) + "\"")), true)),
        Arguments.of("1 MiB label value", Expect.ALLOW,
            review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\","
                + "\"labels\":{\"connectgate.io/connector\":\"true\",\"big\":\"" + mib + "\"}},\"data\":{"
                + "\"c.json\":" + jsonString(String.format(CONNECTOR, "")) + "}}", null)),
        Arguments.of("1 MiB data key (Kubernetes allows 253 characters)", Expect.HTTP_400,
            review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{\"" + mib + "\":\"v\"}}", null)),
        Arguments.of("100,000 data keys (1.9 MiB)", Expect.ALLOW,
            review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{" + keys(100_000, "k%06d.txt", "\"v\"") + "}}", null)),
        // Over the 1024-entry limit of a ConfigMap that carries connectors.
        Arguments.of("100,000 .json data keys of {} in a labelled ConfigMap", Expect.DENY_400,
            configMapData(keys(100_000, "k%06d.json", "\"{}\"") + ",\"c.json\":"
                + jsonString(String.format(CONNECTOR, "")))),
        Arguments.of("100,000 config keys in the connector JSON", Expect.ALLOW_OR_DENY,
            configMap(jsonString(String.format(CONNECTOR, "," + keys(100_000, "k%06d", "\"v\""))), true)),
        Arguments.of("300,000 data keys (over 3 MiB)", Expect.HTTP_413,
            review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{" + keys(300_000, "k%06d.txt", "\"v\"") + "}}", null)),
        Arguments.of("100,000-digit number in the connector JSON", Expect.DENY_ANY,
            configMap(jsonString(String.format(CONNECTOR, "").replace("\"1\"", "9".repeat(100_000))), true)),
        Arguments.of("100,000 duplicate keys in the connector JSON", Expect.DENY_400,
            configMap(jsonString(String.format(CONNECTOR, "," + "\"tasks.max\":\"1\",".repeat(100_000)
                + "\"x\":\"y\"")), true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void generatedCase(String name, Expect expect, byte[] body) throws Exception {
    check(name, expect, body, http1, body.length > 512 * 1024 ? BIG_BOUND : BOUND);
  }

  private void check(String name, Expect expect, byte[] body, HttpClient client, Duration bound)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = webhook.post(client, "/validate", "application/json", body);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(bound) < 0, "expected an answer within " + bound + " for " + name + ", took " + took);
    expect.check(name, response);
  }

  /** The expected outcome of a case. */
  enum Expect {
    HTTP_400, HTTP_413, ALLOW, DENY_400, DENY_403, DENY_ANY, ALLOW_OR_DENY;

    static Expect fromFileName(String name) {
      String prefix = name.substring(0, name.indexOf("__"));
      return switch (prefix) {
        case "400" -> HTTP_400;
        case "413" -> HTTP_413;
        case "allow" -> ALLOW;
        case "deny400" -> DENY_400;
        case "deny403" -> DENY_403;
        case "deny" -> DENY_ANY;
        default -> throw new IllegalArgumentException("unknown expectation prefix in " + name);
      };
    }

    void check(String name, HttpResponse<String> response) {
      String body = response.body();
      switch (this) {
        case HTTP_400, HTTP_413 -> {
          int status = this == HTTP_400 ? 400 : 413;
          assertEquals(status, response.statusCode(), "expected HTTP " + status + " for " + name + ": " + abbreviate(body));
          assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"),
              "expected a plain-text explanation for " + name);
          return;
        }
        default -> assertEquals(200, response.statusCode(), "expected a review (HTTP 200) for " + name + ": "
            + abbreviate(body));
      }
      JsonNode review = TestWebhook.json(body).get("response");
      assertFalse(review.path("uid").asString("").isEmpty(), "expected the uid echoed for " + name);
      boolean allowed = review.path("allowed").asBoolean(false);
      int code = review.path("status").path("code").asInt(0);
      String message = review.path("status").path("message").asString("");
      assertNotEquals(500, code, "expected no internal error for " + name + ": " + message);
      switch (this) {
        case ALLOW -> assertTrue(allowed, "expected " + name + " allowed: " + abbreviate(message));
        case DENY_400, DENY_403 -> {
          assertFalse(allowed, "expected " + name + " denied");
          assertEquals(this == DENY_400 ? 400 : 403, code, "expected status.code for " + name + ": " + abbreviate(message));
        }
        case DENY_ANY -> {
          assertFalse(allowed, "expected " + name + " denied");
          assertTrue(code == 400 || code == 403, "expected status.code 400 or 403 for " + name + ", got " + code
              + ": " + abbreviate(message));
        }
        default -> assertTrue(allowed || code == 400 || code == 403,
            "expected an allow or a 400/403 denial for " + name + ", got " + code);
      }
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  static byte[] review(String objectField, String uid) {
    String text = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\"" + (uid == null ? "generated-1" : uid) + "\","
        + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},"
        + "\"namespace\":\"default\",\"name\":\"c\",\"operation\":\"CREATE\"," + objectField + "}}";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] configMap(String connectorJsonString, boolean labelled) {
    return review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\""
        + (labelled ? ",\"labels\":{\"connectgate.io/connector\":\"true\"}" : "") + "},"
        + "\"data\":{\"c.json\":" + connectorJsonString + "}}", null);
  }

  static byte[] configMapData(String dataEntries) {
    return review("\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\","
        + "\"labels\":{\"connectgate.io/connector\":\"true\"}},\"data\":{" + dataEntries + "}}", null);
  }

  static String jsonString(String text) {
    return TestWebhook.JSON.writeValueAsString(text);
  }

  static String keys(int count, String keyFormat, String value) {
    StringBuilder out = new StringBuilder(count * 20);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(String.format(keyFormat, i)).append("\":").append(value);
    }
    return out.toString();
  }
}
